package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Kind;
import dev.ftpsim.core.rules.NftLexer.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads nft text, as {@code nft list ruleset} prints it and as people keep it, into a {@link Ruleset}:
 * table blocks and bare declarations, script commands ({@code add rule}, {@code insert rule},
 * {@code add element}...), {@code flush}/{@code delete}, {@code define} and {@code include}.
 * Commands apply in file order, as {@code nft -f} applies them; each error is recorded and the
 * parser goes on with the next rule or declaration.
 */
public final class NftParser implements NftRefs {
    private final Ruleset ruleset = new Ruleset();
    private final List<RuleError> errors = new ArrayList<>();
    private final NftCursor in;
    private final NftDecls decls;
    private Table table;
    private final List<Object[]> pending = new ArrayList<>();
    private final Map<Table, Integer> anonymous = new HashMap<>();
    /** The depth of the file each {@code include}'s name token was read from (absent: the top file, 0). */
    private final Map<Token, Integer> includeDepth = new IdentityHashMap<>();
    private long includedBytes;
    private int includedFiles;
    /** What the load this parse is part of read: an include reads each file once (see {@link SourceFiles}). */
    private final SourceFiles sources;

    /** Files open at once through include, the top file counted: nft's MAX_INCLUDE_DEPTH (nftables include/parser.h). */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** Bytes read through include, every inclusion counted: as much as a ruleset file may hold. */
    static final int MAX_INCLUDED_BYTES = 4 << 20;
    /** Inclusions in all: real configurations include a folder of a few dozen files. */
    static final int MAX_INCLUDED_FILES = 1000;

    private NftParser(final List<Token> tokens, final Map<Integer, Long> handles, final SourceFiles sources) {
        this.sources = sources;
        this.in = new NftCursor(tokens);
        this.in.handles.putAll(handles);
        this.decls = new NftDecls(in, this, errors);
    }

