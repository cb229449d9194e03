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
 * client's. Bytes are relayed both ways as they arrive; an end's FIN, reset or timeout closes the
 * other end's writing side with a FIN, never a reset, and a failed backend connect closes the
 * accepted client (moby/libnetwork cmd/proxy/tcp_proxy.go, clientLoop: DialTCP to the backend per
 * accepted connection, then per direction io.Copy, whatever error ends it, then CloseRead and
 * CloseWrite). It lives in sim-scenarios because it is a scenario element built by the runner,
 * like the FTP agents, and knows nothing of FTP.
 */
final class UserlandProxy {
    private UserlandProxy() {}

    /** Starts proxying {@code stack}'s port {@code listen} to {@code toAddress}:{@code toPort}. */
    static void start(final TcpStack stack, final int listen, final int toAddress, final int toPort) {
        stack.listen(listen, front -> {
            final Side client = new Side();
            final Side backend = new Side();
            backend.other = front;
            client.other = stack.connect(toAddress, toPort, backend); // failures come later, as events
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

    /** One end of a relayed connection: what it reads goes to {@code other}; its end, however it came, as a FIN. */
    private static final class Side implements TcpHandler {
        TcpConnection other;

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            copy(other, data, 0);
        }

        @Override
        public void receivedBulk(final TcpConnection c, final long bytes) {
            copy(other, null, bytes);
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            other.close();
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            // a failed dial: client.Close(); a reset or timeout ends that side's io.Copy with an
            // error, and the broker then calls CloseWrite on the other end as after EOF
            other.close();
        }
    }
}
