package dev.ftpsim.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned, padded columns, for the terminal. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    TextTable(final String... header) {
        this.header = header;
    }

    TextTable row(final String... cells) {
        if (cells.length != header.length) {
            throw new IllegalStateException("row has " + cells.length + " cells, header " + header.length);
        }
        rows.add(cells);
        return this;
    }

    String render() {
        final int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
            for (final String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        final String[] rule = new String[header.length];
        for (int i = 0; i < w.length; i++) {
            rule[i] = "-".repeat(w[i]);
        }
        line(sb, rule, w);
        for (final String[] r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String[] cells, final int[] w) {
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : "  ");
            sb.append(i == cells.length - 1 ? cells[i] : pad(cells[i], w[i]));
        }
        sb.append('\n');
    }

    private static String pad(final String s, final int n) {
        return s + " ".repeat(Math.max(0, n - s.length()));
    }
}
