package dev.ftpsim.core.tcp;

/**
 * The send sequence space of RFC 9293 section 3.3.1, relative to ISS (0 is our SYN, 1 the first
 * data byte): SND.UNA, SND.NXT, the highest sequence sent, and SND.WND with the segment that last
 * set it (SND.WL1, SND.WL2). The variables are fields of {@link TcpConnection} ({@code snd...}),
 * so that a connection is one object; SND.UNA, SND.NXT and the highest sent change only through
 * the methods here, so every move of them is in this file.
 */
final class SendSequence {
    private SendSequence() {}

    /** Our SYN is (re)sent: "Set SND.UNA to ISS, SND.NXT to ISS+1" (RFC 9293 3.10.1). */
    static void synSent(final TcpConnection c) {
        c.sndNxt = 1;
        c.sndMax = 1;
    }

    /** {@code n} more sequence numbers went out at SND.NXT. */
    static void advance(final TcpConnection c, final long n) {
        c.sndNxt += n;
        c.sndMax = Math.max(c.sndMax, c.sndNxt); // no branch: see TcpInput's class comment
    }

    /** SEG.ACK acknowledged new data: "set SND.UNA <- SEG.ACK"; SND.NXT never stays behind it. */
    static void acknowledged(final TcpConnection c, final long ack) {
        c.sndUna = ack;
        c.sndNxt = Math.max(c.sndNxt, ack); // no branch: see TcpInput's class comment
    }

    /** A retransmission timeout: continue from the oldest unacknowledged sequence (RFC 6298 5.4). */
    static void goBackN(final TcpConnection c) {
        c.sndNxt = c.sndUna;
    }

    /** "set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK" (RFC 9293 3.10.7.4). */
    static void window(final TcpConnection c, final long window, final long seq, final long ack) {
        c.sndWnd = window;
        c.sndWl1 = seq;
        c.sndWl2 = ack;
    }
}
