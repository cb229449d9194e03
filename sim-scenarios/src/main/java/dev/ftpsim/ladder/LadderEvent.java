package dev.ftpsim.ladder;

/**
 * One arrow of a ladder diagram: a packet (or FTP line) going from one node to the next.
 *
 * @param timeNanos  when it left {@code from}, simulated nanoseconds; events are drawn in list order
 * @param from       the sending node's {@link LadderNode#name()}
 * @param to         the receiving node's name; for {@link Kind#DROPPED}, the node that dropped it
 * @param label      what travelled, e.g. {@code "SYN 198.51.100.10:40000 > 203.0.113.10:21"}
 * @param connection which TCP connection it belongs to, e.g. "control", "data 1"; each gets its own colour
 * @param kind       delivered, dropped, or a note across the diagram
 * @param note       lines (separated by '\n') drawn under the arrow: for a drop first by which rule or
 *                   conntrack decision (e.g. "dropped by forward rule 3: iif wan drop", "conntrack: table
 *                   full"), then what the middleboxes did (NAT, helper rewrites, conntrack states); may be empty
 */
public record LadderEvent(long timeNanos, String from, String to, String label, String connection, Kind kind,
                          String note) {

    /** What happened to the packet. */
    public enum Kind {
        /** It reached {@code to}. */
        SENT_AND_DELIVERED,
        /** {@code to} dropped it: the arrow stops there with a cross. */
        DROPPED,
        /** No packet: {@code label} is a remark across the diagram from {@code from} to {@code to} (e.g. where it was cut). */
        NOTE
    }

    /** Checks the required parts; null label, connection and note become empty. */
    public LadderEvent {
        if (from == null || to == null || kind == null) {
            throw new IllegalArgumentException("a ladder event needs from, to and kind");
        }
        label = label == null ? "" : label;
        connection = connection == null ? "" : connection;
        note = note == null ? "" : note;
    }

    /** A delivered packet. */
    public static LadderEvent delivered(long timeNanos, String from, String to, String label, String connection) {
        return new LadderEvent(timeNanos, from, to, label, connection, Kind.SENT_AND_DELIVERED, "");
    }

    /** A packet that {@code droppedAt} dropped, and why. */
    public static LadderEvent dropped(long timeNanos, String from, String droppedAt, String label, String connection,
                                      String note) {
        return new LadderEvent(timeNanos, from, droppedAt, label, connection, Kind.DROPPED, note);
    }

    /** A remark across the diagram, between the columns of {@code from} and {@code to}. */
    public static LadderEvent note(long timeNanos, String from, String to, String text) {
        return new LadderEvent(timeNanos, from, to, text, "", Kind.NOTE, "");
    }

    /** The lines of {@link #note()}, none when it is empty. */
    public java.util.List<String> noteLines() {
        return note.isEmpty() ? java.util.List.of() : java.util.List.of(note.split("\n"));
    }
}
