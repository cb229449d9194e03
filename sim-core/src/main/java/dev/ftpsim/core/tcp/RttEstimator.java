package dev.ftpsim.core.tcp;

/**
 * Round-trip time estimation and the retransmission timeout (RFC 6298), in nanoseconds, with the
 * one measurement in flight (Karn's algorithm: none across a retransmission). The variables are
 * fields of {@link TcpConnection}: {@code srtt}, {@code rttvar}, {@code rto}, {@code rttHasSample},
 * and the running measurement's {@code rttSeq} (relative sequence whose acknowledgement ends it,
 * -1 when none) and {@code rttStart}.
 */
final class RttEstimator {
    private RttEstimator() {}

    /**
     * RFC 6298 (2.2)/(2.3) with Linux's floor: Linux's {@code tcp_set_rto} computes
     * {@code srtt + max(4*rttvar, TCP_RTO_MIN)} (the floor applies to the variance term), so the
     * RTO is at least RTT + 200 ms, then caps it at TCP_RTO_MAX.
     */
    static void sample(final TcpConnection c, final long r) {
        if (!c.rttHasSample) {
            //" SRTT <- R, RTTVAR <- R/2
            c.srtt = r;
            c.rttvar = r / 2;
            c.rttHasSample = true;
        } else {
            //" RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|, beta = 1/4
            //" SRTT <- (1 - alpha) * SRTT + alpha * R', alpha = 1/8
            c.rttvar = c.rttvar - c.rttvar / 4 + Math.abs(c.srtt - r) / 4;
            c.srtt = c.srtt - c.srtt / 8 + r / 8;
        }
        c.rto = unbackedRto(c);
        c.rtoBackoff = 0; // tcp_ack_update_rtt(): "RFC6298: only reset backoff on valid RTT measurement."
    }

    /**
     * The RTO before back-offs: Linux's {@code tp->srtt_us ? __tcp_set_rto(tp) : TCP_TIMEOUT_INIT}
     * (the base {@code tcp_ld_RTO_revert()} backs off again).
     */
    static long unbackedRto(final TcpConnection c) {
        if (!c.rttHasSample) {
            return c.cfg().rtoInitialNanos();
        }
        return Math.min(c.cfg().rtoMaxNanos(), c.srtt + Math.max(4 * c.rttvar, c.cfg().rtoMinNanos()));
    }

    /** "(5.5) The host MUST set RTO <- RTO * 2 ("back off the timer")" (RFC 6298), at most TCP_RTO_MAX. */
    static void backOff(final TcpConnection c) {
        c.rto = Math.min(c.rto * 2, c.cfg().rtoMaxNanos());
        if (c.rtoBackoff < Byte.MAX_VALUE) {
            c.rtoBackoff++;
        }
    }
}
