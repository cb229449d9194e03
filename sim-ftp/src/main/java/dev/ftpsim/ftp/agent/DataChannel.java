package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.Input;
import java.util.function.Consumer;

/**
 * One session's data connection over simulated TCP: the listening socket or the outgoing
 * connect, then the transfer. Turns TCP events into the engine's data inputs.
 */
final class DataChannel implements TcpHandler {
    private final TcpStack tcp;
    private final Consumer<Input> feed;
    private final AgentEvents events;
    private int listenPort = -1;
    private TcpConnection conn;
    private long ackedBase;
    private long lastAcked;
    private boolean closing;
    private boolean done;
    private boolean established;

    DataChannel(final TcpStack tcp, final Consumer<Input> feed, final AgentEvents events) {
        this.tcp = tcp;
        this.feed = feed;
        this.events = events;
    }

    /**
     * ListenData: a specific port, or 0 for an ephemeral one. A port another session listens on
     * is in use (EADDRINUSE), and the server's next choice is tried. A port whose earlier
     * connections are in TIME_WAIT is not: both servers set SO_REUSEADDR, with which Linux binds
     * over TIME_WAIT sockets (inet_csk_bind_conflict).
     */
    void listen(final Action.ListenData l) {
        int p = l.port();
        while (p > 0 && tcp.isListening(p)) {
            p = l.others() == null ? -1 : l.others().next();
        }
        if (p == 0) {
            p = tcp.listenEphemeral(this::accept);
        } else if (p > 0) {
            tcp.listen(p, this::accept);
        }
        if (p < 0) {
            feed.accept(new Input.DataListenFailed());
            return;
        }
        listenPort = p;
        events.dataPort(p);
        feed.accept(new Input.DataListening(p));
    }

    private TcpHandler accept(final TcpConnection c) {
        if (conn != null || done) {
            return null; // one data connection per transfer: refuse others with a reset
        }
        stopListening();
        conn = c;
        // The stack calls connected() on the returned handler next: that reports it.
        return this;
    }

    /** ConnectData. */
    void connect(final Action.ConnectData a) {
        // vsftpd and proftpd bind their port 20 with SO_REUSEADDR before connecting
        conn = tcp.connect(a.ipv4(), a.port(), a.fromPort(), true, this);
        events.dataPort(conn.localPort());
    }

    void send(final Action.SendData a) {
        if (conn == null) {
            throw new IllegalStateException("SendData without a data connection");
        }
        if (a.bytes() != null) {
            conn.send(a.bytes());
        } else {
            conn.send(a.length());
        }
    }

    void close(final boolean abort) {
        stopListening();
        if (conn == null) {
            done = true;
            return;
        }
        if (abort) {
            done = true;
            conn.abort();
        } else {
            closing = true;
            conn.close();
        }
    }

    private void stopListening() {
        if (listenPort > 0) {
            tcp.unlisten(listenPort);
            listenPort = -1;
        }
    }

    @Override
    public void connected(final TcpConnection c) {
        established = true;
        ackedBase = c.bytesAcked();
        events.dataConnected(c);
        feed.accept(new Input.DataConnected(c.remoteIp(), c.remotePort()));
    }

    @Override
    public void received(final TcpConnection c, final byte[] data) {
        events.dataBytes(data.length);
        feed.accept(Input.DataReceived.of(data));
    }

    @Override
    public void receivedBulk(final TcpConnection c, final long n) {
        events.dataBytes(n);
        events.bulkReceived(n); // per segment: no Input allocated
    }

    @Override
    public void acked(final TcpConnection c, final long totalAcked) {
        final long delta = totalAcked - Math.max(lastAcked, ackedBase);
        lastAcked = totalAcked;
        if (delta > 0 && !done) {
            events.dataBytes(delta); // an upload's first byte is the first one the peer acknowledged
            events.bulkSent(delta); // per ACK: no Input allocated
        }
    }

    @Override
    public void peerClosed(final TcpConnection c) {
        // The sender's FIN ends an upload or a download: close our side too, then report.
        if (!closing) {
            closing = true;
            c.close();
        }
    }

    @Override
    public void closed(final TcpConnection c) {
        if (!done) {
            done = true;
            feed.accept(new Input.DataClosed(false));
        }
    }

    @Override
    public void failed(final TcpConnection c, final FailReason reason) {
        if (done) {
            return;
        }
        done = true;
        if (!established) {
            events.dataConnectFailed(reason);
            feed.accept(new Input.DataConnectFailed(reason.text()));
        } else {
            feed.accept(new Input.DataClosed(true));
        }
    }

    /** Drops everything without telling the engine (the session is gone). */
    void dispose() {
        stopListening();
        if (conn != null && !done) {
            conn.abort();
        }
        done = true;
    }
}
