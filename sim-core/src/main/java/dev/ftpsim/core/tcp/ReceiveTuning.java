package dev.ftpsim.core.tcp;

/**
 * Receive-buffer autotuning, Linux's dynamic right-sizing ({@code tcp_moderate_rcvbuf} = 1,
 * net/ipv4/tcp_input.c). Once per receiver-side RTT it compares the bytes the application read
 * in that RTT with the last such count; when reading grew, the window grows to about twice the
 * reading rate (plus Linux's growth term and 16 segments of slack), up to half of
 * {@code tcp_rmem[2]}. Without timestamps the receiver estimates its RTT as Linux's
 * {@code tcp_rcv_rtt_measure} does: the time a window's worth of data takes to arrive, keeping
 * the minimum.
 */
final class ReceiveTuning {
    /** Linux rcvq_space.space: bytes read in the last measured RTT (initially TCP_INIT_CWND segments). */
    private long space;
    /** copied_seq and the time when the current measurement began. */
    private long spaceSeq;
    private long spaceTime;
    /** Receiver RTT estimate, 0 until one window has arrived; the seq and time of the running sample. */
    private long rtt;
    private long rttSeq;
    private long rttTime = -1;

    ReceiveTuning(final int mss, final long now) {
        this.space = 10L * mss;
        this.spaceTime = now;
    }

    /** In-order data arrived (RCV.NXT already advanced): Linux tcp_rcv_rtt_measure. */
    void dataArrived(final TcpConnection c, final long now) {
        if (rttTime >= 0) {
            if (c.rcvNxt < rttSeq) {
                return;
            }
            final long sample = now - rttTime;
            rtt = rtt == 0 ? sample : Math.min(rtt, sample);
        }
        rttSeq = c.rcvNxt + Math.max(c.rcvMss, c.rcvEdge - c.rcvNxt);
        rttTime = now;
    }

    /** The application read data: Linux tcp_rcv_space_adjust, growing {@code c.rcvBuf}. */
    void consumed(final TcpConnection c, final long now) {
        if (rtt == 0 || now - spaceTime < rtt) {
            return;
        }
        final long copied = c.bytesReceived - c.rcvUnread - spaceSeq;
        if (copied > space) {
            long win = 2 * copied + 16L * c.rcvMss;
            win += 2 * (win * (copied - space) / space);
            // tcp_win_from_space(tcp_rmem[2]) with tcp_adv_win_scale = 1: half the buffer.
            final long max = c.cfg().receiveBufferMax() / 2;
            if (win > max) {
                win = max;
            }
            if (win > c.rcvBuf) {
                c.rcvBuf = (int) win;
            }
            space = copied;
        }
        spaceSeq = c.bytesReceived - c.rcvUnread;
        spaceTime = now;
    }
}
