package dev.ftpsim.run;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.core.tcp.TcpState;

/**
 * A userland TCP proxy on a node, as Docker's docker-proxy publishes a container's port when a
 * connection does not meet dockerd's DNAT rules (from the host itself to 127.0.0.1, or always with
 * {@code userland-proxy} and {@code iptables: false}): it accepts on the published port and opens a
 * connection of its own to the container, so the container sees the proxy's address, never the
 * client's. Bytes are relayed both ways while the end written to has room (see {@link
 * #WRITE_QUEUE_MAX}); an end's FIN, reset or timeout closes the
 * other end's writing side with a FIN, never a reset, and a failed backend connect closes the
 * accepted client (moby/libnetwork cmd/proxy/tcp_proxy.go, clientLoop: DialTCP to the backend per
 * accepted connection, then per direction io.Copy, whatever error ends it, then CloseRead and
 * CloseWrite). It lives in sim-scenarios because it is a scenario element built by the runner,
 * like the FTP agents, and knows nothing of FTP.
 */
final class UserlandProxy {
    /**
     * The most a relayed direction holds queued on the end it writes to before the proxy stops
     * reading: a socket's send buffer grows to tcp_wmem's maximum, 4 MiB by default
     * (Documentation/networking/ip-sysctl.rst), and io.Copy writes its 32 KiB buffer only into
     * that room. What it has not read then fills its receive buffer and closes the window, so a
     * slow reader holds the container's sender back, as measured with docker.io 20.10.24: a client
     * that never read let the container write 5,744,180 bytes and no more.
     */
    static final long WRITE_QUEUE_MAX = 4L << 20;

    private UserlandProxy() {}

    /** Starts proxying {@code stack}'s port {@code listen} to {@code toAddress}:{@code toPort}. */
    static void start(final TcpStack stack, final int listen, final int toAddress, final int toPort) {
        start(stack, listen, toAddress, toPort, (front, back) -> { });
    }

    /**
     * Starts proxying {@code stack}'s port {@code listen} to {@code toAddress}:{@code toPort};
     * {@code relayed} is told of each connection accepted and the one opened for it (it watches only).
     */
    static void start(final TcpStack stack, final int listen, final int toAddress, final int toPort,
            final java.util.function.BiConsumer<TcpConnection, TcpConnection> relayed) {
        stack.listen(listen, front -> {
            final Side client = new Side();
            final Side backend = new Side();
            client.peer = backend;
            backend.peer = client;
            front.setAutoConsume(false);
            client.self = front;
            backend.other = front;
            final TcpConnection back = stack.connect(toAddress, toPort, backend); // failures come later, as events
            back.setAutoConsume(false);
            backend.self = back;
            client.other = back;
            relayed.accept(front, back);
            return client;
        });
    }

    /** Writes to one end what the other read; once that end is closed, io.Copy's write fails and the copy ends. */
    private static void copy(final TcpConnection to, final byte[] data, final long bulk) {
        if (to.state() == TcpState.CLOSED) {
            return;
        }
        try {
            if (data != null) {
                to.send(data);
            } else {
                to.send(bulk);
            }
        } catch (final IllegalStateException closing) {
            // our FIN is queued already: the write side is shut, as after CloseWrite
        }
    }

    /**
     * One end of a relayed connection: what it reads goes to {@code other} while that end's queue
     * has room; its end, however it came, as a FIN after what it had read.
     */
    private static final class Side implements TcpHandler {
        TcpConnection self;
        TcpConnection other;
        /** The side that reads {@code other} and writes to {@code self}. */
        Side peer;
        /** Bulk bytes {@code self} received and the proxy has not read yet: they hold its window shut. */
        long pending;

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            flush(c); // in order: what waited goes first
            copy(other, data, 0);
            c.consume(data.length);
        }

        @Override
        public void receivedBulk(final TcpConnection c, final long bytes) {
            pending += bytes;
            pump(c);
        }

        /** Copies what waits while the other end's queue has room, and reads it off {@code c}'s buffer. */
        void pump(final TcpConnection c) {
            if (pending == 0 || other == null || other.state() == TcpState.CLOSED) {
                return;
            }
            final long n = Math.min(pending, WRITE_QUEUE_MAX - (other.bytesQueued() - other.bytesAcked()));
            if (n > 0) {
                pending -= n;
                copy(other, null, n);
                c.consume(n);
            }
        }

        /** Copies everything that waits (the read side ended: io.Copy writes out what it read). */
        void flush(final TcpConnection c) {
            if (pending > 0) {
                final long n = pending;
                pending = 0;
                copy(other, null, n);
                if (c.unreadBytes() >= n) {
                    c.consume(n);
                }
            }
        }

        @Override
        public void acked(final TcpConnection c, final long totalAcked) {
            // room on the end this side writes to: the peer reads on
            if (peer != null && peer.self != null) {
                peer.pump(peer.self);
            }
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            flush(c);
            other.close();
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            // a failed dial: client.Close(); a reset or timeout ends that side's io.Copy with an
            // error, and the broker then calls CloseWrite on the other end as after EOF
            flush(c);
            other.close();
        }
    }
}
