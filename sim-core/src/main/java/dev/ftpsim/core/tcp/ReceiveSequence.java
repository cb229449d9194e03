package dev.ftpsim.core.tcp;

/**
 * The receive side of RFC 9293 section 3.3.1, relative to IRS (0 is the peer's SYN): RCV.NXT, the
 * window we offer and promised, and the buffer behind it.
 */
final class ReceiveSequence {
    /** RCV.NXT. */
    long nxt;
    /** RCV.NXT when we last sent an ACK (Linux's rcv_wup). */
    long wup;
    /** RCV.NXT + the window in our last ACK: the right edge we promised, never moved left. */
    long advertisedEdge;
    /** Our window scale (Rcv.Wind.Shift, RFC 7323 2.3). */
    int wscale;
    /** Receive MSS: the largest segment we announced. */
    int mss;
    /**
     * The window the buffer allows (Linux's {@code tcp_full_space()}, which the window clamp
     * follows): half of tcp_rmem's default at first, grown by {@link ReceiveTuning}.
     */
    int buf;
    /**
     * Linux's {@code rcv_ssthresh}: the window we offer at most, starting at the SYN's window and
     * grown by {@code tcp_grow_window()} as in-order data arrives (net/ipv4/tcp_input.c).
     */
    long ssthresh;
    /** Bytes handed to the application and not yet consumed: they occupy the receive buffer. */
    long unread;

    ReceiveSequence(final int buffer, final int mss) {
        this.buf = buffer;
        this.mss = mss;
    }

    /** The peer's SYN with sequence number IRS arrived: "RCV.NXT is set to SEG.SEQ+1". */
    void synReceived() {
        nxt = 1;
        wup = 1;
    }

    /** Free receive buffer space ({@code tcp_space()}). */
    long window() {
        return Math.max(0, buf - unread);
    }

    /** The window we would offer now: free space, at most {@link #ssthresh} ({@code __tcp_select_window()}). */
    long offer() {
        return Math.min(window(), ssthresh);
    }

    /**
     * {@code tcp_grow_window()} for an in-order segment of {@code len} bytes: the offer grows by
     * 2 x our MSS (or twice the segment) per segment of 128 bytes or more, up to the free space.
     * Linux grows by that much when a segment's memory (its truesize) is at most twice its
     * length, as for full-sized segments; it grows by less for small segments in large buffers,
     * which is not modelled.
     */
    void grow(final int len) {
        if (len < 128) {
            return;
        }
        final long room = window() - ssthresh;
        if (room > 0) {
            ssthresh += Math.min(room, Math.max(2L * mss, 2L * len));
        }
    }
}
