package dev.ftpsim.run;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.core.tcp.TcpState;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A userland TCP proxy on a node: it accepts on a port and opens a connection of its own to a
 * backend, so the backend sees the proxy's address, never the client's. Two programs work so:
 * Docker's docker-proxy, which publishes a container's port when a connection does not meet
 * dockerd's DNAT rules (from the host itself to 127.0.0.1, or always with {@code userland-proxy}
 * and {@code iptables: false}), and HAProxy in {@code mode tcp} ({@link Dial} says how they differ).
 * Bytes are relayed both ways while the end written to has room (see {@link #WRITE_QUEUE_MAX});
 * an end's FIN, reset or timeout closes the other end's writing side with a FIN (but HAProxy
 * passes a client's reset on as a reset), and a failed backend connect, once no retry is left,
 * closes the accepted client with a FIN
 * (moby/libnetwork cmd/proxy/tcp_proxy.go, clientLoop: DialTCP to the backend per accepted
 * connection, then per direction io.Copy, whatever error ends it, then CloseRead and CloseWrite;
 * HAProxy 2.6.12 measured the same: a FIN from either end forwarded as a FIN, the other direction
 * still relayed). It lives in sim-scenarios because it is a scenario element built by the runner,
 * like the FTP agents, and knows nothing of FTP.
 */
final class UserlandProxy {
    /**
     * The most a relayed direction holds queued on the end it writes to before the proxy stops
     * reading: a socket's send buffer grows to tcp_wmem's maximum, 4 MiB by default
     * (Documentation/networking/ip-sysctl.rst), and io.Copy writes its 32 KiB buffer only into
     * that room. What it has not read then fills its receive buffer and closes the window, so a
     * slow reader holds the container's sender back, as measured with docker.io 20.10.24: a client
     * that never read let the container write 5,744,180 bytes and no more. HAProxy's own buffer
     * (tune.bufsize, 16 KiB) adds little to the socket's.
     */
    static final long WRITE_QUEUE_MAX = 4L << 20;

    /**
     * Where an accepted connection goes and how the proxy treats it.
     *
     * @param address the backend's address
     * @param port the backend's port
     * @param retries how many times a failed connect to the backend is tried again (HAProxy's
     *     {@code retries}; docker-proxy: none)
     * @param retryDelayNanos the wait before a retry after a refusal (or any failure the TCP reports)
     * @param connectTimeoutNanos a connect not done by then is given up and tried again at once
     *     (HAProxy's {@code timeout connect}, measured with 2.6.12 and 2 s in front of a server that
     *     dropped SYNs: new SYNs at 0, 2.002, 4.003 and 6.005 s, the client's FIN at 8.006 s;
     *     unset, a connect the kernel gave up on was tried again 1 s later); 0 = none
     * @param idleNanos both connections idle this long close the relay: a FIN to the client, a FIN
     *     then a reset to the backend (HAProxy's {@code timeout client}/{@code timeout server}); 0 = never
     * @param clientResetAborts a reset from the client aborts the backend connection with a reset
     *     (HAProxy 2.6.12, captured: the client's [R.] followed by [R.] to the server at once;
     *     docker-proxy sends a FIN)
     * @param expired told the instant the idle timeout closed the relay, or null
     * @param pool the servers this one is one of, consulted on a retry, told when the relay ends,
     *     and holding a connection that waits for a server; null: none (docker-proxy)
     */
    record Dial(int address, int port, int retries, long retryDelayNanos, long connectTimeoutNanos, long idleNanos,
            boolean clientResetAborts, LongConsumer expired, Pool pool) {
        Dial(final int address, final int port, final int retries, final long retryDelayNanos,
                final long connectTimeoutNanos, final long idleNanos, final boolean clientResetAborts,
                final LongConsumer expired) {
            this(address, port, retries, retryDelayNanos, connectTimeoutNanos, idleNanos, clientResetAborts, expired,
                    null);
        }

        static Dial once(final int address, final int port) {
            return new Dial(address, port, 0, 0, 0, 0, false, null);
        }

        /** No server yet: the accepted connection waits in {@code pool}'s queue for one. */
        static Dial queued(final Pool pool, final long idleNanos) {
            return new Dial(0, 0, 0, 0, 0, idleNanos, true, null, pool);
        }

        boolean isQueued() {
            return address == 0;
        }
    }

    /**
     * The servers of a backend section (HAProxy), for what a relay cannot decide alone: where a
     * retry goes, when a server's slot comes free, and which waiting connection gets it.
     */
    interface Pool {
        /**
         * The connect to {@code failed}'s server failed and a retry is due, {@code retriesLeft}
         * left after it: the dial to try at once ({@code option redispatch}: another server's, or
         * {@code failed} itself when the choice falls on the same server), or null to try the same
         * server after the turn-around timer.
         */
        Dial retry(Dial failed, int retriesLeft);

        /** The relay that dialled {@code last} is over: its server's slot is free. */
        void released(Dial last);

        /** {@code w} waits for a server (every usable one is at its maxconn). */
        void waiting(Waiter w);
    }

    /** An accepted connection waiting for a server. */
    interface Waiter {
        /** The client's connection. */
        TcpConnection client();

        /** Whether it no longer waits (the client reset it). */
        boolean gone();

        /** A server's slot is its: dial it now. */
        void grant(Dial d);

        /** It waited too long ({@code timeout queue}): the client gets a FIN. */
        void reject();
    }

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
            final BiConsumer<TcpConnection, TcpConnection> relayed) {
        final Dial d = Dial.once(toAddress, toPort);
        start(stack, listen, 0, front -> d, relayed);
    }

    /**
     * Starts proxying {@code stack}'s port {@code listen} on address {@code localIp} (0 = any; a
     * connection to another of the node's addresses is reset, as by a port no socket listens on)
     * to the backend {@code upstream} names for each accepted connection; where it names none,
     * the connection is closed at once with a FIN (HAProxy with no usable server). {@code relayed}
     * is told of each connection accepted and each one opened for it, a retry's too (it watches only).
     */
    static void start(final TcpStack stack, final int listen, final int localIp,
            final Function<TcpConnection, Dial> upstream, final BiConsumer<TcpConnection, TcpConnection> relayed) {
        final Simulator sim = stack.node().network().simulator();
        stack.listen(listen, front -> {
            if (localIp != 0 && front.localIp() != localIp) {
                return null;
            }
            final Dial d = upstream.apply(front);
            if (d == null) {
                return new TcpHandler() {
                    @Override
                    public void connected(final TcpConnection c) {
                        c.close();
                    }
                };
            }
            front.setAutoConsume(false);
            return new Relay(stack, sim, front, d, relayed).client;
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

    /** One accepted connection and the proxy's connection to its backend, with the retries and idle timer. */
    private static final class Relay implements Waiter {
        final TcpStack stack;
        final Simulator sim;
        Dial dial;
        final BiConsumer<TcpConnection, TcpConnection> relayed;
        final Side client = new Side(this);
        final Side backend = new Side(this);
        int attemptsLeft;
        long lastActive;
        boolean done;
        /** Whether the pool was told the relay is over. */
        boolean released;

        Relay(final TcpStack stack, final Simulator sim, final TcpConnection front, final Dial dial,
                final BiConsumer<TcpConnection, TcpConnection> relayed) {
            this.stack = stack;
            this.relayed = relayed;
            this.sim = sim;
            this.dial = dial;
            this.attemptsLeft = dial.retries();
            client.peer = backend;
            backend.peer = client;
            client.self = front;
            backend.other = front;
            lastActive = sim.now();
            if (dial.idleNanos() > 0) {
                sim.schedule(dial.idleNanos(), this::idle, null);
            }
            if (dial.isQueued()) {
                backend.connecting = true; // what the client sends waits, as during a connect
                dial.pool().waiting(this);
            } else {
                connect();
            }
        }

        @Override
        public TcpConnection client() {
            return client.self;
        }

        @Override
        public boolean gone() {
            return done || client.self.state() == TcpState.CLOSED;
        }

        @Override
        public void grant(final Dial d) {
            dial = d;
            attemptsLeft = d.retries();
            connect();
        }

        @Override
        public void reject() {
            done = true;
            client.self.close();
        }

        /** The relay is over: its server's slot goes back to the pool (HAProxy's stream ended). */
        void finish() {
            if (!released && dial.pool() != null && !dial.isQueued()) {
                released = true;
                dial.pool().released(dial);
            }
        }

        /** Both ends' reading ended: the relay is over. */
        void maybeFinish() {
            if (client.eof && backend.eof) {
                finish();
            }
        }

        /** Dials the backend; failures come later, as events. */
        void connect() {
            final TcpConnection back = stack.connect(dial.address(), dial.port(), backend);
            back.setAutoConsume(false);
            backend.self = back;
            client.other = back;
            backend.connecting = true;
            relayed.accept(client.self, back);
            if (dial.connectTimeoutNanos() > 0) {
                sim.schedule(dial.connectTimeoutNanos(), x -> {
                    if (!done && backend.self == back && back.state() == TcpState.SYN_SENT) {
                        back.close(); // a connect under way is dropped without a word (SYN-SENT)
                        backend.connecting = false;
                        if (retry(0)) {
                            backend.connecting = true;
                        } else {
                            backend.giveUp(back);
                            finish();
                        }
                    }
                }, null);
            }
        }

        /**
         * A connect failed: another try after the delay while retries are left (HAProxy redials
         * the same server: its turn-around timer, measured 1 s apart without {@code timeout
         * connect}), else the client is closed.
         */
        boolean retry(final long delayNanos) {
            if (attemptsLeft == 0 || client.self.state() == TcpState.CLOSED) {
                return false;
            }
            attemptsLeft--;
            long delay = delayNanos;
            if (dial.pool() != null) {
                final Dial other = dial.pool().retry(dial, attemptsLeft);
                if (other != null) {
                    dial = other;
                    delay = 0; // HAProxy 2.6.12 redispatched at once (0.1 ms), no turn-around timer
                }
            }
            sim.schedule(delay, x -> {
                if (!done) {
                    connect();
                }
            }, null);
            return true;
        }

        private static boolean ended(final TcpConnection c) {
            return c.state() == TcpState.CLOSED || c.state() == TcpState.TIME_WAIT;
        }

        void touch() {
            lastActive = sim.now();
        }

        /** The idle timeout: re-armed at the last activity, else both ends closed as HAProxy does. */
        private void idle(final Object unused) {
            if (done || ended(client.self) && (backend.self == null || ended(backend.self))) {
                done = true;
                finish();
                return;
            }
            final long deadline = lastActive + dial.idleNanos();
            if (sim.now() < deadline) {
                sim.schedule(deadline - sim.now(), this::idle, null);
                return;
            }
            done = true;
            // HAProxy 2.6.12 at timeout client/server (captured): [F.] to the client, [F.] then [R.] to the server
            client.self.close();
            final TcpConnection back = backend.self;
            if (back != null) {
                back.close();
                if (back.state() != TcpState.CLOSED) { // a connect under way is gone already
                    back.abort();
                }
            }
            if (dial.expired() != null) {
                dial.expired().accept(sim.now());
            }
            finish();
        }
    }

    /**
     * One end of a relayed connection: what it reads goes to {@code other} while that end's queue
     * has room; its end, however it came, as a FIN after what it had read.
     */
    private static final class Side implements TcpHandler {
        final Relay relay;
        TcpConnection self;
        TcpConnection other;
        /** The side that reads {@code other} and writes to {@code self}. */
        Side peer;
        /** Bulk bytes {@code self} received and the proxy has not read yet: they hold its window shut. */
        long pending;
        /** Real bytes read while the backend was not yet connected, sent once it is. */
        ArrayDeque<byte[]> early;
        /** For the backend side: its connect has not completed yet. */
        boolean connecting;
        /** Its reading ended: EOF, a reset or a failure. */
        boolean eof;

        Side(final Relay relay) {
            this.relay = relay;
        }

        /** Whether {@code other} cannot be written to yet: the backend's connect is under way. */
        private boolean otherConnecting() {
            return peer.connecting;
        }

        @Override
        public void connected(final TcpConnection c) {
            if (!connecting) {
                return;
            }
            connecting = false;
            relay.touch();
            final Side from = peer;
            if (from.early != null) {
                for (final byte[] d : from.early) {
                    copy(c, d, 0);
                }
                from.early = null;
            }
            from.pump(from.self);
            if (from.self.state() == TcpState.CLOSE_WAIT || from.self.state() == TcpState.CLOSED) {
                c.close(); // the client's FIN came while the proxy was still dialling
            }
        }

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            relay.touch();
            if (otherConnecting()) {
                if (early == null) {
                    early = new ArrayDeque<>();
                }
                early.add(data);
                c.consume(data.length);
                return;
            }
            flush(c); // in order: what waited goes first
            copy(other, data, 0);
            c.consume(data.length);
        }

        @Override
        public void receivedBulk(final TcpConnection c, final long bytes) {
            relay.touch();
            pending += bytes;
            pump(c);
        }

        /** Copies what waits while the other end's queue has room, and reads it off {@code c}'s buffer. */
        void pump(final TcpConnection c) {
            if (pending == 0 || other == null || otherConnecting() || other.state() == TcpState.CLOSED) {
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
            if (pending > 0 && !otherConnecting()) {
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
            relay.touch();
            // room on the end this side writes to: the peer reads on
            if (peer != null && peer.self != null) {
                peer.pump(peer.self);
            }
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            relay.touch();
            eof = true;
            if (otherConnecting()) {
                return; // the backend, once connected, gets the FIN after what waited
            }
            flush(c);
            other.close();
            relay.maybeFinish();
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            if (this == relay.client && reason == FailReason.RESET && relay.dial.clientResetAborts()) {
                relay.done = true;
                if (other != null && other.state() != TcpState.CLOSED) {
                    other.abort();
                }
                relay.finish();
                return;
            }
            if (connecting) {
                connecting = false;
                if (relay.retry(relay.dial.retryDelayNanos())) {
                    connecting = true;
                    return;
                }
                giveUp(c);
                relay.finish(); // HAProxy ends the stream with the client's FIN ("SC" in its log)
                return;
            }
            eof = true;
            if (other == null) {
                return; // the client, while it waited for a server: nothing to pass on
            }
            giveUp(c);
            relay.maybeFinish();
        }

        /** This side's connection is over: what it read goes on, then the other end gets a FIN. */
        void giveUp(final TcpConnection c) {
            // a failed dial: client.Close(); a reset or timeout ends that side's io.Copy with an
            // error, and the broker then calls CloseWrite on the other end as after EOF
            flush(c);
            other.close();
        }
    }
}
