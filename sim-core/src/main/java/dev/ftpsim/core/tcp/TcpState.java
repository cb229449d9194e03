package dev.ftpsim.core.tcp;

/** Connection states of RFC 9293 section 3.3.2 (LISTEN is a port in the stack, not a connection). */
public enum TcpState {
    CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** Both SYNs seen: sequence numbers of both sides are known. */
    public boolean synchronizedState() {
        return ordinal() >= ESTABLISHED.ordinal();
    }
}
