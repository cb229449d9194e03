package dev.ftpsim.core.tcp;

/**
 * The send sequence space of RFC 9293 section 3.3.1, relative to ISS (0 is our SYN, 1 the first
 * data byte): SND.UNA, SND.NXT, the highest sequence sent, and SND.WND with the segment that last
 * set it (SND.WL1, SND.WL2). Fields are read directly; SND.UNA, SND.NXT and the highest sent change
 * only through the methods here, so every move of them is in this file.
 */
final class SendSequence {
    /** SND.UNA: oldest unacknowledged sequence. */
    long una;
    /** SND.NXT: where new transmissions continue; back at {@link #una} after a timeout (go-back-N). */
    long nxt;
    /** Highest sequence sent (SND.NXT before any go-back-N). */
    long max;
    /** SND.WND, scaled. */
    long wnd;
    /** SND.WL1, SND.WL2: sequence and acknowledgement of the segment that last updated SND.WND. */
    long wl1;
    long wl2;
    /** The peer's window scale (Snd.Wind.Shift, RFC 7323 2.3). */
    int wscale;

    /** Our SYN is (re)sent: "Set SND.UNA to ISS, SND.NXT to ISS+1" (RFC 9293 3.10.1). */
    void synSent() {
        nxt = 1;
        max = 1;
    }

    /** {@code n} more sequence numbers went out at SND.NXT. */
    void advance(final long n) {
        nxt += n;
        if (nxt > max) {
            max = nxt;
        }
    }

    /** SEG.ACK acknowledged new data: "set SND.UNA <- SEG.ACK"; SND.NXT never stays behind it. */
    void acknowledged(final long ack) {
        una = ack;
        if (nxt < ack) {
            nxt = ack;
        }
    }

    /** A retransmission timeout: continue from the oldest unacknowledged sequence (RFC 6298 5.4). */
    void goBackN() {
        nxt = una;
    }

    /** "set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK" (RFC 9293 3.10.7.4). */
    void window(final long window, final long seq, final long ack) {
        wnd = window;
        wl1 = seq;
        wl2 = ack;
    }
}
