package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Path resolution and the text formats of LIST, NLST and MDTM. */
final class ServerFiles {

    private ServerFiles() {}

    /** Resolves {@code arg} against {@code cwd}: '.' and '..' folded, never above "/" (chroot). */
    static String resolve(String cwd, String arg) {
        String p = arg.startsWith("/") ? arg : cwd + "/" + arg;
        var parts = new ArrayList<String>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Whether the kernel would walk {@code arg} from {@code cwd} as vsftpd hands it to open, stat or
     * unlink: whatever stands before a '/' must be a folder, so "a.txt/", "a.txt/." and
     * "a.txt/../b" fail (ENOTDIR) where {@link #resolve} folds them into a plain path (vsftpd
     * 3.0.3: "RETR a.txt/" is "550 Failed to open file.", "SIZE a.txt/../a.txt" "550 Could not get
     * file size.").
     */
    static boolean walks(FileSystem fs, String cwd, String arg) {
        String[] segs = (arg.startsWith("/") ? arg : cwd + "/" + arg).split("/", -1);
        var parts = new ArrayList<String>();
        for (int i = 0; i < segs.length; i++) {
            if (i > 0 && !parts.isEmpty()) {
                FileSystem.Entry e = fs.stat("/" + String.join("/", parts));
                if (e == null || !e.directory()) {
                    return false;
                }
            }
            String s = segs[i];
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                parts.add(s);
            }
        }
        return true;
    }

    /** LIST/NLST argument without ls options ("LIST -la dir"): vsftpd ignores options too. */
    static String listTarget(String arg) {
        String a = arg.trim();
        while (a.startsWith("-")) {
            int sp = a.indexOf(' ');
            a = sp < 0 ? "" : a.substring(sp + 1).trim();
        }
        return a;
    }

    // "Jan 01  1970": ls -l's form for old files; always used so output does not depend on a clock.
    private static final DateTimeFormatter LS_DATE =
            DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MDTM =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One {@code ls -l} line as vsftpd's ls.c builds it: mode, links, owner, group, size, date, name. */
    static String lsLine(FileSystem.Entry e) {
        return String.format(Locale.ROOT, "%s %4d %-8s %-8s %12d %s %s",
                e.directory() ? "drwxr-xr-x" : "-rw-r--r--", e.directory() ? 2 : 1, "ftp", "ftp",
                e.size(), LS_DATE.format(Instant.ofEpochSecond(e.mtime())), shown(e.name()));
    }

    /**
     * A name as a listing line shows it: a CR or LF in it (a file on disk may have one) as '?', as
     * {@code ls -q} shows control characters, so that it cannot end its line and pass for another
     * entry or, in STAT's reply, for a reply line. No client can name such a file back anyway: a
     * command line ends at LF, and a CR in one is refused.
     */
    static String shown(String name) {
        return name.indexOf('\r') < 0 && name.indexOf('\n') < 0 ? name : name.replace('\r', '?').replace('\n', '?');
    }

    /**
     * One line as proftpd 1.3.8's mod_ls.c listfile() builds it: "%s %3d %-8s %-8s %8s %s %2d %s %s",
     * the year as "%5d" for a file older than half a year (as every time here is shown).
     */
    static String proftpdLsLine(FileSystem.Entry e) {
        java.time.ZonedDateTime t = Instant.ofEpochSecond(e.mtime()).atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %3d %-8s %-8s %8d %s %2d %5d %s",
                e.directory() ? "drwxr-xr-x" : "-rw-r--r--", e.directory() ? 2 : 1, "ftp", "ftp", e.size(),
                t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT), t.getDayOfMonth(),
                t.getYear(), shown(e.name()));
    }

    /** LIST or NLST output for a path, CRLF line ends (ASCII type, RFC 959 §3.1.1.1). */
    static byte[] listing(FileSystem fs, String path, boolean namesOnly) {
        return listing(fs, path, namesOnly, false);
    }

    /** As above, LIST's lines in proftpd's format when {@code proftpd}. */
    static byte[] listing(FileSystem fs, String path, boolean namesOnly, boolean proftpd) {
        FileSystem.Entry self = fs.stat(path);
        List<FileSystem.Entry> entries = self == null ? List.of()
                : self.directory() ? fs.list(path) : List.of(self);
        var sb = new StringBuilder();
        for (FileSystem.Entry e : entries) {
            sb.append(namesOnly ? shown(e.name()) : proftpd ? proftpdLsLine(e) : lsLine(e)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 3659 §2.3 time-val, UTC. */
    /** "YYYYMMDDhhmmss" (UTC) as seconds since the epoch, Long.MIN_VALUE when it is not 14 digits of a time. */
    static long parseMdtm(String s) {
        if (s.length() != 14 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.MIN_VALUE;
        }
        try {
            return java.time.LocalDateTime.parse(s, java.time.format.DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT)).toEpochSecond(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** ASCII type's line ends: each LF not preceded by a CR becomes CRLF; other bytes as they are. */
    static byte[] crlf(byte[] b) {
        var o = new java.io.ByteArrayOutputStream(b.length + b.length / 16 + 1);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                o.write('\r');
            }
            o.write(b[i]);
        }
        return o.toByteArray();
    }

    static String mdtm(long epochSeconds) {
        return MDTM.format(Instant.ofEpochSecond(epochSeconds));
    }
}
