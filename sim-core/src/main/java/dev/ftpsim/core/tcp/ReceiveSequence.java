package dev.ftpsim.core.tcp;

/**
 * The receive side of RFC 9293 section 3.3.1, relative to IRS (0 is the peer's SYN): RCV.NXT, the
 * window we offer and promised, and the buffer behind it. The variables are fields of
 * {@link TcpConnection} ({@code rcv...}), so that a connection is one object:
 * <ul>
 *   <li>{@code rcvNxt}: RCV.NXT; {@code rcvWup}: RCV.NXT when we last sent an ACK (Linux's rcv_wup);
 *   <li>{@code rcvEdge}: RCV.NXT + the window in our last ACK, the right edge we promised, never
 *       moved left;
 *   <li>{@code rcvWscale}: our window scale (Rcv.Wind.Shift, RFC 7323 2.3); {@code rcvMss}: the
 *       largest segment we announced;
 *   <li>{@code rcvBuf}: the window the buffer allows (Linux's {@code tcp_full_space()}, which the
 *       window clamp follows): half of tcp_rmem's default at first, grown by {@link ReceiveTuning};
 *   <li>{@code rcvSsthresh}: Linux's {@code rcv_ssthresh}, the window we offer at most, starting at
 *       the SYN's window and grown by {@code tcp_grow_window()} as in-order data arrives;
 *   <li>{@code rcvUnread}: bytes handed to the application and not yet consumed, which occupy the
 *       receive buffer.
 * </ul>
 */
final class ReceiveSequence {
    private ReceiveSequence() {}

    /** The peer's SYN with sequence number IRS arrived: "RCV.NXT is set to SEG.SEQ+1". */
    static void synReceived(final TcpConnection c) {
        c.rcvNxt = 1;
        c.rcvWup = 1;
    }

    /** Free receive buffer space ({@code tcp_space()}). */
    static long window(final TcpConnection c) {
        return Math.max(0, c.rcvBuf - c.rcvUnread);
    }

    /** The window we would offer now: free space, at most rcv_ssthresh ({@code __tcp_select_window()}). */
    static long offer(final TcpConnection c) {
        return Math.min(window(c), c.rcvSsthresh);
    }

    /**
     * The window field of a segment (scaled down by {@code wscale}, at most 65535) that offers
     * {@code offer} bytes past RCV.NXT without moving the right edge {@code edge} already promised left.
     */
    static int advertised(final long rcvNxt, final long offer, final long edge, final int wscale) {
        final long right = Math.max(rcvNxt + offer, edge);
        return (int) Math.min((right - rcvNxt + (1L << wscale) - 1) >> wscale, 65535);
    }

    /**
     * {@code tcp_grow_window()} for an in-order segment of {@code len} bytes: the offer grows by
     * 2 x our MSS (or twice the segment) per segment of 128 bytes or more, up to the free space.
     * Linux grows by that much when a segment's memory (its truesize) is at most twice its
     * length, as for full-sized segments; it grows by less for small segments in large buffers,
     * which is not modelled.
     */
    static void grow(final TcpConnection c, final int len) {
        if (len < 128) {
            return;
        }
        final long room = window(c) - c.rcvSsthresh;
        if (room > 0) {
            c.rcvSsthresh += Math.min(room, Math.max(2L * c.rcvMss, 2L * len));
        }
    }
}
