package dev.ftpsim.core.tcp;

/**
 * What moves a connection from one {@link TcpState} to another, as INET's {@code TcpEventCode}:
 * the application's calls, what a segment turned out to be, and timer expiries. Segment and timer
 * processing decide the event; {@link TcpConnection#transition} alone changes the state.
 */
enum TcpEvent {
    /** connect(): our SYN goes out. */
    OPEN_ACTIVE,
    /** A SYN reached a listening port: our SYN,ACK goes out. */
    OPEN_PASSIVE,
    /** A SYN without ACK answered our SYN: simultaneous open. */
    RCV_SYN,
    /** Our SYN is acknowledged and we have the peer's: the handshake is done. */
    HANDSHAKE_DONE,
    /** close(): our FIN is queued after the data. */
    CLOSE,
    /** An ACK acknowledged our FIN. */
    RCV_ACK_OF_FIN,
    /** The peer's FIN is next in sequence; ours, if sent, is not yet acknowledged. */
    RCV_FIN,
    /** The peer's FIN is next in sequence and ours is acknowledged. */
    RCV_FIN_ACKED,
    /** The 2 MSL TIME-WAIT timer expired. */
    TIMEOUT_2MSL,
    /** The connection ends at once: reset, failure, abort, or a close before it was established ("delete the TCB"). */
    DELETE_TCB
}
