package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 3659 section 7, machine-readable listings: the facts a session offers and has selected
 * (OPTS MLST), the MLST reply and the MLSD listing. Offered: {@code type}, {@code size} (files)
 * and {@code modify}, all selected at first, as FEAT's asterisks say.
 */
final class ServerFacts {
    /** Supported facts, in FEAT's order (RFC 3659 section 7.8). */
    static final List<String> SUPPORTED = List.of("type", "size", "modify");
    /** proftpd 1.3.8 mod_facts.c lists its facts in this order: by name (checked against proftpd 1.3.8). */
    private static final List<String> PROFTPD_ORDER = List.of("modify", "size", "type");

    private final List<String> order;
    private final boolean proftpd;
    private List<String> selected;

    ServerFacts() {
        this(false);
    }

    /** @param proftpd facts in proftpd's order and its MLST texts */
    ServerFacts(boolean proftpd) {
        this.proftpd = proftpd;
        this.order = proftpd ? PROFTPD_ORDER : SUPPORTED;
        this.selected = order;
    }

    /** FEAT's line: each fact, an asterisk when selected (RFC 3659 section 7.8). */
    String featLine() {
        var sb = new StringBuilder(" MLST ");
        for (String f : order) {
            sb.append(f).append(selected.contains(f) ? "*;" : ";");
        }
        return sb.toString();
    }

    /** OPTS MLST fact;fact;...: unknown facts are ignored, the reply lists what is now selected (section 7.9). */
    Reply opts(String factList) {
        var chosen = new ArrayList<String>();
        for (String f : factList.split(";")) {
            String name = f.trim().toLowerCase(Locale.ROOT);
            if (SUPPORTED.contains(name) && !chosen.contains(name)) {
                chosen.add(name);
            }
        }
        if (proftpd) {
            chosen.sort(java.util.Comparator.comparingInt(order::indexOf));
        }
        selected = List.copyOf(chosen);
        return Reply.of(200, ("MLST OPTS " + String.join(";", selected) + (selected.isEmpty() ? "" : ";")).strip());
    }

    /** "type=file;size=5;modify=19700101000000;" for one entry. */
    private String facts(FileSystem.Entry e) {
        return facts(e, e.directory() ? "dir" : "file");
    }

    /** As above with the type fact's value given: "cdir" and "pdir" for MLSD's "." and "..". */
    private String facts(FileSystem.Entry e, String type) {
        var sb = new StringBuilder();
        for (String f : selected) {
            switch (f) {
                case "type" -> sb.append("type=").append(type).append(';');
                case "size" -> {
                    if (!e.directory()) {
                        sb.append("size=").append(e.size()).append(';');
                    }
                }
                default -> sb.append("modify=").append(ServerFiles.mdtm(e.mtime())).append(';');
            }
        }
        return sb.toString();
    }

    /** MLST PATH: 250 with the facts line (a leading space, section 7.2), or 550 when there is nothing there. */
    Reply mlst(FileSystem fs, String arg, String path) {
        FileSystem.Entry e = fs.stat(path);
        if (e == null) {
            // proftpd 1.3.8 mod_facts.c facts_mlst: "'%s' cannot be listed", the argument as sent
            return proftpd ? Reply.of(550, "'" + arg + "' cannot be listed") : Reply.of(550, "No such file or directory.");
        }
        // facts_mlst: "Start of list for %s" names the argument as sent, the facts line the full path
        String shown = proftpd && !arg.isEmpty() ? arg : path;
        return new Reply(250, List.of("Start of list for " + shown, " " + facts(e) + " " + path, "End of list"));
    }

    /**
     * MLSD's lines for a directory, CRLF-ended (section 7.2); null when it is not one. Names are
     * already bytes, one char each (UTF-8 ones as their UTF-8 bytes), as on the control channel.
     */
    byte[] mlsd(FileSystem fs, String dir) {
        FileSystem.Entry self = fs.stat(dir);
        if (self == null || !self.directory()) {
            return null;
        }
        var sb = new StringBuilder();
        if (proftpd) {
            // proftpd 1.3.8 mod_facts.c facts_mlsd lists the folder itself and its parent too, as
            // "type=cdir" "." and "type=pdir" ".." (RFC 3659 section 7.5.1; checked against
            // proftpd 1.3.8: "MLSD /pub" gave ".", "g.txt", "..", "f.bin", in the folder's order)
            FileSystem.Entry parent = dir.equals("/") ? self : fs.stat(ServerFiles.resolve(dir, ".."));
            sb.append(facts(self, "cdir")).append(" .\r\n");
            sb.append(facts(parent, "pdir")).append(" ..\r\n");
        }
        for (FileSystem.Entry e : fs.list(dir)) {
            sb.append(facts(e)).append(' ').append(ServerFiles.shown(e.name())).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
