package dev.ftpsim.ladder;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a ladder diagram: {@link #svg} for people (colours per connection, drops as red
 * crosses with the rule that dropped them), {@link #mermaid} for Markdown documents. Both draw the
 * events in list order; nodes from left to right in list order.
 */
public final class LadderRenderer {

    private LadderRenderer() {}

    /**
     * A self-contained SVG document (no fonts, scripts or links outside it).
     *
     * @throws IllegalArgumentException if an event names a node not in {@code nodes}, or two nodes share a name
     */
    public static String svg(final List<LadderNode> nodes, final List<LadderEvent> events, final String title) {
        return new SvgLadder(nodes, columns(nodes, events), events, title == null ? "" : title).render();
    }

    /**
     * Mermaid {@code sequenceDiagram} text. Control arrows are solid ({@code ->>}), data
     * connections dotted ({@code -->>}), as Mermaid has no colour per arrow; a drop ends in a cross ({@code -x}) followed by a
     * {@code Note over} the dropping node with the reason.
     *
     * @throws IllegalArgumentException as {@link #svg}
     */
    public static String mermaid(final List<LadderNode> nodes, final List<LadderEvent> events, final String title) {
        final Map<String, Integer> col = columns(nodes, events);
        final StringBuilder sb = new StringBuilder(64 + 80 * events.size());
        sb.append("sequenceDiagram\n");
        if (title != null && !title.isBlank()) {
            sb.append("    title ").append(mermaidText(title)).append('\n');
        }
        for (int i = 0; i < nodes.size(); i++) {
            final LadderNode n = nodes.get(i);
            sb.append("    participant n").append(i).append(" as ").append(mermaidText(n.name()));
            if (!n.role().isEmpty()) {
                sb.append(" (").append(mermaidText(n.role())).append(')');
            }
            sb.append('\n');
        }
        for (final LadderEvent e : events) {
            if (e.kind() == LadderEvent.Kind.NOTE) {
                sb.append("    Note over ").append(over(col, e)).append(": ").append(mermaidText(time(e.timeNanos())))
                        .append(' ').append(mermaidText(e.label())).append('\n');
                continue;
            }
            final boolean dotted = isData(e.connection());
            final String arrow = e.kind() == LadderEvent.Kind.DROPPED ? (dotted ? "--x" : "-x") : (dotted ? "-->>" : "->>");
            sb.append("    n").append(col.get(e.from())).append(arrow).append('n').append(col.get(e.to())).append(": ")
                    .append(mermaidText(time(e.timeNanos())));
            if (!e.connection().isEmpty()) {
                sb.append(" [").append(mermaidText(e.connection())).append(']');
            }
            sb.append(' ').append(mermaidText(e.label())).append('\n');
            final List<String> notes = e.noteLines();
            if (e.kind() == LadderEvent.Kind.DROPPED) {
                sb.append("    Note over n").append(col.get(e.to())).append(": ")
                        .append(mermaidText(notes.isEmpty() ? "dropped" : notes.get(0))).append('\n');
            }
            for (int i = e.kind() == LadderEvent.Kind.DROPPED ? 1 : 0; i < notes.size(); i++) {
                sb.append("    Note over ").append(over(col, e)).append(": ").append(mermaidText(notes.get(i))).append('\n');
            }
        }
        return sb.toString();
    }

    /** The columns an event spans, as a Mermaid note's place: "n1" or "n0,n2". */
    private static String over(final Map<String, Integer> col, final LadderEvent e) {
        final int a = col.get(e.from()), b = col.get(e.to());
        return a == b ? "n" + a : "n" + Math.min(a, b) + ",n" + Math.max(a, b);
    }

    /** "control" (any case) is the control connection, and so is a name that starts with it ("control relayed by lb"). */
    static boolean isControl(final String connection) {
        return connection.regionMatches(true, 0, "control", 0, 7)
                && (connection.length() == 7 || connection.charAt(7) == ' ');
    }

    /** The control connection itself: drawn in the control colour; other control connections in their own. */
    static boolean isFirstControl(final String connection) {
        return connection.equalsIgnoreCase("control");
    }

    /** Any other named connection is a data connection (drawn dashed); "" is none, e.g. a node's own event. */
    static boolean isData(final String connection) {
        return !connection.isEmpty() && !isControl(connection);
    }

    /** Time labels: milliseconds with microsecond digits, the scale of FTP over a LAN or WAN. */
    static String time(final long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /** Node name to column, checking that every event's ends exist. */
    private static Map<String, Integer> columns(final List<LadderNode> nodes, final List<LadderEvent> events) {
        final Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (col.put(nodes.get(i).name(), i) != null) {
                throw new IllegalArgumentException("two ladder nodes are named '" + nodes.get(i).name() + "'");
            }
        }
        for (final LadderEvent e : events) {
            if (!col.containsKey(e.from()) || !col.containsKey(e.to())) {
                throw new IllegalArgumentException("ladder event '" + e.label() + "' names an unknown node: "
                        + (col.containsKey(e.from()) ? e.to() : e.from()) + "; nodes are " + col.keySet());
            }
        }
        return col;
    }

    /**
     * Text safe on one Mermaid line: Mermaid reads {@code #name;} and {@code #123;} as entities
     * (so {@code #} itself must be one), {@code ;} can end a statement, and {@code <}, {@code >},
     * {@code &}, {@code "} would be read as HTML. Line breaks become spaces, other controls and bidi
     * overrides {@code \}{@code uXXXX}.
     */
    /**
     * How the Mermaid file of a ladder of {@code scenario} starts its title line: a run keeps a
     * ladder in its folder only when it pictures the same scenario.
     */
    public static String mermaidTitleOf(final String scenario) {
        return "    title " + mermaidText(scenario + ", session ");
    }

    static String mermaidText(final String s) {
        final StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '#' -> sb.append("#35;");
                case ';' -> sb.append("#59;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '&' -> sb.append("#amp;");
                case '"' -> sb.append("#quot;");
                case '\r', '\n', '\t' -> sb.append(' ');
                default -> sb.append(dev.ftpsim.plot.Markup.hidden(c) ? String.format("\\u%04X", (int) c)
                        : String.valueOf(c)); // a control or bidi override is shown, not obeyed
            }
        }
        return sb.toString();
    }
}
