package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.Reply;
import dev.ftpsim.ftp.protocol.ServerOptions;
import dev.ftpsim.ftp.protocol.ServerSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our FTP server engine on a real loopback socket, serving a {@link FileSystem} (for example a
 * {@link DirectoryFileSystem}). One loop thread per session drives the engine; see {@link Pump}.
 *
 * <p>Bounded by design: at most {@link ServerOptions#maxSessions()} sessions in all and
 * {@link Limits#maxPerIp()} per client address (vsftpd's max_clients and max_per_ip); a connection
 * over a limit is answered 421 and closed by the accepting thread itself, so connections beyond
 * the limits cost no thread. Timers of all sessions share one thread. A failed password is
 * answered after {@link Limits#failedLoginDelayMillis()}, queued per client address across its
 * connections. A command the engine fails on is answered 451 and logged; the session goes on.
 *
 * <pre>{@code
 * try (var s = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(dir), 0)) {
 *     // ftp://127.0.0.1:s.port()/
 * }
 * }</pre>
 */
public final class RealFtpServer implements AutoCloseable {

    /**
     * Limits of a server on real sockets, beyond the engine's {@link ServerOptions}.
     *
     * @param maxPerIp               sessions per client address, 0 = unlimited; vsftpd max_per_ip=0
     * @param failedLoginDelayMillis pause before answering a failed password, queued per client
     *                               address; vsftpd delay_failed_login=1 (seconds, prelogin.c check_login_delay)
     */
    public record Limits(int maxPerIp, long failedLoginDelayMillis) {
        /** vsftpd's defaults (tunables.c). */
        public static final Limits VSFTPD = new Limits(0, 1_000);

        /** Checks ranges. */
        public Limits {
            if (maxPerIp < 0 || failedLoginDelayMillis < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }
    }

    /** vsftpd prelogin.c check_limits, max_per_ip (FTP_IP_LIMIT). */
    public static final Reply TOO_MANY_FROM_ADDRESS = Reply.of(421, "There are too many connections from your internet address.");
    /** RFC 959 section 4.2's 451, for a command the server failed on. */
    public static final Reply LOCAL_ERROR = Reply.of(451, "Requested action aborted: local error in processing.");

    /**
     * What a host sees of each session, for a log. Calls for one session come from its own loop
     * thread, in order; different sessions call concurrently.
     */
    public interface Observer {
        /** A client connected; {@code session} numbers start at 1. */
        default void opened(int session, InetSocketAddress client) {}

        /** A connection over a limit was answered {@code reply} and closed, without a session. */
        default void refused(InetSocketAddress client, Reply reply) {}

        /** An input, before the engine handles it (control bytes as read: partial or several lines). */
        default void received(int session, Input input) {}

        /** An action of the engine, before it is performed. */
        default void performed(int session, Action action) {}

        /** The engine failed on an input; the client was answered {@link #LOCAL_ERROR}. */
        default void failed(int session, RuntimeException error) {}

        /** The session ended. */
        default void closed(int session) {}
    }

    private static final Observer NONE = new Observer() {};

    private final ServerOptions options;
    private final Limits limits;
    private final FileSystem fs;
    private final ServerSocket socket;
    /** How long close() lets sessions send their 421 before it closes their sockets. */
    public static final long SHUTDOWN_GRACE_MILLIS = 1_000;

    private final Observer observer;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>(); // guarded by sessions
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<Socket, Pump> controls = new ConcurrentHashMap<>();
    private final SplittableRandom seeds = new SplittableRandom(1);
    private final ScheduledThreadPoolExecutor timers;
    private final FailedLoginDelay loginDelay;
    private volatile boolean closed;

    private RealFtpServer(ServerOptions options, Limits limits, FileSystem fs, ServerSocket socket, Observer observer) {
        this.options = options;
        this.limits = limits;
        this.fs = fs;
        this.socket = socket;
        this.observer = observer;
        this.timers = new ScheduledThreadPoolExecutor(1, Pump.daemon("ftp-timers"));
        this.timers.setRemoveOnCancelPolicy(true); // idle timers restart on every command
        this.loginDelay = new FailedLoginDelay(limits.failedLoginDelayMillis() * 1_000_000L, System::nanoTime);
    }

    /** Listens on 127.0.0.1:port (0 = ephemeral) and starts accepting sessions. */
    public static RealFtpServer start(ServerOptions options, FileSystem fs, int port) throws IOException {
        return start(options, fs, InetAddress.getLoopbackAddress(), port, NONE);
    }

    /**
     * Listens on {@code bind:port} (an IPv4 address, 0.0.0.0 for all; port 0 = ephemeral) and
     * starts accepting sessions, reporting each to {@code observer}; vsftpd's default limits.
     */
    public static RealFtpServer start(ServerOptions options, FileSystem fs, InetAddress bind, int port,
                                      Observer observer) throws IOException {
        return start(options, Limits.VSFTPD, fs, bind, port, observer);
    }

    /** As {@link #start(ServerOptions, FileSystem, InetAddress, int, Observer)}, with these limits. */
    public static RealFtpServer start(ServerOptions options, Limits limits, FileSystem fs, InetAddress bind, int port,
                                      Observer observer) throws IOException {
        var ss = new ServerSocket();
        try {
            ss.bind(new InetSocketAddress(bind, port), 50);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        var server = new RealFtpServer(options, limits, fs, ss, observer);
        Pump.daemon("ftp-server-accept").newThread(server::acceptLoop).start();
        return server;
    }

    /** The control port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Sessions open now. */
    public int sessions() {
        return sessions.get();
    }

    /**
     * Waits until no session is open, at most {@code timeoutMillis}; true when idle. Every session's
     * {@link Observer#closed} has returned by then.
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (sessions) {
            for (long left = timeoutMillis; sessions.get() > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
                if (left <= 0) {
                    return false;
                }
                sessions.wait(left);
            }
            return true;
        }
    }

    /** Counts a new session in, or returns the refusal when it is over a limit (vsftpd checks max_clients first). */
    private Reply admit(InetAddress client) {
        synchronized (sessions) {
            if (options.maxSessions() > 0 && sessions.get() >= options.maxSessions()) {
                return options.replies().tooMany();
            }
            int here = perAddress.getOrDefault(client, 0);
            if (limits.maxPerIp() > 0 && here >= limits.maxPerIp()) {
                return TOO_MANY_FROM_ADDRESS;
            }
            perAddress.put(client, here + 1);
            sessions.incrementAndGet();
            return null;
        }
    }

    private void sessionEnded(InetAddress client) {
        synchronized (sessions) {
            perAddress.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
            sessions.decrementAndGet();
            sessions.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                Reply refusal = admit(s.getInetAddress());
                if (refusal != null) {
                    refuse(s, refusal);
                } else {
                    serve(s);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Answers and closes on the accepting thread: a fresh socket's send buffer takes the line without blocking. */
    private void refuse(Socket s, Reply reply) {
        try (s) {
            s.getOutputStream().write(reply.encode());
            s.shutdownOutput();
        } catch (IOException e) {
            // the client is gone already
        }
        observer.refused((InetSocketAddress) s.getRemoteSocketAddress(), reply);
    }

    private void serve(Socket s) throws IOException {
        final InetAddress client = s.getInetAddress();
        final ServerSession session;
        final Pump pump;
        final int number;
        try {
            // TCP urgent data stays in the stream, as vsftpd's ftpcmdio.c vsf_cmdio_sock_setup sets
            // SO_OOBINLINE: a client that sends ABOR's Telnet Synch, or the whole "ABOR\r\n" (Python's
            // ftplib), as urgent data would otherwise lose that byte, and its ABOR would never end.
            s.setOOBInline(true);
            synchronized (seeds) {
                session = new ServerSession(options, fs, Pump.ipv4(s.getLocalAddress()), Pump.ipv4(client), seeds.split());
            }
            number = numbers.incrementAndGet();
            observer.opened(number, (InetSocketAddress) s.getRemoteSocketAddress());
            pump = new Pump(s, in -> handle(number, session, client, in), a -> observer.performed(number, a), null,
                    (int) (options.dataConnectNanos() / 1_000_000), timers, session::transferring);
        } catch (IOException | RuntimeException e) {
            s.close();
            sessionEnded(client);
            throw e;
        }
        controls.put(s, pump);
        Pump.daemon("ftp-server-session").newThread(() -> {
            try {
                pump.start(session.start());
                pump.run();
            } finally {
                controls.remove(s);
                observer.closed(number); // before the count drops: whoever waits for idle sees the log complete
                sessionEnded(client);
            }
        }).start();
        if (closed) {
            s.close(); // accepted while close() ran: end it like the others
        }
    }

    /** One input through the engine: a failure is answered 451 (the session lives on), a failed password waits. */
    private List<Action> handle(int number, ServerSession session, InetAddress client, Input in) {
        observer.received(number, in);
        int failsBefore = session.failedLogins();
        List<Action> actions;
        try {
            actions = session.handle(in);
        } catch (RuntimeException e) {
            observer.failed(number, e);
            return List.of(new Action.SendReply(LOCAL_ERROR));
        }
        for (int i = failsBefore; i < session.failedLogins(); i++) {
            loginDelay.await(client); // one delay per failure, also for PASS lines pipelined in one read
        }
        return actions;
    }

    /**
     * Stops accepting, tells every open session the service is shutting down (each answers 421 and
     * closes, RFC 959 section 4.2), and after {@link #SHUTDOWN_GRACE_MILLIS} closes what is left.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        controls.values().forEach(Pump::serviceShutdown);
        try {
            awaitIdle(SHUTDOWN_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : controls.keySet()) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        timers.shutdownNow();
    }

    /** Serves a directory until killed: {@code java ... RealFtpServer <dir> [port]} (loopback only). */
    public static void main(String[] args) throws Exception {
        var fs = new DirectoryFileSystem(java.nio.file.Path.of(args.length > 0 ? args[0] : "."));
        var s = start(ServerOptions.builder().users(java.util.Map.of("user", "password")).build(), fs,
                args.length > 1 ? Integer.parseInt(args[1]) : 2121);
        System.out.println("ftp://127.0.0.1:" + s.port() + "/ (anonymous, or user/password)");
        Thread.currentThread().join();
    }
}
