package dev.ftpsim.ftp.alg;

import java.nio.charset.StandardCharsets;

/**
 * Finds a data-connection announcement at the start of a control line as nf_conntrack_ftp.c does,
 * function by function: its search table ({@code PORT} and {@code EPRT} from the client, {@code
 * 227 } and {@code 229 } from the server, compared with strncasecmp), find_pattern (skip to the
 * table's character, then the number parser), try_rfc959/try_number, try_rfc1123, try_eprt,
 * try_epsv_response and get_port. The kernel checks no ranges: numbers accumulate in 32 bits, the
 * address is shifted together from them and a port is cut to 16 bits ("PORT 10,0,1,258,4,1"
 * names 10.0.1.2 port 1025; "|||66561|" is port 1025). What matches the command but does not
 * parse is {@link #MALFORMED}: the kernel drops that packet ("partial matching").
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

    /** find_pattern's -1: the command matched but its argument did not parse, or was cut off. */
    static final Match MALFORMED = new Match(null, 0, 0, 0, 0);

    private FtpCommandParser() {}

    /** {@link #parse(byte[], int, int, boolean, boolean)} on an IPv4 control connection. */
    static Match parse(final byte[] b, final int off, final int end, final boolean fromClient) {
        return parse(b, off, end, fromClient, false);
    }

    /**
     * Looks for an announcement at {@code b[off]}, with {@code b[off, end)} all the data the
     * kernel would see (the line with its CRLF and whatever follows in the packet); null when the
     * text announces nothing, {@link #MALFORMED} when the packet is to be dropped.
     */
    static Match parse(final byte[] b, final int off, final int end, final boolean fromClient, final boolean v6) {
        if (fromClient) {
            final Match m = findPattern(b, off, end, "PORT", (byte) ' ', Kind.PORT, v6);
            return m != null ? m : findPattern(b, off, end, "EPRT", (byte) ' ', Kind.EPRT, v6);
        }
        final Match m = findPattern(b, off, end, "227 ", (byte) 0, Kind.PASV, v6);
        return m != null ? m : findPattern(b, off, end, "229 ", (byte) '(', Kind.EPSV, v6);
    }

    /** find_pattern (nf_conntrack_ftp.c), its getnum chosen by {@code kind}. */
    private static Match findPattern(final byte[] b, final int off, final int end, final String pattern,
            final byte skip, final Kind kind, final boolean v6) {
        final int dlen = end - off;
        final int plen = pattern.length();
        if (dlen <= plen) {
            //" Short packet: try for partial?
            return regionMatchesIgnoreCase(b, off, pattern, dlen) ? MALFORMED : null;
        }
        if (!regionMatchesIgnoreCase(b, off, pattern, plen)) {
            return null;
        }
        int i = plen;
        if (skip != 0) {
            for (; b[off + i] != skip; i++) {
                if (i == dlen - 1) {
                    return MALFORMED;
                }
            }
            i++; //" Skip over the last character
        }
        final Match m = switch (kind) {
            case PORT -> rfc959(b, off + i, end, (byte) '\r', Kind.PORT);
            case PASV -> rfc1123(b, off + i, end);
            case EPRT -> eprt(b, off + i, end, v6);
            case EPSV -> epsvResponse(b, off + i, end);
        };
        return m != null ? m : MALFORMED;
    }

    /**
     * try_number: {@code n} numbers separated by {@code sep}, digits accumulated without a range
     * check, ended by {@code term} (any other byte when term is 0) after the last; the length, or
     * 0 when the text is anything else or runs out.
     */
    private static int tryNumber(final byte[] b, final int start, final int end, final int[] v, final byte sep,
            final byte term) {
        java.util.Arrays.fill(v, 0);
        int k = 0;
        for (int len = 0; start + len < end && k < v.length; len++) {
            final byte c = b[start + len];
            if (c >= '0' && c <= '9') {
                v[k] = v[k] * 10 + (c - '0');
            } else if (c == sep) {
                k++;
            } else {
                return (c == term || term == 0) && k == v.length - 1 ? len : 0;
            }
        }
        return 0;
    }

    /** try_rfc959: h1,h2,h3,h4,p1,p2 then {@code term}. */
    private static Match rfc959(final byte[] b, final int start, final int end, final byte term, final Kind kind) {
        final int[] v = new int[6];
        final int len = tryNumber(b, start, end, v, (byte) ',', term);
        if (len == 0) {
            return null;
        }
        final int addr = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
        return new Match(kind, addr, (v[4] << 8 | v[5]) & 0xFFFF, start, len);
    }

    /** try_rfc1123: the numbers of a 227 reply begin at its first digit (RFC 1123 4.1.2.6). */
    private static Match rfc1123(final byte[] b, final int start, final int end) {
        for (int i = start; i < end; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return rfc959(b, i, end, (byte) 0, Kind.PASV);
            }
        }
        return null;
    }

    /** try_eprt: |1|a.b.c.d|port| or |2|ipv6|port|, the delimiter any printable byte but a digit. */
    private static Match eprt(final byte[] b, final int start, final int end, final boolean v6) {
        if (end - start <= 3) {
            return null;
        }
        final byte d = b[start];
        if (!delimiter(d) || b[start + 2] != d) {
            return null;
        }
        if (b[start + 1] != (v6 ? '2' : '1')) {
            return null; //" EPRT: invalid protocol number.
        }
        final int addrStart = start + 3;
        if (!v6) {
            final int[] v = new int[4];
            final int len = tryNumber(b, addrStart, end, v, (byte) '.', d);
            if (len == 0) {
                return null;
            }
            final long port = getPort(b, addrStart + len + 1, end, d);
            return port == 0 ? null
                    : new Match(Kind.EPRT, v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3], (int) port & 0xFFFF, start,
                            (int) (port >>> 16) - start);
        }
        // get_ipv6_addr: in6_pton up to the delimiter
        int stop = addrStart;
        while (stop < end && b[stop] != d) {
            stop++;
        }
        if (stop == end || stop == addrStart) {
            return null;
        }
        final String text = new String(b, addrStart, stop - addrStart, StandardCharsets.ISO_8859_1);
        final long[] a;
        try {
            a = dev.ftpsim.core.net.Ipv6.parse(text);
        } catch (final IllegalArgumentException e) {
            return null;
        }
        if (!text.equals(text.strip())) {
            return null;
        }
        final long port = getPort(b, stop + 1, end, d);
        return port == 0 ? null
                : new Match(Kind.EPRT, 0, (int) port & 0xFFFF, start, (int) (port >>> 16) - start, a[0], a[1]);
    }

    /** try_epsv_response: |||port| with three equal delimiters. */
    private static Match epsvResponse(final byte[] b, final int start, final int end) {
        if (end - start <= 3) {
            return null;
        }
        final byte d = b[start];
        if (!delimiter(d) || b[start + 1] != d || b[start + 2] != d) {
            return null;
        }
        final long port = getPort(b, start + 3, end, d);
        return port == 0 ? null : new Match(Kind.EPSV, 0, (int) port & 0xFFFF, start, (int) (port >>> 16) - start);
    }

    /** try_eprt's delimiter test: "isdigit(delim) || delim < 33 || delim > 126" is refused. */
    private static boolean delimiter(final byte d) {
        return d >= 33 && d <= 126 && !(d >= '0' && d <= '9');
    }

    /**
     * get_port: digits up to the delimiter into a 16-bit port (a u_int16_t, so it wraps); 0 when
     * anything else comes first or the port is 0, else the index after the delimiter in the high
     * 16 bits and the port in the low ones.
     */
    private static long getPort(final byte[] b, final int start, final int end, final byte d) {
        int port = 0;
        for (int i = start; i < end; i++) {
            if (b[i] == d) {
                return port == 0 ? 0 : (long) (i + 1) << 16 | port;
            } else if (b[i] >= '0' && b[i] <= '9') {
                port = (port * 10 + (b[i] - '0')) & 0xFFFF;
            } else {
                return 0;
            }
        }
        return 0;
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
