package dev.ftpsim.core.balancer;

import dev.ftpsim.core.net.Ipv4;

/** One connection in a balancer's table: its client, front port and chosen backend. */
public final class Flow {
    /** Index in the balancer's flow array; -1 once forgotten. */
    int id = -1;
    final int clientAddr;
    /** 0 while an FTP helper's entry waits for the client's data connection (IP_VS_CONN_F_NO_CPORT). */
    int clientPort;
    final int frontPort;
    final int backend;
    final int backendAddr;
    final int backPort;
    /** The director's TCP state ({@link LvsTcp}); NONE for a fresh flow. */
    int state = LvsTcp.NONE;
    /** Whether the backend counts it among its inactive connections (IP_VS_CONN_F_INACTIVE). */
    boolean inactive = true;
    /** When its timer is due (lazily re-armed); 0 = no timer. */
    long timerAt;
    /** The persistence template it was scheduled by, or null. */
    PersistTemplate template;
    /** ip_vs_ftp's app_data: which reply of the server the helper waits for. */
    byte ftpWaits;
    /** Whether it is in the table of 5-tuples (an FTP helper's entry is not until its client port is known). */
    boolean hashed;
    /** nf_conntrack_seqadj of the backend-to-client direction after the helper changed a reply's length. */
    boolean mangled;
    int correctionPos;
    int offsetBefore;
    int offsetAfter;
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
    long origPorts;
    final long replyIps;
    long replyPorts;

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

    /** Its state as ipvsadm -Lnc names it: ESTABLISHED, SYN_RECV, TIME_WAIT, LISTEN, ... */
    public String state() {
        return LvsTcp.NAMES[state];
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
