package dev.ftpsim.core.conntrack;

/** Linux's TCP conntrack states ({@code enum tcp_conntrack}), in the kernel's order. */
public enum TcpCtState {
    NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2
}
