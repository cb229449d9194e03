package dev.ftpsim.ftp.protocol;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Ipv6Addresses;

/**
 * The FTP address syntaxes, IPv4 addresses as {@code int} (dotted quads go through sim-core's
 * {@link Ipv4}): PORT's and 227's {@code h1,h2,h3,h4,p1,p2} (RFC 959 §4.1.2), EPRT's {@code |1|a.b.c.d|port|} and 229's
 * {@code (|||port|)} (RFC 2428 §2-3). Parsers return null on bad syntax: a peer error, not ours.
 */
public final class Addresses {

    private Addresses() {}

    /** An IPv4 address and port. */
    public record HostPort(int ipv4, int port) {}

    /** Where a passive data connection goes: the 227's address {@code given}, or the control peer, by policy. */
    public static int pasvTarget(ClientOptions.PasvPolicy policy, int given, int peerIp) {
        return switch (policy) {
            case IGNORE -> peerIp;
            case TRUST -> given;
            case TRUST_UNLESS_PRIVATE -> given == 0 || (isPrivate(given) && !isPrivate(peerIp)) ? peerIp : given;
            case FIX_MISMATCH -> lftpFixes(given, peerIp) ? peerIp : given;
        };
    }

    /**
     * lftp 4.9.2 ftpclass.cc Handle_PASV: "Address returned by PASV seemed to be incorrect and has
     * been fixed" when the address is reserved or multicast, or when its is_private() or
     * is_loopback() differs from the control peer's (network.cc sockaddr_u: private is 10/8,
     * 172.16/12, 192.168/16 and 169.254/16; loopback is 127.0.0.1 only; reserved is 0/8, the rest
     * of 127/8 and 240/4). Checked with lftp 4.9.2: dialled on 10.99.0.1, a 227 naming 192.0.2.99
     * was replaced by 10.99.0.1.
     */
    static boolean lftpFixes(int given, int peer) {
        int a = given >>> 24;
        boolean reserved = a == 0 || a == 127 && given != LOOPBACK || a >= 240;
        boolean multicast = a >= 224 && a < 240;
        return reserved || multicast || lftpPrivate(given) != lftpPrivate(peer)
                || (given == LOOPBACK) != (peer == LOOPBACK);
    }

    private static final int LOOPBACK = 0x7F000001;

    private static boolean lftpPrivate(int ip) {
        int a = ip >>> 24, b = (ip >>> 16) & 255;
        return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254);
    }

    /** RFC 1918 private, loopback, link-local or 0.0.0.0: not routable on the Internet. */
    public static boolean isPrivate(int ip) {
        int a = ip >>> 24, b = (ip >>> 16) & 255;
        return a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168) || (a == 169 && b == 254);
    }

    /** {@code h1,h2,h3,h4,p1,p2} (PORT argument, 227 text); spaces around numbers allowed. */
    public static HostPort parseCommaForm(String s) {
        String[] p = s.trim().split(",", -1);
        if (p.length != 6) {
            return null;
        }
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = small(p[i].trim(), 255);
            if (v[i] < 0) {
                return null;
            }
        }
        return new HostPort(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3], v[4] << 8 | v[5]);
    }

    /** The comma form of an address and port. */
    public static String commaForm(int ip, int port) {
        return Ipv4.format(ip).replace('.', ',') + "," + (port >>> 8) + "," + (port & 255);
    }

    /**
     * EPRT argument {@code <d><af><d><addr><d><port><d>}, RFC 2428 §2; the delimiter is any
     * printable ASCII 33-126. Returns null for bad syntax; a family other than 1 gives
     * {@code HostPort(-1, -1)} (522 to the peer, RFC 2428 §2).
     */
    public static HostPort parseEprt(String s) {
        String[] p = eprtFields(s);
        if (p == null) {
            return null;
        }
        if (p[0].equals("2")) {
            return new HostPort(-1, -1);
        }
        if (!p[0].equals("1")) {
            return p[0].matches("[0-9]{1,3}") ? new HostPort(-1, -1) : null;
        }
        long ip = Ipv4.tryParse(p[1]);
        int port = small(p[2], 65535);
        if (ip == Ipv4.INVALID || port <= 0) {
            return null;
        }
        return new HostPort((int) ip, port);
    }

    /**
     * An EPRT argument of family 2, {@code |2|2001:db8::10|50000|} (RFC 2428 §2), as the id the
     * network gave that address ({@link Ipv6Addresses#lookup}, 0 for an address the network never
     * saw) and the port; null for bad syntax or another family.
     */
    public static HostPort parseEprt6(String s, Ipv6Addresses v6) {
        String[] p = eprtFields(s);
        if (p == null || !p[0].equals("2")) {
            return null;
        }
        int port = small(p[2], 65535);
        if (port <= 0) {
            return null;
        }
        try {
            long[] a = Ipv6.parse(p[1]);
            return new HostPort(v6.lookup(a[0], a[1]), port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The three fields of {@code <d><af><d><addr><d><port><d>}, or null for bad syntax. */
    private static String[] eprtFields(String s) {
        if (s.length() < 7) {
            return null;
        }
        char d = s.charAt(0);
        if (d < 33 || d > 126 || s.charAt(s.length() - 1) != d) {
            return null;
        }
        String[] p = s.substring(1, s.length() - 1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        return p.length == 3 ? p : null;
    }

    /** The port in a 229 reply text {@code "... (|||port|)"}, RFC 2428 §3, or -1. */
    public static int parseEpsvReply(String text) {
        int o = text.indexOf('('), c = text.indexOf(')', o + 1);
        if (o < 0 || c < 0 || c - o < 6) {
            return -1;
        }
        String in = text.substring(o + 1, c);
        char d = in.charAt(0);
        if (in.length() < 5 || in.charAt(1) != d || in.charAt(2) != d || in.charAt(in.length() - 1) != d) {
            return -1;
        }
        int port = small(in.substring(3, in.length() - 1), 65535);
        return port > 0 ? port : -1;
    }

    /** The host and port in a 227 reply text: the first run of six comma-separated numbers. */
    public static HostPort parsePasvReply(String text) {
        var m = PASV.matcher(text);
        return m.find() ? parseCommaForm(m.group()) : null;
    }

    private static final java.util.regex.Pattern PASV =
            java.util.regex.Pattern.compile("\\d{1,3}(,\\s*\\d{1,3}){5}");

    /** A decimal 0..max of at most 5 digits, or -1. */
    static int small(String s, int max) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }
}
