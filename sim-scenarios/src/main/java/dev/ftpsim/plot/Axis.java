package dev.ftpsim.plot;

import java.util.Locale;

/**
 * A value axis: a range rounded out to whole steps of 1, 2 or 5 times a power of ten, with a tick at
 * each step. A count axis never steps by less than 1, so it never shows "2.5 sessions".
 */
public final class Axis {
    private final double lo;
    private final double hi;
    private final double step;
    private final int decimals;

    private Axis(final double lo, final double hi, final double step) {
        this.lo = lo;
        this.hi = hi;
        this.step = step;
        this.decimals = step >= 1 ? 0 : (int) -Math.floor(Math.log10(step) + 1e-9);
    }

    /**
     * An axis over {@code [min, max]}; {@code counts} for whole numbers. Infinite or NaN bounds give
     * 0 to 1.
     */
    public static Axis of(final double min, final double max, final boolean counts) {
        double a = Double.isFinite(min) ? min : 0;
        double b = Double.isFinite(max) ? max : 1;
        if (b < a) {
            final double t = a;
            a = b;
            b = t;
        }
        if (b == a) {
            final double pad = a == 0 ? 1 : Math.abs(a) * 0.1;
            a = a >= 0 && a - pad < 0 ? 0 : a - pad;
            b = b + pad;
        }
        double step = nice((b - a) / 5);
        if (counts) {
            step = Math.max(1, step);
        }
        final double lo = Math.floor(a / step + 1e-9) * step;
        double hi = Math.ceil(b / step - 1e-9) * step;
        if (hi <= lo) {
            hi = lo + step;
        }
        return new Axis(lo, hi, step);
    }

    /** An axis fixed to {@code [lo, hi]} with ticks every {@code step}: a fraction's 0 to 1. */
    public static Axis fixed(final double lo, final double hi, final double step) {
        return new Axis(lo, hi, step);
    }

    /** 1, 2 or 5 times a power of ten, the nearest to {@code raw}. */
    private static double nice(final double raw) {
        final double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        final double r = raw / mag;
        return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    /** The tick values, low to high. */
    public double[] ticks() {
        final int n = (int) Math.round((hi - lo) / step) + 1;
        final double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = lo + i * step;
        }
        return t;
    }

    /** A tick's label: as many decimals as the step needs, thousands grouped. */
    public String label(final double v) {
        final double r = Math.abs(v) < step * 1e-6 ? 0 : v;
        return String.format(Locale.ROOT, "%,." + decimals + "f", r);
    }

    /** {@code v}'s position between {@code p0} (at lo) and {@code p1} (at hi). */
    public double map(final double v, final double p0, final double p1) {
        return p0 + (v - lo) / (hi - lo) * (p1 - p0);
    }
}
