package dev.ftpsim.core.tcp;

/**
 * Reno's window rules of RFC 5681 with the initial window of RFC 6928; the NewReno recovery of
 * RFC 6582 lives in {@link TcpConnection}.
 *
 * <p>Slow start and congestion avoidance count bytes (RFC 3465): with delayed ACKs covering two
 * segments, counting ACKs would grow cwnd half as fast.
 */
public final class NewReno implements CongestionControl {
    /** RFC 6928: "IW = min (10*MSS, max (2*MSS, 14600))". */
    static final int IW_SEGMENTS = 10;
    private long bytesAckedInCa;

    @Override
    public String name() {
        return "newreno";
    }

    @Override
    public long initialWindow(final int mss) {
        return Math.min(IW_SEGMENTS * (long) mss, Math.max(2L * mss, 14600));
    }

    @Override
    public long onAck(final long cwnd, final long ssthresh, final long acked, final int mss, final long now) {
        if (cwnd < ssthresh) {
            //" During slow start, a TCP increments cwnd by at most SMSS bytes for each ACK received
            //" that cumulatively acknowledges new data. (RFC 5681 3.1)
            // RFC 3465 2.2 allows a limit L = 2*SMSS, which keeps slow start doubling per RTT
            // under delayed ACKs, as Linux's tcp_slow_start does.
            bytesAckedInCa = 0;
            return Math.min(cwnd + Math.min(acked, 2L * mss), Math.max(ssthresh, cwnd + 1));
        }
        //" ... cwnd MAY be incremented by SMSS bytes each time bytes_acked reaches cwnd
        //" (RFC 3465 2.1, appropriate byte counting in congestion avoidance)
        bytesAckedInCa += acked;
        if (bytesAckedInCa >= cwnd) {
            bytesAckedInCa -= cwnd;
            return cwnd + mss;
        }
        return cwnd;
    }

    @Override
    public long ssthreshAfterLoss(final long cwnd, final long flightSize, final int mss) {
        //" ssthresh = max (FlightSize / 2, 2*SMSS)            (4)   (RFC 5681 3.1)
        bytesAckedInCa = 0;
        return Math.max(flightSize / 2, 2L * mss);
    }
}
