package dev.ftpsim.core.tcp;

/** Why a connection failed, as an application reads it (like errno: ECONNREFUSED, ETIMEDOUT...). */
public enum FailReason {
    /** RST in answer to our SYN (ECONNREFUSED). */
    REFUSED("refused"),
    /** ICMP destination unreachable or administratively prohibited to our SYN, or no route (EHOSTUNREACH, ENETUNREACH). */
    UNREACHABLE("unreachable"),
    /** SYN or data retransmissions, or keepalive probes, exhausted (ETIMEDOUT). */
    TIMED_OUT("timed out"),
    /** RST on a synchronized connection (ECONNRESET). */
    RESET("reset");

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
