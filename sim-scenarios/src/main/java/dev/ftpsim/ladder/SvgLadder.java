package dev.ftpsim.ladder;

import dev.ftpsim.plot.Markup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SVG layout of {@link LadderRenderer#svg}. Theory of operation: one column per node, one row
 * per event: the label above the arrow, each line of its note (a drop's reason, what a middlebox did)
 * under it, the row as tall as its lines. Neighbouring columns are as far apart as the labels of
 * the arrows between them need, and the margins wide enough for each note, centred under its
 * arrow, to stay inside the diagram (see {@link #layout}), so nothing overlaps; widths are estimated from a
 * monospace font (0.6 em per character), which is why the text is set in one.
 */
final class SvgLadder {

    private static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";
    private static final double CHAR = 7.3;          // 12 px monospace advance (0.6 em) plus slack
    private static final int MAX_TEXT = 110;         // longer labels are cut; the full text is the tooltip
    private static final int TOP = 44, BOX_H = 40, ROW = 26, NOTE_LINE = 14, NOTE_ROW = 24;
    private static final String CONTROL = "#0b5cad", DROP = "#cf222e", GREY = "#57606a";
    /** Data connections, in order of appearance; distinct from CONTROL, DROP, GREY (no connection) and each other. */
    private static final String[] DATA = {"#1a7f37", "#9a6700", "#8250df", "#1b7c83", "#bc4c00", "#6e7781"};

    private final List<LadderNode> nodes;
    private final Map<String, Integer> col;
    private final List<LadderEvent> events;
    private final String title;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final Map<String, Integer> markers = new LinkedHashMap<>();
    private final StringBuilder sb = new StringBuilder(4096);
    /** Each column's x; the left margin (times) and the right edge of the drawing. */
    private double[] xs;
    private double left, right;

    SvgLadder(final List<LadderNode> nodes, final Map<String, Integer> col, final List<LadderEvent> events,
              final String title) {
        this.nodes = nodes;
        this.col = col;
        this.events = events;
        this.title = title;
        int data = 0;
        for (final LadderEvent e : events) {
            if (e.kind() != LadderEvent.Kind.NOTE && !colours.containsKey(e.connection())) {
                markers.put(e.connection(), colours.size());
                colours.put(e.connection(), LadderRenderer.isFirstControl(e.connection()) ? CONTROL
                        : e.connection().isEmpty() ? GREY : DATA[data++ % DATA.length]);
            }
        }
    }

    String render() {
        layout();
        int height = TOP + BOX_H + 14;
        for (final LadderEvent e : events) {
            height += rowHeight(e);
        }
        final boolean boxesBelow = events.size() > 15; // long ladders: names at the bottom too
        final int rowsEnd = height + 8;
        final int legendY = rowsEnd + (boxesBelow ? BOX_H + 24 : 16);
        final double width = right + 16;
        height = legendY + 20;

        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%d\""
                + " viewBox=\"0 0 %.0f %d\" font-family=\"%s\" font-size=\"12\">%n", width, height, width, height, FONT));
        sb.append("<title>").append(Markup.escape(title)).append("</title>\n");
        defs();
        sb.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%.1f\" y=\"26\" font-size=\"15\""
                + " font-weight=\"bold\" fill=\"#1f2328\">%s</text>%n", 12.0, Markup.escape(cut(title))));
        int y = TOP + BOX_H + 14;
        for (int r = 0; r < events.size(); r++) { // stripes first: lifelines and arrows go over them
            final int h = rowHeight(events.get(r));
            if (r % 2 == 1) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%.0f\" height=\"%d\""
                        + " fill=\"#f6f8fa\"/>%n", y, width, h));
            }
            y += h;
        }
        for (int i = 0; i < nodes.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<line class=\"lifeline\" data-node=\"%s\" x1=\"%.1f\" y1=\"%d\""
                    + " x2=\"%.1f\" y2=\"%d\" stroke=\"#afb8c1\" stroke-width=\"1\" stroke-dasharray=\"4 4\"/>%n",
                    Markup.escape(nodes.get(i).name()), x(i), TOP + BOX_H, x(i), rowsEnd));
        }
        y = TOP + BOX_H + 14;
        for (final LadderEvent e : events) {
            if (e.kind() == LadderEvent.Kind.NOTE) {
                remark(e, y + 16);
            } else {
                event(e, y + 18);
            }
            y += rowHeight(e);
        }
        boxes(TOP);
        if (boxesBelow) {
            boxes(rowsEnd);
        }
        legend(legendY);
        sb.append("</svg>\n");
        return sb.toString();
    }

    /**
     * Column places and margins from the widest texts. Each pair of neighbouring columns is as far
     * apart as their boxes need; an arrow's label needs its arrow as long as itself, so the columns
     * it spans are moved apart by what it lacks, shared among them (shortest arrows first, so a long
     * one takes what the short ones made); a node's own event needs room to its right. A note under
     * an arrow, alone in its row, only needs the diagram to reach half its width on each side of the
     * arrow's middle: the outer margins grow for it, never the gaps. Columns are thus only as far
     * apart as their own arrows need: a long reply between two columns no longer widens every other.
     */
    private void layout() {
        final int n = nodes.size();
        double timeW = 0;
        for (final LadderEvent e : events) {
            timeW = Math.max(timeW, LadderRenderer.time(e.timeNanos()).length() * CHAR);
        }
        left = Math.max(timeW + 24, 12);
        final double[] half = new double[n];
        for (int i = 0; i < n; i++) {
            half[i] = Math.max(75, boxWidth(nodes.get(i)) / 2 + 12);
        }
        final double[] d = new double[Math.max(n - 1, 0)];
        for (int i = 0; i + 1 < n; i++) {
            d[i] = half[i] + half[i + 1];
        }
        final List<double[]> labels = new java.util.ArrayList<>(); // {from column, to column, width}
        final List<double[]> notes = new java.util.ArrayList<>();
        for (final LadderEvent e : events) {
            if (e.kind() == LadderEvent.Kind.NOTE) {
                continue; // a remark may run across the whole diagram
            }
            final double label = width(label(e)) + 28;
            double note = 0;
            for (final String line : e.noteLines()) {
                note = Math.max(note, width(cut(line)) + 28);
            }
            final int a = Math.min(col.get(e.from()), col.get(e.to())), b = Math.max(col.get(e.from()), col.get(e.to()));
            if (a == b) { // a loop to the right, its texts starting after it
                final double need = Math.max(label, note) + 48;
                if (a + 1 < n) {
                    d[a] = Math.max(d[a], need);
                } else {
                    half[a] = Math.max(half[a], need);
                }
                continue;
            }
            labels.add(new double[] {a, b, label});
            if (note > 0) {
                notes.add(new double[] {a, b, note});
            }
        }
        labels.sort(java.util.Comparator.comparingDouble(l -> l[1] - l[0]));
        for (final double[] l : labels) {
            double sum = 0;
            for (int i = (int) l[0]; i < (int) l[1]; i++) {
                sum += d[i];
            }
            if (sum < l[2]) {
                for (int i = (int) l[0]; i < (int) l[1]; i++) {
                    d[i] += (l[2] - sum) / (l[1] - l[0]);
                }
            }
        }
        xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i == 0 ? half[0] : xs[i - 1] + d[i - 1]; // from the left margin, for now
        }
        double shift = 0;
        for (final double[] t : notes) {
            shift = Math.max(shift, t[2] / 2 - (xs[(int) t[0]] + xs[(int) t[1]]) / 2);
        }
        right = xs[n - 1] + half[n - 1] + shift;
        for (final double[] t : notes) {
            right = Math.max(right, shift + (xs[(int) t[0]] + xs[(int) t[1]]) / 2 + t[2] / 2);
        }
        for (int i = 0; i < n; i++) {
            xs[i] += left + shift;
        }
        right += left;
        // the title and the legend, on one line each, inside too
        double legend = 12;
        for (final String c : colours.keySet()) {
            legend += 50 + width(cut(c.isEmpty() ? "(no connection)" : c));
        }
        if (events.stream().anyMatch(e -> e.kind() == LadderEvent.Kind.DROPPED)) {
            legend += 28 + width("dropped (by the node at the cross)");
        }
        right = Math.max(right, Math.max(legend, 12 + cut(title).length() * 9.2));
    }

    private static int rowHeight(final LadderEvent e) {
        if (e.kind() == LadderEvent.Kind.NOTE) {
            return NOTE_ROW;
        }
        final int lines = e.noteLines().size() + (e.kind() == LadderEvent.Kind.DROPPED && e.note().isEmpty() ? 1 : 0);
        return ROW + NOTE_LINE * lines;
    }

    /** A remark across the diagram in a yellow band, e.g. where the recording was cut. */
    private void remark(final LadderEvent e, final int y) {
        final int a = Math.min(col.get(e.from()), col.get(e.to())), b = Math.max(col.get(e.from()), col.get(e.to()));
        final double x1 = (a == 0 ? left : (xs[a - 1] + xs[a]) / 2) + 4;
        final double x2 = (b == xs.length - 1 ? right : (xs[b] + xs[b + 1]) / 2) - 4;
        sb.append(String.format(Locale.ROOT, "<g class=\"remark\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\""
                + " rx=\"3\" fill=\"#fff8c5\" stroke=\"#d4a72c\"/><text class=\"remark\" x=\"%.1f\" y=\"%d\""
                + " text-anchor=\"middle\" fill=\"#1f2328\">%s %s</text></g>%n", x1, y - 13, x2 - x1, (x1 + x2) / 2, y,
                LadderRenderer.time(e.timeNanos()), Markup.escape(cut(e.label()))));
    }

    private double x(final int column) {
        return xs[column];
    }

    private static double width(final String text) {
        return text.length() * CHAR;
    }

    private static double boxWidth(final LadderNode n) {
        return Math.max(cut(n.name()).length() * 7.8, cut(n.role()).length() * 6.4) + 24;
    }

    private void defs() {
        sb.append("<defs>\n");
        int i = 0;
        for (final String c : colours.values()) {
            sb.append(String.format(Locale.ROOT, "<marker id=\"arrow-%d\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                    + " markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                    + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>%n", i++, c));
        }
        sb.append("</defs>\n");
    }

    private void boxes(final int top) {
        for (int i = 0; i < nodes.size(); i++) {
            final LadderNode n = nodes.get(i);
            final double w = boxWidth(n);
            sb.append(String.format(Locale.ROOT, "<g class=\"node\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                    + " height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\"/>", x(i) - w / 2, top, w, BOX_H,
                    fill(n.role()), GREY));
            final boolean role = !n.role().isEmpty();
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\""
                    + " fill=\"#1f2328\">%s</text>", x(i), top + (role ? 17 : 24), Markup.escape(cut(n.name()))));
            if (role) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\""
                        + " font-size=\"10.5\" fill=\"%s\">%s</text>", x(i), top + 32, GREY, Markup.escape(cut(n.role()))));
            }
            sb.append("</g>\n");
        }
    }

    /** Node colours by role, so the middleboxes stand out; unknown roles are neutral. */
    private static String fill(final String role) {
        final String r = role.toLowerCase(Locale.ROOT);
        if (r.contains("firewall") || r.contains("nat") || r.contains("router") || r.contains("balancer")
                || r.contains("proxy")) {
            return "#fff1e5";
        }
        if (r.contains("client")) {
            return "#ddf4ff";
        }
        return r.contains("server") ? "#dafbe1" : "#f6f8fa";
    }

    private void event(final LadderEvent e, final int y) {
        final String colour = colours.get(e.connection());
        final int marker = markers.get(e.connection());
        final boolean dropped = e.kind() == LadderEvent.Kind.DROPPED;
        final String dash = LadderRenderer.isData(e.connection()) ? " stroke-dasharray=\"7 4\"" : "";
        final double x1 = x(col.get(e.from())), x2 = x(col.get(e.to()));
        final List<String> notes = e.noteLines();
        sb.append(String.format(Locale.ROOT, "<g class=\"event\" data-connection=\"%s\" data-kind=\"%s\">",
                Markup.escape(e.connection()), e.kind()));
        sb.append("<title>").append(Markup.escape(tooltip(e))).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text class=\"time\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\""
                + " font-size=\"11\" fill=\"%s\">%s</text>", left - 12, y + 4, GREY, LadderRenderer.time(e.timeNanos())));
        final String head = dropped ? "" : " marker-end=\"url(#arrow-" + marker + ")\"";
        final double labelX;
        final String anchor;
        if (x1 == x2) { // a node talking to itself: a small loop to the right
            sb.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%d h36 v12 h-36\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"1.6\"%s%s/>", x1, y - 6, colour, dash, head));
            labelX = x1 + 44;
            anchor = "start";
        } else {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"1.6\"%s%s/>", x1, y, x2, y, colour, dash, head));
            labelX = (x1 + x2) / 2;
            anchor = "middle";
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\""
                + " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>",
                labelX, y - 5, anchor, colour, Markup.escape(label(e))));
        int line = 0;
        if (dropped) {
            sb.append(String.format(Locale.ROOT, "<g class=\"drop\" stroke=\"%s\" stroke-width=\"2.6\">"
                    + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "</g>", DROP, x2 - 7, y - 7, x2 + 7, y + 7, x2 - 7, y + 7, x2 + 7, y - 7));
            sb.append(String.format(Locale.ROOT, "<text class=\"drop-note\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\""
                    + " font-size=\"11\" font-style=\"italic\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\""
                    + " paint-order=\"stroke\">%s</text>", labelX, y + 15, anchor, DROP,
                    Markup.escape(cut(notes.isEmpty() ? "dropped" : notes.get(0)))));
            line = 1;
        }
        for (; line < notes.size(); line++) {
            sb.append(String.format(Locale.ROOT, "<text class=\"note\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\""
                    + " font-size=\"11\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>",
                    labelX, y + 15 + NOTE_LINE * line, anchor, GREY, Markup.escape(cut(notes.get(line)))));
        }
        sb.append("</g>\n");
    }

    private void legend(final int y) {
        double x = 12;
        int i = 0;
        for (final Map.Entry<String, String> c : colours.entrySet()) {
            final String name = c.getKey().isEmpty() ? "(no connection)" : c.getKey();
            final String dash = LadderRenderer.isData(c.getKey()) ? " stroke-dasharray=\"7 4\"" : "";
            sb.append(String.format(Locale.ROOT, "<g class=\"legend\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                    + " stroke=\"%s\" stroke-width=\"1.6\"%s marker-end=\"url(#arrow-%d)\"/><text x=\"%.1f\" y=\"%d\""
                    + " fill=\"%s\">%s</text></g>%n", x, y, x + 30, y, c.getValue(), dash, i++, x + 36, y + 4,
                    c.getValue(), Markup.escape(cut(name))));
            x += 50 + width(cut(name));
        }
        if (events.stream().anyMatch(e -> e.kind() == LadderEvent.Kind.DROPPED)) {
            sb.append(String.format(Locale.ROOT, "<g class=\"legend\"><g stroke=\"%s\" stroke-width=\"2.6\">"
                    + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "</g><text x=\"%.1f\" y=\"%d\" fill=\"%s\">dropped (by the node at the cross)</text></g>%n",
                    DROP, x + 8, y - 6, x + 20, y + 6, x + 8, y + 6, x + 20, y - 6, x + 28, y + 4, DROP));
        }
    }

    private static String label(final LadderEvent e) {
        return cut(e.label());
    }

    private static String tooltip(final LadderEvent e) {
        return LadderRenderer.time(e.timeNanos()) + " " + e.from() + " -> " + e.to()
                + (e.connection().isEmpty() ? "" : " [" + e.connection() + "]") + " " + e.label()
                + (e.note().isEmpty() ? "" : " (" + String.join("; ", e.noteLines()) + ")");
    }

    private static String cut(final String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }
}
