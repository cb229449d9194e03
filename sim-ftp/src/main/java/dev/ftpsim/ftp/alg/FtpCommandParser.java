package dev.ftpsim.ftp.alg;

import java.nio.charset.StandardCharsets;

/**
 * Finds the data-connection announcements in one control line, as nf_conntrack_ftp's search
 * table does: {@code PORT} and {@code EPRT} from the client, {@code 227} and {@code 229} from the
 * server (case-insensitive command names; the numbers parsed like try_rfc959, try_eprt and
 * try_epsv_response). On an IPv6 control connection try_eprt takes only {@code |2|} and on an
 * IPv4 one only {@code |1|} ("EPRT: invalid protocol number").
 */
final class FtpCommandParser {
    enum Kind { PORT, EPRT, PASV, EPSV }

    /**
     * A parsed announcement. {@code address} is 0 for EPSV, which names no address, and for an
     * {@code |2|} EPRT, whose address is {@code hi6}/{@code lo6}; {@code matchOff}/{@code matchLen}
     * delimit the text a NAT helper replaces.
     */
    record Match(Kind kind, int address, int port, int matchOff, int matchLen, long hi6, long lo6) {
        Match(final Kind kind, final int address, final int port, final int matchOff, final int matchLen) {
            this(kind, address, port, matchOff, matchLen, 0, 0);
        }
    }

    private FtpCommandParser() {}

    /** Parses the line {@code b[off, end)} (without its CRLF) of an IPv4 control connection. */
    static Match parse(final byte[] b, final int off, final int end, final boolean fromClient) {
        return parse(b, off, end, fromClient, false);
    }

    /**
     * Parses the line {@code b[off, end)} (without its CRLF) of a control connection of the
     * family {@code v6} says; null when it announces nothing.
     */
    static Match parse(final byte[] b, final int off, final int end, final boolean fromClient, final boolean v6) {
        if (fromClient) {
            if (startsWithIgnoreCase(b, off, end, "PORT ")) {
                return rfc959(b, skipSpaces(b, off + 5, end), end, Kind.PORT);
            }
            if (startsWithIgnoreCase(b, off, end, "EPRT ")) {
                return eprt(b, skipSpaces(b, off + 5, end), end, v6);
            }
            return null;
        }
        if (startsWith(b, off, end, "227 ")) {
            // "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)"; RFC 1123 4.1.2.6 allows other text,
            // so take the first digit run if there is no parenthesis.
            int i = indexOf(b, off + 4, end, (byte) '(');
            i = i < 0 ? firstDigit(b, off + 4, end) : i + 1;
            return i < 0 ? null : rfc959(b, i, end, Kind.PASV);
        }
        if (startsWith(b, off, end, "229 ")) {
            final int i = indexOf(b, off + 4, end, (byte) '(');
            return i < 0 ? null : epsv(b, i + 1, end);
        }
        return null;
    }

    /** Whether a partial line could still become an announcement (for the NAT drop rule). */
    static boolean couldAnnounce(final byte[] b, final int off, final int end, final boolean fromClient) {
        final String[] prefixes = fromClient ? new String[] {"PORT ", "EPRT "} : new String[] {"227 ", "229 "};
        for (final String p : prefixes) {
            final int n = Math.min(end - off, p.length());
            if (regionMatchesIgnoreCase(b, off, p, n)) {
                return true;
            }
        }
        return false;
    }

    /** h1,h2,h3,h4,p1,p2 */
    private static Match rfc959(final byte[] b, final int start, final int end, final Kind kind) {
        final int[] v = new int[6];
        int i = start;
        for (int k = 0; k < 6; k++) {
            int n = 0;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 4) {
                n = n * 10 + (b[i] - '0');
                i++;
                digits++;
            }
            if (digits == 0 || n > 255) {
                return null;
            }
            v[k] = n;
            if (k < 5) {
                if (i >= end || b[i] != ',') {
                    return null;
                }
                i++;
            }
        }
        final int addr = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
        return new Match(kind, addr, v[4] << 8 | v[5], start, i - start);
    }

    /** |1|a.b.c.d|port| or |2|ipv6|port| with any delimiter (RFC 2428 section 2). */
    private static Match eprt(final byte[] b, final int start, final int end, final boolean v6) {
        if (start + 1 >= end) {
            return null;
        }
        final byte d = b[start];
        final String s = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        final String[] parts = s.split(java.util.regex.Pattern.quote(String.valueOf((char) d)), -1);
        if (parts.length < 5 || !parts[1].equals(v6 ? "2" : "1")) {
            return null; // "EPRT: invalid protocol number." (try_eprt): the other family is not tracked
        }
        final int len = 4 + parts[1].length() + parts[2].length() + parts[3].length();
        final int port = number(parts[3]);
        if (v6) {
            final long[] a;
            try {
                a = dev.ftpsim.core.net.Ipv6.parse(parts[2]);
            } catch (final IllegalArgumentException e) {
                return null;
            }
            return port < 0 || port > 65535 || !parts[2].equals(parts[2].strip()) ? null
                    : new Match(Kind.EPRT, 0, port, start, len, a[0], a[1]);
        }
        final long addr = dev.ftpsim.core.net.Ipv4.tryParse(parts[2]);
        if (addr == dev.ftpsim.core.net.Ipv4.INVALID || port < 0 || port > 65535) {
            return null;
        }
        return new Match(Kind.EPRT, (int) addr, port, start, len);
    }

    /** (|||port|) */
    private static Match epsv(final byte[] b, final int start, final int end) {
        if (start + 4 >= end) {
            return null;
        }
        final byte d = b[start];
        if (b[start + 1] != d || b[start + 2] != d) {
            return null;
        }
        int i = start + 3;
        int port = 0;
        int digits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 6) {
            port = port * 10 + (b[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i >= end || b[i] != d || port > 65535) {
            return null;
        }
        return new Match(Kind.EPSV, 0, port, start, i + 1 - start);
    }

    private static int number(final String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(s);
    }

    private static int skipSpaces(final byte[] b, int i, final int end) {
        while (i < end && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static int indexOf(final byte[] b, final int from, final int end, final byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int firstDigit(final byte[] b, final int from, final int end) {
        for (int i = from; i < end; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(final byte[] b, final int off, final int end, final String p) {
        if (end - off < p.length()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (b[off + i] != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(final byte[] b, final int off, final int end, final String p) {
        return end - off >= p.length() && regionMatchesIgnoreCase(b, off, p, p.length());
    }

    private static boolean regionMatchesIgnoreCase(final byte[] b, final int off, final String p, final int n) {
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (b[off + i] & 0xFF)) != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
