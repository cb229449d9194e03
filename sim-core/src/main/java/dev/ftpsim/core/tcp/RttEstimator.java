package dev.ftpsim.core.tcp;

/**
 * Round-trip time estimation and the retransmission timeout (RFC 6298), in nanoseconds, with the
 * one measurement in flight (Karn's algorithm: none across a retransmission).
 */
final class RttEstimator {
    long srtt;
    long rttvar;
    long rto;
    boolean hasSample;
    /** Relative sequence whose acknowledgement ends the running measurement; -1 when none. */
    long seq = -1;
    /** When the running measurement started. */
    long start;

    RttEstimator(final long initialRto) {
        rto = initialRto;
    }

    /**
     * RFC 6298 (2.2)/(2.3) with Linux's floor: Linux's {@code tcp_set_rto} computes
     * {@code srtt + max(4*rttvar, TCP_RTO_MIN)} (the floor applies to the variance term), so the
     * RTO is at least RTT + 200 ms, then caps it at TCP_RTO_MAX.
     */
    void sample(final long r, final TcpConfig cfg) {
        if (!hasSample) {
            //" SRTT <- R, RTTVAR <- R/2
            srtt = r;
            rttvar = r / 2;
            hasSample = true;
        } else {
            //" RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|, beta = 1/4
            //" SRTT <- (1 - alpha) * SRTT + alpha * R', alpha = 1/8
            rttvar = rttvar - rttvar / 4 + Math.abs(srtt - r) / 4;
            srtt = srtt - srtt / 8 + r / 8;
        }
        rto = Math.min(cfg.rtoMaxNanos(), srtt + Math.max(4 * rttvar, cfg.rtoMinNanos()));
    }

    /** "(5.5) The host MUST set RTO <- RTO * 2 ("back off the timer")" (RFC 6298), at most TCP_RTO_MAX. */
    void backOff(final TcpConfig cfg) {
        rto = Math.min(rto * 2, cfg.rtoMaxNanos());
    }
}
