package dev.ftpsim.core.tcp;

/**
 * What an application hears from one connection. Data handed over counts as read at once,
 * unless the connection was switched to explicit reading with
 * {@link TcpConnection#setAutoConsume}. Every method has an empty default.
 */
public interface TcpHandler {
    /** The three-way handshake completed (active or passive side). */
    default void connected(TcpConnection c) {}

    /** In-order real payload bytes; the array belongs to the application. */
    default void received(TcpConnection c, byte[] data) {}

    /** In-order bulk payload: only a count of bytes, no array. */
    default void receivedBulk(TcpConnection c, long bytes) {}

    /** The peer acknowledged data; {@code totalAcked} counts all data bytes acknowledged so far. */
    default void acked(TcpConnection c, long totalAcked) {}

    /** The peer sent FIN: no more data will arrive. */
    default void peerClosed(TcpConnection c) {}

    /** Both directions closed cleanly (entered TIME_WAIT or CLOSED). */
    default void closed(TcpConnection c) {}

    /** The connection failed; it is gone. */
    default void failed(TcpConnection c, FailReason reason) {}
}
