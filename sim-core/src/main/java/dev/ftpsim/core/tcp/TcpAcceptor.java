package dev.ftpsim.core.tcp;

/** Accepts connections completed on a listening port. */
@FunctionalInterface
public interface TcpAcceptor {
    /**
     * A passive connection reached ESTABLISHED.
     *
     * @return the handler for its events, or null to refuse it (the connection is reset)
     */
    TcpHandler accept(TcpConnection c);
}