    /** Loads a file; includes resolve relative to its directory. */
    public static Ruleset load(final Path file) {
        final List<RuleError> lexErrors = new ArrayList<>();
        final Map<Integer, Long> handles = new HashMap<>();
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesetException(List.of(new RuleError(new Pos(file.toString(), 0, 0), "cannot read: " + e.getMessage())));
        }
        return run(file.toString(), NftLexer.lex(file.toString(), text, handles, lexErrors), handles, lexErrors,
                new SourceFiles());
    }

    /** Loads text named {@code name}; includes resolve relative to the directory of {@code name}. */
    public static Ruleset parse(final String name, final String text) {
        return parse(name, text, new SourceFiles());
    }

    /**
     * {@link #parse(String, String)} as part of a load that read {@code sources}: an included file
     * it read already is not read again, and the files read are added to it.
     */
    public static Ruleset parse(final String name, final String text, final SourceFiles sources) {
        final List<RuleError> lexErrors = new ArrayList<>();
        final Map<Integer, Long> handles = new HashMap<>();
        return run(name, NftLexer.lex(name, text, handles, lexErrors), handles, lexErrors, sources);
    }

    private static Ruleset run(final String name, final List<Token> tokens, final Map<Integer, Long> handles,
            final List<RuleError> lexErrors, final SourceFiles sources) {
        final NftParser p = new NftParser(tokens, handles, sources);
        p.errors.addAll(lexErrors);
        p.file();
        SetIntervals.check(p.ruleset, p.errors);
        if (!p.errors.isEmpty()) {
            throw new RulesetException(p.errors);
        }
        return Canon.ruleset(p.ruleset);
    }

    private void file() {
        while (true) {
            try {
                in.skipSeparators();
                if (in.peek().kind() == Kind.EOF) {
                    return;
                }
                command();
            } catch (ParseFailure f) {
                errors.add(f.error());
                in.recoverTo(0);
                if (in.at("}")) {
                    in.next();
                }
            }
            resolve();
        }
    }

    /** One top-level command; a table block is one command. */
    private void command() {
        final Token t = in.peek();
        final String w = t.text();
        if (t.kind() != Kind.WORD) {
            throw NftCursor.fail(t, "expected a command");
        }
        switch (w) {
            case "define": case "redefine": case "undefine": case "include": directive(); return;
            case "table": in.next(); tableCommand(true, t.pos()); return;
            case "flush": in.next(); flush(t); return;
            case "delete": case "destroy": in.next(); delete(t); return;
            case "add": case "create": in.next(); add(in.peek().is("rule") ? "add" : w, t.pos()); return;
            case "insert": case "replace":
                in.next();
                in.expect("rule");
                ruleCommand(w, t.pos());
                return;
            default:
                add("add", t.pos());
        }
    }

    /** {@code define}, {@code redefine}, {@code undefine} or {@code include}, at any level. */
    void directive() {
        final String w = in.next().text();
        if (w.equals("include")) {
            include();
        } else if (w.equals("undefine")) {
            in.defines.remove(in.name("variable").text());
        } else {
            define();
        }
    }

    private void define() {
        final Token name = in.name("variable name");
        in.expect("=");
        final List<Token> value = new ArrayList<>();
        int depth = 0;
        while (true) {
            final Token v = in.peek();
            if (v.kind() == Kind.EOF || depth == 0 && (v.kind() == Kind.NEWLINE || v.is(";"))) {
                break;
            }
            depth += v.is("{") ? 1 : v.is("}") ? -1 : 0;
            if (v.kind() != Kind.NEWLINE) {
                value.add(v);
            }
            in.next();
        }
        if (value.isEmpty()) {
            throw NftCursor.fail(in.peek(), "define needs a value");
        }
        in.defines.put(name.text(), value);
    }

    private void include() {
        final Token f = in.peek();
        if (f.kind() != Kind.STRING) {
            throw NftCursor.fail(f, "include takes a quoted file name");
        }
        in.next();
        final int depth = includeDepth.getOrDefault(f, 0) + 1;
        if (depth >= MAX_INCLUDE_DEPTH) {
            // nft's limit and words (MAX_INCLUDE_DEPTH, nftables scanner.l); it also ends an include loop
            throw new ParseFailure(f.pos(), "include nested too deeply, max " + MAX_INCLUDE_DEPTH + " levels");
        }
        final Path base = Path.of(f.pos().file()).toAbsolutePath().getParent();
        final Path target;
        try {
            target = base == null ? Path.of(f.text()) : base.resolve(f.text());
        } catch (final java.nio.file.InvalidPathException e) {
            throw new ParseFailure(f.pos(), "include: cannot read " + f.text() + ": " + FileNames.unusable(e));
        }
        final List<Path> files = new ArrayList<>();
        final String glob = f.text();
        if (glob.contains("*") || glob.contains("?") || glob.contains("[")) {
            // the matches of the load's first listing: a file added meanwhile is not half in the load
            files.addAll(sources.glob(target, () -> IncludeGlob.expand(target.toString(), f.pos())));
        } else if (sources.get(target) != null) {
            files.add(target); // read already by this load
        } else if (Files.isDirectory(target)) {
            // nft 1.0.6 globs the name and passes over folders: such an include loads nothing, silently
            throw new ParseFailure(f.pos(), "include: " + target + " is a folder; include \"" + glob
                    + (glob.isEmpty() || glob.endsWith("/") ? "*" : "/*") + "\" loads the files in it");
        } else if (!Files.exists(target)) {
            throw new ParseFailure(f.pos(), "include: no such file " + target);
        } else {
            files.add(target);
        }
        ruleset.includes().addAll(files);
        final List<Token> all = new ArrayList<>();
        for (final Path p : files) {
            final List<RuleError> lexErrors = new ArrayList<>();
            final List<Token> toks = NftLexer.lex(p.toString(), readIncluded(f, p), new HashMap<>(), lexErrors);
            final Token first = toks.stream().filter(t -> t.kind() != Kind.NEWLINE).findFirst().orElseThrow();
            if (first.kind() != Kind.EOF && !(first.kind() == Kind.WORD && first.text().matches("[A-Za-z][\\w-]*"))) {
                // An include may lead anywhere (a password file): say what it is not, without quoting it. A part
                // included inside a table or chain (fw4's) starts with a keyword such as chain, set or tcp.
                throw new ParseFailure(f.pos(), "include: " + p + " is not an nftables ruleset: it does not start with"
                        + " an nft keyword such as 'table', 'chain' or 'flush'");
            }
            errors.addAll(lexErrors);
            for (int i = 0; i + 1 < toks.size(); i++) {
                if (toks.get(i).is("include")) {
                    includeDepth.put(toks.get(i + 1), depth);
                }
            }
            all.addAll(toks.subList(0, toks.size() - 1));
            all.add(new Token(Kind.NEWLINE, "\n", toks.get(toks.size() - 1).pos()));
        }
        in.insert(all);
    }

    /**
     * An included file's text. Only a regular file is opened (a FIFO would block, /dev/zero never
     * ends), and every inclusion counts against one budget of bytes and one of files, so a file
     * that includes itself twice per level cannot multiply past it before the depth limit ends it.
     */
    private String readIncluded(final Token at, final Path p) {
        final byte[] read = sources.get(p);
        final BasicFileAttributes a;
        try {
            a = read != null ? null : Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ParseFailure(at.pos(), "include: cannot read " + p + ": " + why(e));
        }
        if (a != null && !a.isRegularFile()) {
            throw new ParseFailure(at.pos(), "include: " + p + " is not a regular file (a FIFO, device or socket)");
        }
        if (++includedFiles > MAX_INCLUDED_FILES) {
            throw new ParseFailure(at.pos(), "include: more than " + MAX_INCLUDED_FILES + " files included in all");
        }
        final long left = MAX_INCLUDED_BYTES - includedBytes;
        final byte[] bytes;
        if (read != null) {
            bytes = read; // the bytes this load read the first time
        } else if (a.size() <= left) {
            try (InputStream s = Files.newInputStream(p)) {
                bytes = s.readNBytes((int) left + 1); // a file may grow while it is read
            } catch (IOException e) {
                throw new ParseFailure(at.pos(), "include: cannot read " + p + ": " + why(e));
            }
        } else {
            bytes = null;
        }
        if (bytes == null || bytes.length > left) {
            throw new ParseFailure(at.pos(), "include: the included files come to more than " + MAX_INCLUDED_BYTES
                    + " bytes (" + (MAX_INCLUDED_BYTES >> 20) + " MiB) in all");
        }
        includedBytes += bytes.length;
        sources.putIncluded(p, bytes);
        final CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer src = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        if (d.decode(src, out, true).isError()) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            throw new ParseFailure(new Pos(p.toString(), line, col), "byte 0x"
                    + String.format("%02X", bytes[src.position()] & 0xFF) + " is not valid UTF-8: save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    /** Why a file could not be read, in words (an AccessDeniedException's message is only the path). */
    static String why(final IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    /** {@code [family] name}: the family defaults to ip, as in nft. */
    private Object[] familyAndName() {
        Family f = Family.IP;
        final Token first = in.peek();
        final Family named = Family.of(first.text());
        if (first.kind() == Kind.WORD && named != null
                && (in.peek(1).kind() == Kind.WORD || in.peek(1).kind() == Kind.STRING)) {
            in.next();
            f = named;
        }
        final Token name = in.name("table name");
        return new Object[] {f, name};
    }

    private Table existingTable() {
        final Object[] fn = familyAndName();
        final Token name = (Token) fn[1];
        final Table t = ruleset.table((Family) fn[0], name.text());
        if (t == null) {
            throw new ParseFailure(name.pos(), "table " + ((Family) fn[0]).nft() + " " + name.text() + " does not exist");
        }
        return t;
    }

    private void tableCommand(final boolean mayExist, final Pos pos) {
        final Object[] fn = familyAndName();
        final Token name = (Token) fn[1];
        Table t = ruleset.table((Family) fn[0], name.text());
        if (t == null) {
            t = new Table((Family) fn[0], name.text(), name.pos());
            ruleset.tables().add(t);
        } else if (!mayExist) {
            throw new ParseFailure(name.pos(), "table " + name.text() + " exists already");
        }
        table = t;
        if (in.accept("{")) {
            decls.tableBody(t);
        }
    }

    private void flush(final Token cmd) {
        final Token what = in.name("ruleset, table, chain, set or map");
        switch (what.text()) {
            case "ruleset":
                if (Family.of(in.peek().text()) != null) {
                    final Family f = Family.of(in.next().text());
                    ruleset.tables().removeIf(t -> t.family() == f);
                } else {
                    ruleset.tables().clear();
                }
                return;
            case "table": {
                final Table t = existingTable();
                t.chains().clear();
                t.sets().clear();
                t.objects().clear();
                t.flowtables().clear();
                return;
            }
            case "chain":
                table = existingTable();
                chainNamed(in.name("chain name")).rules().clear();
                return;
            case "set": case "map":
                table = existingTable();
                setNamed(in.name("set name")).elements().clear();
                return;
            default:
                throw NftCursor.fail(what, "cannot flush this");
        }
    }

    private void delete(final Token cmd) {
        final Token what = in.name("what to delete");
        switch (what.text()) {
            case "table": {
                final Table t = existingTable();
                ruleset.tables().remove(t);
                return;
            }
            case "chain":
                table = existingTable();
                table.chains().remove(chainNamed(in.name("chain name")).name());
                return;
            case "rule": {
                table = existingTable();
                final Chain c = chainNamed(in.name("chain name"));
                in.expect("handle");
                final long h = decls.number();
                if (!c.rules().removeIf(r -> r.handle() == h)) {
                    throw new ParseFailure(what.pos(), "no rule with handle " + h + " in chain " + c.name());
                }
                return;
            }
            case "set": case "map":
                table = existingTable();
                table.sets().remove(setNamed(in.name("set name")).name());
                return;
            case "element": {
                table = existingTable();
                final NamedSet s = setNamed(in.name("set name"));
                in.expect("{");
                final List<Expr.Element> gone = decls.elements(s);
                for (final Expr.Element g : gone) {
                    if (cmd.text().equals("delete") && s.elements().stream().noneMatch(e -> IrText.same(g.key(), e.key()))) {
                        // nft_del_setelem: -ENOENT ("Could not process rule: No such file or directory")
                        throw new ParseFailure(g.pos(), "this element is not in set " + s.name()
                                + " (the kernel refuses to delete it: No such file or directory)");
                    }
                }
                s.elements().removeIf(e -> gone.stream().anyMatch(g -> IrText.same(g.key(), e.key())));
                return;
            }
            default:
                throw new ParseFailure(what.pos(), "delete " + what.text() + " is not modelled");
        }
    }

    private void add(final String verb, final Pos pos) {
        final Token what = in.name("what to add");
        switch (what.text()) {
            case "table": tableCommand(!verb.equals("create"), pos); return;
            case "rule": ruleCommand("add", pos); return;
            case "element": {
                table = existingTable();
                final NamedSet s = setNamed(in.name("set name"));
                in.expect("{");
                final List<Expr.Element> added = decls.elements(s);
                for (final Expr.Element e : added) {
                    if (verb.equals("create") && s.elements().stream().anyMatch(x -> IrText.same(x.key(), e.key()))) {
                        // create sends NLM_F_EXCL: the kernel refuses a key the set holds (File exists)
                        throw new ParseFailure(e.pos(), "this element is in set " + s.name() + " already (create refuses"
                                + " it: File exists)");
                    }
                }
                s.elements().addAll(added);
                return;
            }
            default: {
                String kind = what.text();
                if (kind.equals("ct")) {
                    kind = "ct " + in.name("helper, timeout or expectation").text();
                }
                table = existingTable();
                final Token name = in.peek();
                if (verb.equals("create") && (kind.equals("chain") && table.chains().containsKey(name.text())
                        || (kind.equals("set") || kind.equals("map")) && table.sets().containsKey(name.text()))) {
                    throw new ParseFailure(name.pos(), kind + " " + name.text() + " exists already (create refuses it: File exists)");
                }
                decls.declaration(table, kind, what.pos(), true);
            }
        }
    }

    private void ruleCommand(final String verb, final Pos pos) {
        table = existingTable();
        final Chain c = chainNamed(in.name("chain name"));
        int at = verb.equals("insert") ? 0 : c.rules().size();
        long handle = -1;
        if (in.at("handle") || in.at("position") || in.at("index")) {
            final String kind = in.next().text();
            final long n = decls.number();
            if (kind.equals("index")) {
                at = (int) Math.min(n + (verb.equals("insert") ? 0 : 1), c.rules().size());
            } else {
                int found = -1;
                for (int i = 0; i < c.rules().size(); i++) {
                    if (c.rules().get(i).handle() == n) {
                        found = i;
                    }
                }
                if (found < 0) {
                    throw new ParseFailure(pos, "no rule with handle " + n + " in chain " + c.name());
                }
                if (verb.equals("replace")) {
                    c.rules().remove(found);
                    handle = n;
                }
                at = verb.equals("insert") || verb.equals("replace") ? found : found + 1;
            }
        }
        c.rules().add(at, new NftRuleParser(in, this, table.family()).rule(handle));
    }

    private Chain chainNamed(final Token name) {
        final Chain c = table.chains().get(name.text());
        if (c == null) {
            throw new ParseFailure(name.pos(), "chain " + name.text() + " does not exist in table " + table.name());
        }
        return c;
    }

    private NamedSet setNamed(final Token name) {
        final NamedSet s = table.sets().get(name.text());
        if (s == null) {
            throw new ParseFailure(name.pos(), "set " + name.text() + " does not exist in table " + table.name());
        }
        return s;
    }

    void current(final Table t) {
        this.table = t;
    }

    @Override
    public void chain(final String name, final Pos pos) {
        pending.add(new Object[] {"chain", name, pos, table});
    }

    @Override
    public void set(final String name, final Pos pos) {
        pending.add(new Object[] {"set", name, pos, table});
    }

    @Override
    public void object(final Stmt.ObjKind kind, final String name, final Pos pos) {
        pending.add(new Object[] {kind, name, pos, table});
    }

    @Override
    public void flowtable(final String name, final Pos pos) {
        pending.add(new Object[] {"flowtable", name, pos, table});
    }

    @Override
    public void meter(final String name, final List<DataType> keyType, final long size, final Pos pos) {
        if (!table.sets().containsKey(name)) {
            // as nft makes a meter's set: dynamic, typed by the key, 65535 slots unless sized
            final NamedSet s = new NamedSet(name, false, pos);
            s.keyType(keyType);
            s.flags().add(NamedSet.Flag.DYNAMIC);
            s.size(size > 0 ? size : 65535);
            table.sets().put(name, s);
        }
    }

    @Override
    public String anonymousChain(final List<Rule> rules, final Pos pos) {
        final int n = anonymous.merge(table, 1, Integer::sum) - 1;
        final Chain c = new Chain("__chain" + n, pos);
        c.rules().addAll(rules);
        table.chains().put(c.name(), c);
        return c.name();
    }

    /** Checks the names the last command referred to against what exists now. */
    private void resolve() {
        for (final Object[] p : pending) {
            final String name = (String) p[1];
            final Table t = (Table) p[3];
            final Object kind = p[0];
            final boolean ok;
            final String what;
            if ("chain".equals(kind)) {
                ok = t.chains().containsKey(name);
                what = "chain";
            } else if ("set".equals(kind)) {
                ok = t.sets().containsKey(name);
                what = "set";
            } else if ("flowtable".equals(kind)) {
                ok = t.flowtables().containsKey(name);
                what = "flowtable";
            } else {
                ok = t.object((Stmt.ObjKind) kind, name) != null;
                what = kind.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            }
            if (!ok) {
                errors.add(new RuleError((Pos) p[2], what + " '" + NftCursor.excerpt(name) + "' does not exist in table "
                        + t.family().nft() + " " + t.name() + " at this point of the file"));
            }
        }
        pending.clear();
    }
}
