package dev.ftpsim.cli;

import dev.ftpsim.plot.Markup;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with left-aligned, padded columns, for the terminal. Cells hold the scenario's
 * text (its name, a rule's comment), which real nft takes with any byte but a quote: control and
 * bidirectional characters are shown as {@code \}{@code uXXXX} ({@link Markup#visible}), so an
 * ESC in a comment cannot drive the terminal.
 */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    TextTable(final String... header) {
        this.header = visible(header);
    }

    TextTable row(final String... cells) {
        if (cells.length != header.length) {
            throw new IllegalStateException("row has " + cells.length + " cells, header " + header.length);
        }
        rows.add(visible(cells));
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

    private static String[] visible(final String[] cells) {
        final String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = Markup.visible(cells[i]);
        }
        return out;
    }

    private static String pad(final String s, final int n) {
        return s + " ".repeat(Math.max(0, n - s.length()));
    }
}
