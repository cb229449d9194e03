package dev.ftpsim.core.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Durations, rates and sizes as users write them: {@code 5ms}, {@code 120s}, {@code 100Mbps},
 * {@code 1.5GB}. Internally durations are nanoseconds, rates bits per second and sizes bytes, all
 * {@code long}. Decimal arithmetic is exact, so {@code 1.5s} is exactly 1 500 000 000 ns.
 *
 * <p>Prefixes of rates and of sizes written {@code KB}/{@code MB}/{@code GB} are decimal (SI, as
 * link speeds and disk sizes are sold); {@code KiB}/{@code MiB}/{@code GiB} are binary.
 */
public final class Units {
    public static final long NS_PER_US = 1_000L;
    public static final long NS_PER_MS = 1_000_000L;
    public static final long NS_PER_S = 1_000_000_000L;
    public static final long NS_PER_MIN = 60 * NS_PER_S;
    public static final long NS_PER_H = 60 * NS_PER_MIN;
    public static final long NS_PER_DAY = 24 * NS_PER_H;

    private static final String DURATION_HELP =
            "a number followed by ns, us, ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)";
    private static final String RATE_HELP =
            "a number followed by bps, Kbps, Mbps, Gbps or Tbps (e.g. 100Mbps, 1.5Gbps)";
    private static final String SIZE_HELP =
            "a number followed by B, KB, MB, GB, TB, KiB, MiB, GiB or TiB (e.g. 1500B, 100MB, 1.5GB)";

    private Units() {}

    /** Nanoseconds from seconds, milliseconds etc., for code that builds times by hand. */
    public static long seconds(final long s) {
        return Math.multiplyExact(s, NS_PER_S);
    }

    public static long millis(final long ms) {
        return Math.multiplyExact(ms, NS_PER_MS);
    }

    public static long micros(final long us) {
        return Math.multiplyExact(us, NS_PER_US);
    }

    /** Parses a duration into nanoseconds. Zero is allowed, negative values are not. */
    public static long parseDuration(final String text) {
        final String[] nu = split(text, "duration", DURATION_HELP);
        final long unit = switch (nu[1]) {
            case "ns" -> 1L;
            case "us", "µs" -> NS_PER_US;
            case "ms" -> NS_PER_MS;
            case "s" -> NS_PER_S;
            case "min", "m" -> NS_PER_MIN;
            case "h" -> NS_PER_H;
            case "d" -> NS_PER_DAY;
            default -> throw bad(text, "duration", "unknown unit '" + nu[1] + "'", DURATION_HELP);
        };
        return scale(text, nu[0], unit, "duration", DURATION_HELP, "1ns");
    }

    /** Parses a rate into bits per second. */
    public static long parseRate(final String text) {
        final String[] nu = split(text, "rate", RATE_HELP);
        final long unit = switch (nu[1].toLowerCase(Locale.ROOT)) {
            case "bps", "bit/s" -> 1L;
            case "kbps", "kbit/s" -> 1_000L;
            case "mbps", "mbit/s" -> 1_000_000L;
            case "gbps", "gbit/s" -> 1_000_000_000L;
            case "tbps", "tbit/s" -> 1_000_000_000_000L;
            default -> throw bad(text, "rate", "unknown unit '" + nu[1] + "'", RATE_HELP);
        };
        return scale(text, nu[0], unit, "rate", RATE_HELP, "1bps");
    }

    /** Parses a size into bytes. */
    public static long parseSize(final String text) {
        final String[] nu = split(text, "size", SIZE_HELP);
        final long unit = switch (nu[1]) {
            case "B" -> 1L;
            case "KB", "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            default -> throw bad(text, "size", "unknown unit '" + nu[1] + "'", SIZE_HELP);
        };
        return scale(text, nu[0], unit, "size", SIZE_HELP, "1B");
    }

