package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.ServerOptions;
import dev.ftpsim.ftp.protocol.ServerSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our FTP server engine on a real loopback socket, serving a {@link FileSystem} (for example a
 * {@link DirectoryFileSystem}). One loop thread per session drives the engine; see {@link Pump}.
 *
 * <pre>{@code
 * try (var s = RealFtpServer.start(ServerOptions.builder().build(), new DirectoryFileSystem(dir), 0)) {
 *     // ftp://127.0.0.1:s.port()/
 * }
 * }</pre>
 */
public final class RealFtpServer implements AutoCloseable {

    /**
     * What a host sees of each session, for a log. Calls for one session come from its own loop
     * thread, in order; different sessions call concurrently.
     */
    public interface Observer {
        /** A client connected; {@code session} numbers start at 1. */
        default void opened(int session, InetSocketAddress client) {}

        /** An input, before the engine handles it (control bytes as read: partial or several lines). */
        default void received(int session, Input input) {}

        /** An action of the engine, before it is performed. */
        default void performed(int session, Action action) {}

        /** The session ended. */
        default void closed(int session) {}
    }

    private static final Observer NONE = new Observer() {};

    private final ServerOptions options;
    private final FileSystem fs;
    private final ServerSocket socket;
    /** How long close() lets sessions send their 421 before it closes their sockets. */
    public static final long SHUTDOWN_GRACE_MILLIS = 1_000;

    private final Observer observer;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<Socket, Pump> controls = new ConcurrentHashMap<>();
    private final SplittableRandom seeds = new SplittableRandom(1);
    private volatile boolean closed;

    private RealFtpServer(ServerOptions options, FileSystem fs, ServerSocket socket, Observer observer) {
        this.options = options;
        this.fs = fs;
        this.socket = socket;
        this.observer = observer;
    }

    /** Listens on 127.0.0.1:port (0 = ephemeral) and starts accepting sessions. */
    public static RealFtpServer start(ServerOptions options, FileSystem fs, int port) throws IOException {
        return start(options, fs, InetAddress.getLoopbackAddress(), port, NONE);
    }

    /**
     * Listens on {@code bind:port} (an IPv4 address, 0.0.0.0 for all; port 0 = ephemeral) and
     * starts accepting sessions, reporting each to {@code observer}.
     */
    public static RealFtpServer start(ServerOptions options, FileSystem fs, InetAddress bind, int port,
                                      Observer observer) throws IOException {
        var ss = new ServerSocket();
        try {
            ss.bind(new InetSocketAddress(bind, port), 50);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        var server = new RealFtpServer(options, fs, ss, observer);
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

    private void sessionEnded() {
        synchronized (sessions) {
            sessions.decrementAndGet();
            sessions.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                serve(s);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) throws IOException {
        int n = sessions.incrementAndGet();
        if (options.maxSessions() > 0 && n > options.maxSessions()) {
            try (s) {
                for (Action a : ServerSession.refuse(options)) {
                    if (a instanceof Action.SendReply r) {
                        s.getOutputStream().write(r.bytes());
                    }
                }
            } finally {
                sessionEnded();
            }
            return;
        }
        ServerSession session;
        synchronized (seeds) {
            session = new ServerSession(options, fs, Pump.ipv4(s.getLocalAddress()), Pump.ipv4(s.getInetAddress()),
                    seeds.split());
        }
        final int number = numbers.incrementAndGet();
        observer.opened(number, (InetSocketAddress) s.getRemoteSocketAddress());
        var pump = new Pump(s, in -> {
            observer.received(number, in);
            return session.handle(in);
        }, a -> observer.performed(number, a), null, (int) (options.dataConnectNanos() / 1_000_000));
        controls.put(s, pump);
        Pump.daemon("ftp-server-session").newThread(() -> {
            try {
                pump.start(session.start());
                pump.run();
            } finally {
                controls.remove(s);
                observer.closed(number); // before the count drops: whoever waits for idle sees the log complete
                sessionEnded();
            }
        }).start();
        if (closed) {
            s.close(); // accepted while close() ran: end it like the others
        }
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
