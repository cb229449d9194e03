package dev.ftpsim.core.tcp;

/**
 * A congestion control strategy: how cwnd grows on ACKs and where ssthresh goes on loss. Loss
 * detection and recovery (fast retransmit, NewReno partial ACKs, RTO) stay in the connection, as
 * Linux's {@code tcp_congestion_ops} leaves them to {@code tcp_input.c}. One instance per
 * connection, so it may keep state, except for {@link #initialWindow}.
 */
public interface CongestionControl {
    String name();

    /**
     * Initial window in bytes. Asked of one instance per stack, not of the connection's own (made
     * only when the connection first needs it): it must depend on {@code mss} alone, as Linux's
     * initial window (TCP_INIT_CWND or the route's initcwnd) does not depend on the algorithm's state.
     */
    long initialWindow(int mss);

    /**
     * cwnd after an ACK that acknowledged {@code acked} new bytes outside loss recovery.
     *
     * @param now simulated time, for time-based algorithms
     */
    long onAck(long cwnd, long ssthresh, long acked, int mss, long now);

    /** ssthresh after a loss is detected (fast retransmit or timeout). */
    long ssthreshAfterLoss(long cwnd, long flightSize, int mss);
}
