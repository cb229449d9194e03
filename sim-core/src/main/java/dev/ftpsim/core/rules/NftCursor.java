package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Kind;
import dev.ftpsim.core.rules.NftLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A position in a token list, with nft's {@code $variable} expansion done on the fly: a
 * {@code $name} is replaced by the tokens its {@code define} gave, so every parser sees plain tokens.
 */
final class NftCursor {
    private final List<Token> tokens;
    private int at;
    private int depth;
    final Map<String, List<Token>> defines = new HashMap<>();
    final Map<Integer, Long> handles = new HashMap<>();
    /** Words variables have expanded to so far. */
    private long expanded;

    /**
     * Words all variables of a file may expand to: a file's own words are bounded by its size, but a
     * define that names another twice doubles at each level (40 lines would make 2^40 words).
     */
    static final int MAX_EXPANDED = 1_000_000;

    NftCursor(final List<Token> tokens) {
        this.tokens = new ArrayList<>(tokens);
    }

    /** The token {@code k} ahead, variables expanded. */
    Token peek(final int k) {
        for (int i = at; i <= at + k && i < tokens.size(); i++) {
            final Token t = tokens.get(i);
            if (t.kind() == Kind.PUNCT && t.text().equals("$") && i + 1 < tokens.size()) {
                final Token name = tokens.get(i + 1);
                final List<Token> value = defines.get(name.text());
                if (value == null) {
                    throw new ParseFailure(t.pos(), "unknown variable $" + name.text());
                }
                expanded += value.size();
                if (expanded > MAX_EXPANDED) {
                    throw new ParseFailure(t.pos(), "$" + NftCursor.excerpt(name.text()) + ": the file's variables"
                            + " expand to more than " + MAX_EXPANDED + " words (a define naming another twice doubles"
                            + " at each level)");
                }
                tokens.remove(i + 1);
                tokens.remove(i);
                tokens.addAll(i, value);
                i--;
            }
        }
        return tokens.get(Math.min(at + k, tokens.size() - 1));
    }

    Token peek() {
        return peek(0);
    }

    Token next() {
        final Token t = peek();
        if (t.kind() != Kind.EOF) {
            at++;
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
        }
        return t;
    }

    /** How many braces are open at the current position. */
    int depth() {
        return depth;
    }

    /** After an error: skips to the end of the declaration that opened brace level {@code level}. */
    void recoverTo(final int level) {
        recover();
        while (depth > level && raw().kind() != Kind.EOF) {
            skip();
            recover();
        }
    }

    /** Whether the end of the input is reached (no variable expansion: safe in error handling). */
    boolean atEof() {
        return raw().kind() == Kind.EOF;
    }

    /** The current token without variable expansion (error recovery must not fail again). */
    private Token raw() {
        return tokens.get(Math.min(at, tokens.size() - 1));
    }

    private void skip() {
        final Token t = raw();
        if (t.kind() != Kind.EOF) {
            at++;
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
        }
    }

    /** Steps back over a plain word just taken. */
    void back() {
        at--;
        final Token t = tokens.get(at);
        depth -= t.is("{") ? 1 : t.is("}") ? -1 : 0;
    }

    boolean at(final String s) {
        return peek().is(s);
    }

    boolean accept(final String s) {
        if (at(s)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(final String s) {
        final Token t = peek();
        if (!t.is(s)) {
            throw fail(t, "expected '" + s + "'");
        }
        return next();
    }

    /** A word or quoted string (names may be either). */
    Token name(final String what) {
        final Token t = peek();
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
            throw fail(t, "expected " + what);
        }
        return next();
    }

    /**
     * A comment's text after {@code comment}: at most 128 bytes, as nft's parser_bison.y
     * comment_spec refuses {@code strlen > NFTNL_UDATA_COMMENT_MAXLEN} (libnftnl udata.h), for a
     * table, chain, set, element, object or rule alike.
     */
    Token comment(final String what) {
        final Token t = name(what);
        final int bytes = t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > 128) {
            throw new ParseFailure(t.pos(), "comment too long, 128 characters maximum allowed (this one has " + bytes
                    + " bytes)");
        }
        return t;
    }

    /** Whether the current rule or declaration ends here (line end, ';', '}', end of file). */
    boolean atEnd() {
        final Token t = peek();
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.EOF || t.is(";") || t.is("}");
    }

    /** Skips separators; true (and the brace taken) at the '}' closing a block, an error at end of file. */
    boolean blockEnds(final String what) {
        skipSeparators();
        if (accept("}")) {
            return true;
        }
        if (peek().kind() == Kind.EOF) {
            throw fail(peek(), "missing '}' of " + what);
        }
        return false;
    }

    /** An unsigned decimal or hex number. */
    long number() {
        final Token t = name("number");
        final Long v = Values.number(t.text());
        if (v == null) {
            throw fail(t, "expected a number");
        }
        return v;
    }

    void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            next();
        }
    }

    /** Skips line ends and semicolons between declarations. */
    void skipSeparators() {
        while (peek().kind() == Kind.NEWLINE || at(";")) {
            next();
        }
    }

    /** After an error: skips to the end of the current rule or declaration, over nested braces. */
    void recover() {
        int depth = 0;
        while (true) {
            final Token t = raw();
            if (t.kind() == Kind.EOF) {
                return;
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (depth == 0 && (t.kind() == Kind.NEWLINE || t.is(";"))) {
                return;
            }
            skip();
        }
    }

    /** Splices tokens in at the current position (an included file). */
    void insert(final List<Token> more) {
        tokens.addAll(at, more);
    }

    static ParseFailure fail(final Token t, final String message) {
        final String near = t.kind() == Kind.EOF ? "end of file"
                : t.kind() == Kind.NEWLINE ? "end of line" : "'" + excerpt(t.text()) + "'";
        return new ParseFailure(t.pos(), message + " at " + near);
    }

    static String excerpt(final String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