    /** Shortest exact form: 5ms, 1.5s, 120s, 2min, 250us, 7ns. */
    public static String formatDuration(final long ns) {
        if (ns == 0) {
            return "0s";
        }
        final String sign = ns < 0 ? "-" : "";
        final long a = Math.abs(ns);
        if (a >= NS_PER_MIN && a % NS_PER_S == 0 && a % NS_PER_MIN == 0 && a < NS_PER_H) {
            return sign + (a / NS_PER_MIN) + "min";
        }
        if (a >= NS_PER_S) {
            return sign + decimal(a, NS_PER_S) + "s";
        }
        if (a >= NS_PER_MS) {
            return sign + decimal(a, NS_PER_MS) + "ms";
        }
        if (a >= NS_PER_US) {
            return sign + decimal(a, NS_PER_US) + "us";
        }
        return sign + a + "ns";
    }

    /** 100Mbps, 1.5Gbps, 64Kbps. */
    public static String formatRate(final long bps) {
        if (bps >= 1_000_000_000_000L) {
            return decimal(bps, 1_000_000_000_000L) + "Tbps";
        }
        if (bps >= 1_000_000_000L) {
            return decimal(bps, 1_000_000_000L) + "Gbps";
        }
        if (bps >= 1_000_000L) {
            return decimal(bps, 1_000_000L) + "Mbps";
        }
        if (bps >= 1_000L) {
            return decimal(bps, 1_000L) + "Kbps";
        }
        return bps + "bps";
    }

    /** 1500B, 100MB, 1.5GB (decimal prefixes). */
    public static String formatSize(final long bytes) {
        if (bytes >= 1_000_000_000_000L) {
            return decimal(bytes, 1_000_000_000_000L) + "TB";
        }
        if (bytes >= 1_000_000_000L) {
            return decimal(bytes, 1_000_000_000L) + "GB";
        }
        if (bytes >= 1_000_000L) {
            return decimal(bytes, 1_000_000L) + "MB";
        }
        if (bytes >= 1_000L) {
            return decimal(bytes, 1_000L) + "KB";
        }
        return bytes + "B";
    }

    private static String decimal(final long value, final long unit) {
        return new BigDecimal(value).divide(new BigDecimal(unit)).stripTrailingZeros().toPlainString();
    }

    /** Longest number read: a long has 19 digits, so this leaves room for any sensible fraction. */
    private static final int MAX_DIGITS = 64;

    /** Splits "1.5ms" into {"1.5", "ms"}. */
    private static String[] split(final String text, final String what, final String help) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty " + what + ": expected " + help);
        }
        final String t = text.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            final String why = t.startsWith("-") ? "a " + what + " cannot be negative" : "no number";
            throw bad(text, what, why, help);
        }
        if (i > MAX_DIGITS) {
            // BigDecimal parses in quadratic time: a 500,000-digit number would take seconds.
            throw bad(text, what, "more than " + MAX_DIGITS + " digits", help);
        }
        final String unit = t.substring(i).strip();
        if (unit.isEmpty()) {
            throw bad(text, what, "no unit", help);
        }
        return new String[] {t.substring(0, i), unit};
    }

    private static long scale(final String text, final String number, final long unit, final String what,
            final String help, final String resolution) {
        final BigDecimal n;
        try {
            n = new BigDecimal(number);
        } catch (final NumberFormatException e) {
            throw bad(text, what, "'" + number + "' is not a number", help);
        }
        final BigDecimal v = n.multiply(BigDecimal.valueOf(unit));
        try {
            return v.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (final ArithmeticException e) {
            if (v.signum() > 0 && v.compareTo(BigDecimal.ONE) < 0 || v.stripTrailingZeros().scale() > 0) {
                throw bad(text, what, "finer than the resolution of " + resolution, help);
            }
            throw bad(text, what, "too large", help);
        }
    }

    private static IllegalArgumentException bad(final String text, final String what, final String why,
            final String help) {
        return new IllegalArgumentException("bad " + what + " '" + text + "': " + why + "; expected " + help);
    }
}
