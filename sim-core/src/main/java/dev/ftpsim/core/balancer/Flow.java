package dev.ftpsim.core.balancer;

import dev.ftpsim.core.net.Ipv4;

/** One connection in a balancer's table: its client, front port and chosen backend. */
public final class Flow {
    /** Index in the balancer's flow array; -1 once forgotten. */
    int id = -1;
    final int clientAddr;
    final int clientPort;
    final int frontPort;
    final int backend;
    final int backendAddr;
    final int backPort;
    final long created;
    long lastSeen;
    long idleHandle;
    /** The last acknowledgment number each end sent: the sequence number a reset to it must carry. */
    int clientAck;
    int backendAck;
    boolean clientAcked;
    boolean backendAcked;
    boolean clientFin;
    boolean backendFin;
    final long origIps;
    final long origPorts;
    final long replyIps;
    final long replyPorts;

    Flow(final int clientAddr, final int clientPort, final int frontPort, final int backend, final int backendAddr,
            final int backPort, final long now, final long origIps, final long origPorts, final long replyIps,
            final long replyPorts) {
        this.clientAddr = clientAddr;
        this.clientPort = clientPort;
        this.frontPort = frontPort;
        this.backend = backend;
        this.backendAddr = backendAddr;
        this.backPort = backPort;
        this.created = now;
        this.lastSeen = now;
        this.origIps = origIps;
        this.origPorts = origPorts;
        this.replyIps = replyIps;
        this.replyPorts = replyPorts;
    }

    public int clientAddress() {
        return clientAddr;
    }

    public int clientPort() {
        return clientPort;
    }

    /** The virtual port the client dialled. */
    public int frontPort() {
        return frontPort;
    }

    /** Index of the backend in the configuration's list. */
    public int backend() {
        return backend;
    }

    public int backendAddress() {
        return backendAddr;
    }

    public int backendPort() {
        return backPort;
    }

    /** When the first packet created it. */
    public long created() {
        return created;
    }

    /** When a packet last refreshed its idle timer. */
    public long lastSeen() {
        return lastSeen;
    }

    /** Whether the balancer still holds it. */
    public boolean live() {
        return id >= 0;
    }

    @Override
    public String toString() {
        return Ipv4.format(clientAddr) + ":" + clientPort + " -> :" + frontPort + " -> " + Ipv4.format(backendAddr)
                + ":" + backPort;
    }
}
