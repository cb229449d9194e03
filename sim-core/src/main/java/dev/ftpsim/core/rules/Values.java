package dev.ftpsim.core.rules;

import java.util.Locale;

/** Parsing of the literal values nft, nft JSON and iptables share: addresses, numbers, times, rates. */
final class Values {
    private Values() {
    }

    /** A dotted-quad IPv4 address, or null. */
    static Integer ipv4(final String s) {
        final String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        int v = 0;
        for (final String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            final int b = Integer.parseInt(part);
            if (b > 255) {
                return null;
            }
            v = v << 8 | b;
        }
        return v;
    }

    /** An IPv6 address as {hi, lo}, or null (RFC 4291 text forms, with an IPv4 tail). */
    static long[] ipv6(final String s) {
        if (s.indexOf(':') < 0 || s.chars().filter(c -> c == ':').count() > 7 && !s.contains("::")) {
            return null;
        }
        final int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        final int[] groups = new int[8];
        final String head = dbl >= 0 ? s.substring(0, dbl) : s;
        final String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        final int[] h = groups(head);
        final int[] t = groups(tail);
        if (h == null || t == null || dbl < 0 && h.length != 8 || dbl >= 0 && h.length + t.length > 7) {
            return null;
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | groups[i];
            lo = lo << 16 | groups[i + 4];
        }
        return new long[] {hi, lo};
    }

    private static int[] groups(final String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        final String[] p = s.split(":", -1);
        final boolean v4tail = p[p.length - 1].contains(".");
        final int[] out = new int[p.length + (v4tail ? 1 : 0)];
        for (int i = 0; i < p.length; i++) {
            if (v4tail && i == p.length - 1) {
                final Integer v4 = ipv4(p[i]);
                if (v4 == null) {
                    return null;
                }
                out[i] = v4 >>> 16;
                out[i + 1] = v4 & 0xffff;
            } else {
                if (p[i].isEmpty() || p[i].length() > 4) {
                    return null;
                }
                try {
                    out[i] = Integer.parseInt(p[i], 16);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return out;
    }

    /** An Ethernet address aa:bb:cc:dd:ee:ff, or null. */
    static Long mac(final String s) {
        final String[] p = s.split(":", -1);
        if (p.length != 6) {
            return null;
        }
        long v = 0;
        for (final String part : p) {
            if (part.length() != 2) {
                return null;
            }
            try {
                v = v << 8 | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return v;
    }

    /** A decimal or 0x-hex unsigned integer, or null. */
    static Long number(final String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(s);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** A signed decimal integer, or null. */
    static Long signed(final String s) {
        if (s.startsWith("-")) {
            final Long v = number(s.substring(1));
            return v == null ? null : -v;
        }
        return number(s);
    }

    /** nft time {@code 1d2h3m4s5ms} (a bare number is seconds), in ms, or -1. */
    static long timeMs(final String s) {
        try {
            return timeMsExact(s);
        } catch (final ArithmeticException | NumberFormatException e) {
            return TOO_LARGE; // more digits or milliseconds than a long holds: nft 1.0.6 says "value too large"
        }
    }

    /** What {@link #timeMs} returns for a time past a long's milliseconds. */
    static final long TOO_LARGE = -2;

    private static long timeMsExact(final String s) {
        final Long plain = s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? Long.valueOf(s) : number(s);
        if (plain != null) {
            return Math.multiplyExact(plain, 1000L);
        }
        long total = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j == i) {
                return -1;
            }
            final long v = Long.parseLong(s.substring(i, j));
            int k = j;
            while (k < s.length() && Character.isLetter(s.charAt(k))) {
                k++;
            }
            final long mult;
            switch (s.substring(j, k)) {
                case "d": mult = 86_400_000L; break;
                case "h": mult = 3_600_000L; break;
                case "m": mult = 60_000L; break;
                case "s": mult = 1_000L; break;
                case "ms": mult = 1L; break;
                default: return -1;
            }
            total = Math.addExact(total, Math.multiplyExact(v, mult));
            any = true;
            i = k;
        }
        return any ? total : -1;
    }

    /** The period of a rate unit (second, minute, hour, day, week) in ms, or -1. */
    static long unitMs(final String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "second": case "sec": case "s": return 1_000L;
            case "minute": case "min": case "m": return 60_000L;
            case "hour": case "h": return 3_600_000L;
            case "day": case "d": return 86_400_000L;
            case "week": return 604_800_000L;
            default: return -1;
        }
    }

    /** Bytes in a byte unit (bytes, kbytes, mbytes, gbytes), or -1. */
    static long byteUnit(final String unit) {
        switch (unit) {
            case "bytes": return 1L;
            case "kbytes": return 1024L;
            case "mbytes": return 1024L * 1024;
            case "gbytes": return 1024L * 1024 * 1024;
            default: return -1;
        }
    }
}
