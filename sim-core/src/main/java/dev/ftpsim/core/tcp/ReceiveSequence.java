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
    /** The receive window's size: tcp_rmem's default, grown by {@link ReceiveTuning}. */
    int buf;
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

    /** Free receive buffer space: the window we may offer. */
    long window() {
        return Math.max(0, buf - unread);
    }
}
