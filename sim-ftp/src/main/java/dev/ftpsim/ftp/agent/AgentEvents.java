package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;

/** What a data channel reports to its session, for timings and reasons. */
interface AgentEvents {
    void dataConnected(TcpConnection c);

    void dataBytes(long n);

    void dataConnectFailed(FailReason reason);

    /** Bulk bytes arrived on the data connection: the engine's allocation-free progress path. */
    void bulkReceived(long n);

    /** The peer acknowledged this many more bytes of a download (same path). */
    void bulkSent(long n);

    /** The local port of a data connection attempt (listening or connecting). */
    default void dataPort(int port) {}
}
