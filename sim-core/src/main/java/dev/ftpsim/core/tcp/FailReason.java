package dev.ftpsim.core.tcp;

/** Why a connection failed, as an application reads it (like errno: ECONNREFUSED, ETIMEDOUT...). */
public enum FailReason {
    /**
     * RST in answer to our SYN (ECONNREFUSED); or ICMP port or protocol unreachable, about our SYN
     * or as the last soft error of a connection that timed out.
     */
    REFUSED("refused"),
    /**
     * ICMP destination unreachable, administratively prohibited or time exceeded to our SYN, or no
     * route (EHOSTUNREACH, ENETUNREACH); or such an error as the last soft error of a connection that
     * timed out (Linux reports sk_err_soft instead of ETIMEDOUT).
     */
    UNREACHABLE("unreachable"),
    /** SYN or data retransmissions, or keepalive probes, exhausted (ETIMEDOUT). */
    TIMED_OUT("timed out"),
    /** RST on a synchronized connection (ECONNRESET). */
    RESET("reset"),
    /**
     * connect() found no usable local port: the bound port's tuple to that peer is in use, or
     * every ephemeral port towards it is (EADDRNOTAVAIL, "Cannot assign requested address"); or
     * bind() found the port in TIME-WAIT without SO_REUSEADDR (EADDRINUSE).
     */
    ADDRESS_NOT_AVAILABLE("address not available");

    private final String text;

    FailReason(final String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
