package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one engine session over real sockets. Theory of operation: one loop thread owns the
 * engine; socket reader threads, accept/connect threads and timers only put {@link Input}s in
 * its queue. Each data connection has a generation number, so events of a connection that was
 * aborted or replaced are dropped instead of confusing the next one. Data writes run on one
 * writer thread, so a slow data peer never blocks the control connection (NOOP and ABOR are
 * answered during transfers).
 *
 * <p>Memory stays bounded whatever the file size: downloads of a file are read from its channel
 * in {@link #CHUNK}-byte pieces as the socket takes them, and a reader (upload or control) waits
 * while {@link #IN_FLIGHT} bytes are queued for the loop (TCP then slows the sender). Threads per
 * session: the loop, the control reader, and while data moves a writer, a data reader and one
 * accept or connect thread; timers may be shared by all sessions of a server.
 */
final class Pump implements Runnable {

    /** {@code peer}: the data peer's end of stream, judged on the loop thread (see {@link #run}). */
    private record Event(long gen, Input input, long timerGen, boolean peer) {}

    /** Bytes per data write, and the size of a download's read buffer. */
    static final int CHUNK = 64 * 1024;
    /** Upload bytes read but not yet handled by the loop, at most. */
    static final int IN_FLIGHT = 1 << 20;
    /** An idle writer thread ends after this long (a new transfer starts another). */
    private static final long WRITER_KEEPALIVE_SECONDS = 5;

    private final Socket control;
    private final OutputStream controlOut;
    private final Function<Input, List<Action>> engine;
    private final Consumer<Action> observer;
    private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    /** Results of the loop's own actions (a passive listen), handled before anything else queued. */
    private final java.util.ArrayDeque<Event> now = new java.util.ArrayDeque<>();
    private final ExecutorService writer;
    private final ScheduledExecutorService timers;
    private final boolean ownTimers;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    private final Map<Timer, ScheduledFuture<?>> running = new EnumMap<>(Timer.class);
    private final Map<Timer, Long> timerGens = new EnumMap<>(Timer.class);
    private final int connectTimeoutMillis;
    private volatile long gen = 1;
    private ServerSocket listener;
    /** An active data connection still connecting (loop thread only): closed when the setup is dropped. */
    private Socket connecting;
    private volatile Socket data;
    private volatile boolean dataLocallyClosed;
    /** The generation whose data write failed (peer reset, or a file that shrank): its close is an error. */
    private volatile long failedWrite;
    private volatile boolean done;
    /** Whether the engine runs a transfer now; the control connection's end waits for it (loop thread). */
    private final java.util.function.BooleanSupplier transferring;
    /** The control connection ended during a transfer: handed to the engine once the transfer ends. */
    private boolean controlEnded;
    /**
     * A server reads a data connection only once a transfer runs on it, as vsftpd accepts a passive
     * connection only when RETR or STOR comes (ftpdataio.c vsf_ftpdataio_get_pasv_fd): a client that
     * connects early and half-closes, or sends its whole upload and its end before STOR, is served
     * as vsftpd serves it instead of its data or end being taken for a setup given up.
     */
    private final boolean readsOnlyTransfers;
    /** Guards {@link #readableGen}; notified when it, {@link #gen} or {@link #done} changes. */
    private final Object readGate = new Object();
    /** The data generation on which a transfer runs (or ran): its reader may read. */
    private long readableGen;

    /** Data bytes received, for hosts that keep them (the client's downloads). */
    interface DataSink {
        void received(byte[] b, int n);
    }

    private final DataSink sink;

    Pump(Socket control, Function<Input, List<Action>> engine, Consumer<Action> observer, DataSink sink,
         int connectTimeoutMillis) throws IOException {
        this(control, engine, observer, sink, connectTimeoutMillis, null);
    }

    /** @param timers shared timer thread (not shut down by this pump), or null for one of its own */
    Pump(Socket control, Function<Input, List<Action>> engine, Consumer<Action> observer, DataSink sink,
         int connectTimeoutMillis, ScheduledExecutorService timers) throws IOException {
        this(control, engine, observer, sink, connectTimeoutMillis, timers, null);
    }

    /**
     * @param transferring whether the engine runs a transfer; while it does, the end of the control
     *                     connection is held back until the transfer ends; a data connection is read
     *                     only once a transfer runs on it (a server's; null for a client's)
     */
    Pump(Socket control, Function<Input, List<Action>> engine, Consumer<Action> observer, DataSink sink,
         int connectTimeoutMillis, ScheduledExecutorService timers, java.util.function.BooleanSupplier transferring)
            throws IOException {
        this.transferring = transferring != null ? transferring : () -> false;
        this.readsOnlyTransfers = transferring != null;
        this.control = control;
        this.controlOut = control.getOutputStream();
        this.engine = engine;
        this.observer = observer;
        this.sink = sink;
        this.connectTimeoutMillis = connectTimeoutMillis;
        var w = new java.util.concurrent.ThreadPoolExecutor(1, 1, WRITER_KEEPALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("ftp-data-writer"));
        w.allowCoreThreadTimeOut(true); // an idle session keeps no writer thread
        this.writer = w;
        this.ownTimers = timers == null;
        this.timers = timers != null ? timers : Executors.newSingleThreadScheduledExecutor(daemon("ftp-timers"));
        for (Timer t : Timer.values()) {
            timerGens.put(t, 0L);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static int ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            throw new IllegalStateException("IPv4 only: " + a);
        }
        return (b[0] & 255) << 24 | (b[1] & 255) << 16 | (b[2] & 255) << 8 | (b[3] & 255);
    }

    static InetAddress inet(int ip) throws IOException {
        return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
    }

    /** Starts the control reader, runs the initial actions, then the loop until the control connection ends. */
    void start(List<Action> initial) {
        Thread reader = daemon("ftp-control-reader").newThread(() -> readLoop(control, 0, true));
        reader.start();
        perform(initial);
    }

    @Override
    public void run() {
        try {
            while (!done) {
                Event e = now.isEmpty() ? inbox.poll(1, TimeUnit.SECONDS) : now.poll();
                if (e == null) {
                    continue;
                }
                if (e.input() instanceof Input.DataReceived r && r.bytes() != null) {
                    inFlight.release(r.bytes().length); // handled now (or dropped as stale): the reader may go on
                } else if (e.input() instanceof Input.ControlBytes c) {
                    inFlight.release(c.bytes().length);
                }
                if (e.gen() != 0 && e.gen() != gen) {
                    continue; // a stale data event
                }
                if (e.input() instanceof Input.TimerFired t && timerGens.get(t.timer()) != e.timerGen()) {
                    continue; // fired just before it was restarted or cancelled
                }
                if (e.peer() && dataLocallyClosed) {
                    // We send on this connection and close it ourselves; that close reports the end. A
                    // peer that half-closes (or resets) meanwhile does not end a download early. Judged
                    // here, after the actions of every earlier input, not on the reader thread.
                    continue;
                }
                if (e.input() instanceof Input.ControlClosed && transferring.getAsBoolean()) {
                    // vsftpd reads no command during a transfer: a client that closed its sending side
                    // after RETR (a script piped into nc) still gets the whole file and its 226.
                    controlEnded = true;
                    continue;
                }
                perform(engine.apply(e.input()));
                if (readsOnlyTransfers && transferring.getAsBoolean()) {
                    openReads(gen);
                }
                if (e.input() instanceof Input.ControlClosed) {
                    done = true;
                } else if (controlEnded && !transferring.getAsBoolean()) {
                    perform(engine.apply(new Input.ControlClosed()));
                    done = true;
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
        }
    }

    private void openReads(long g) {
        synchronized (readGate) {
            if (readableGen != g) {
                readableGen = g;
                readGate.notifyAll();
            }
        }
    }

    /** Wakes data readers waiting for their transfer: the generation changed or the session ended. */
    private void wakeReaders() {
        synchronized (readGate) {
            readGate.notifyAll();
        }
    }

    /** Waits until a transfer runs on generation {@code g}; false when it never will (replaced, or the end). */
    private boolean awaitTransfer(long g) throws InterruptedException {
        synchronized (readGate) {
            while (readableGen != g) {
                if (done || gen != g) {
                    return false;
                }
                readGate.wait(1_000);
            }
            return true;
        }
    }

    /** Asks the engine, on the loop thread, to end the session because the service stops. */
    void serviceShutdown() {
        post(0, new Input.ServiceShutdown());
    }

    private void post(long g, Input in) {
        inbox.add(new Event(g, in, -1, false));
    }

    private void postPeerEnd(long g, boolean error) {
        inbox.add(new Event(g, new Input.DataClosed(error), -1, true));
    }

    private void perform(List<Action> actions) {
        for (Action a : actions) {
            observer.accept(a);
            try {
                act(a);
            } catch (IOException e) {
                // The control connection broke while writing: the reader will report it.
            }
        }
    }

    private void act(Action a) throws IOException {
        if (a instanceof Action.SendReply r) {
            controlOut.write(r.bytes());
            controlOut.flush();
        } else if (a instanceof Action.SendCommand c) {
            controlOut.write(c.bytes());
            controlOut.flush();
        } else if (a instanceof Action.ListenData l) {
            listen(l.port());
        } else if (a instanceof Action.ConnectData c) {
            connect(c);
        } else if (a instanceof Action.SendData d) {
            final Socket s = data;
            final long g = gen;
            writer.execute(() -> write(s, g, d));
        } else if (a instanceof Action.CloseData c) {
            closeData(c.abort());
        } else if (a instanceof Action.CloseControl) {
            done = true;
            control.close();
        } else if (a instanceof Action.StartTimer t) {
            cancel(t.timer());
            final long tg = timerGens.get(t.timer());
            running.put(t.timer(), timers.schedule(() -> inbox.add(new Event(0, new Input.TimerFired(t.timer()), tg, false)),
                    t.nanos(), TimeUnit.NANOSECONDS));
        } else if (a instanceof Action.CancelTimer t) {
            cancel(t.timer());
        } else if (a instanceof Action.SecureControl) {
            // Real sockets carry no TLS: the real server never enables AUTH TLS.
            throw new IllegalStateException("AUTH TLS is simulated only; disable tls for real sockets");
        }
    }

    private void cancel(Timer t) {
        timerGens.merge(t, 1L, Long::sum);
        ScheduledFuture<?> f = running.remove(t);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void listen(int port) {
        dropData(true);
        final long g = ++gen;
        wakeReaders();
        try {
            ServerSocket ss = new ServerSocket();
            ss.bind(new InetSocketAddress(control.getLocalAddress(), port), 1);
            listener = ss;
            // Answered before any control bytes already queued: the engine pauses pipelined commands
            // until it knows, and a client's close right after PASV must not overtake its 227.
            now.add(new Event(g, new Input.DataListening(ss.getLocalPort()), -1, false));
            daemon("ftp-data-accept").newThread(() -> {
                try {
                    Socket s = ss.accept();
                    ss.close();
                    attach(s, g);
                } catch (IOException e) {
                    // closed by us (abort, new setup, end of session)
                }
            }).start();
        } catch (IOException e) {
            now.add(new Event(g, new Input.DataListenFailed(), -1, false));
        }
    }

    private void connect(Action.ConnectData c) {
        dropData(true);
        final long g = ++gen;
        wakeReaders();
        final Socket s = new Socket();
        connecting = s; // an ABOR or a new setup closes it: a peer that drops our SYNs holds no thread
        daemon("ftp-data-connect").newThread(() -> {
            try {
                if (c.fromPort() != 0 || c.fromIpv4() != 0) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(c.fromIpv4() != 0 ? inet(c.fromIpv4()) : null, c.fromPort()));
                }
                s.connect(new InetSocketAddress(inet(c.ipv4()), c.port()), connectTimeoutMillis);
                attach(s, g);
            } catch (IOException e) {
                closeQuietly(s);
                post(g, new Input.DataConnectFailed(e.toString()));
            }
        }).start();
    }

    private void attach(Socket s, long g) {
        if (g != gen || done) {
            closeQuietly(s);
            return;
        }
        data = s;
        dataLocallyClosed = false;
        post(g, new Input.DataConnected(ipv4(s.getInetAddress()), s.getPort()));
        daemon("ftp-data-reader").newThread(() -> readLoop(s, g, false)).start();
    }

    private void write(Socket s, long g, Action.SendData d) {
        if (s == null || g != gen) {
            closeQuietly(d.source());
            return;
        }
        boolean complete = false;
        try {
            OutputStream o = s.getOutputStream();
            if (d.source() != null) {
                complete = stream(s, o, g, d);
                return;
            }
            byte[] chunk = d.bytes() != null ? d.bytes() : new byte[CHUNK];
            long left = d.length();
            for (int off = 0; left > 0; ) {
                int n = (int) Math.min(left, CHUNK);
                if (d.bytes() != null) {
                    o.write(chunk, off, n);
                    off += n;
                } else {
                    o.write(chunk, 0, n);
                }
                left -= n;
                post(g, new Input.DataSent(n)); // progress for the engine's stall timer
            }
            o.flush();
            complete = true;
        } catch (IOException e) {
            // the peer reset or closed: the close that follows reports it (426, not 226)
        } finally {
            if (!complete && g == gen) {
                failedWrite = g;
            }
            closeQuietly(d.source());
        }
    }

    /**
     * A file, piece by piece: one buffer whatever its size; true when all of it was sent. A file
     * that shrank meanwhile ends the connection with RST.
     */
    private boolean stream(Socket s, OutputStream o, long g, Action.SendData d) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(CHUNK);
        long left = d.length();
        while (left > 0 && g == gen) {
            buf.clear().limit((int) Math.min(left, CHUNK));
            int n = d.source().read(buf);
            if (n < 0) {
                s.setSoLinger(true, 0); // fewer bytes than announced: the client must not see a clean end
                s.close();
                return false;
            }
            o.write(buf.array(), 0, n);
            left -= n;
            post(g, new Input.DataSent(n));
        }
        o.flush();
        return left == 0;
    }

    private void closeData(boolean abort) {
        if (abort) {
            dropData(true);
            ++gen; // everything still in flight for the old connection is stale now
            wakeReaders();
            return;
        }
        final Socket s = data;
        final long g = gen;
        closeListener();
        if (s == null) {
            return;
        }
        dataLocallyClosed = true;
        writer.execute(() -> { // after the queued writes: all bytes handed to TCP, then FIN
            boolean failed = failedWrite == g;
            try {
                s.shutdownOutput();
                s.close();
            } catch (IOException e) {
                failed = true; // reset by the peer, or closed after a short file
            }
            post(g, new Input.DataClosed(failed));
        });
    }

    private void dropData(boolean abort) {
        closeListener();
        if (connecting != null && connecting != data) {
            closeQuietly(connecting); // ends its connect at once (stale by now: its generation is old)
        }
        connecting = null;
        Socket s = data;
        data = null;
        if (s != null) {
            dataLocallyClosed = true;
            try {
                if (abort) {
                    s.setSoLinger(true, 0); // RST, as an aborted transfer does
                }
            } catch (IOException e) {
                // closing anyway
            }
            closeQuietly(s);
        }
    }

    private void closeListener() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
    }

    private void readLoop(Socket s, long g, boolean isControl) {
        byte[] buf = new byte[16 * 1024];
        try {
            if (!isControl && readsOnlyTransfers && !awaitTransfer(g)) {
                return; // replaced or ended before its transfer: whoever closes the socket reports nothing
            }
            InputStream in = s.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n > 0 && !reserve(n)) {
                    return; // the session ended while the loop was behind
                }
                if (isControl) {
                    post(0, new Input.ControlBytes(java.util.Arrays.copyOf(buf, n)));
                } else if (n > 0) {
                    if (sink != null) {
                        sink.received(buf, n);
                    }
                    post(g, Input.DataReceived.of(java.util.Arrays.copyOf(buf, n)));
                }
            }
            if (isControl) {
                post(0, new Input.ControlClosed());
            } else {
                postPeerEnd(g, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (isControl) {
                post(0, new Input.ControlClosed());
            } else {
                postPeerEnd(g, true);
            }
        }
    }

    /**
     * Waits until {@code n} more read bytes may be queued for the loop; false when the session
     * ended meanwhile. A peer that sends faster than the loop handles (an upload to a slow disk,
     * commands whose replies it never reads) is slowed by TCP instead of filling memory.
     */
    private boolean reserve(int n) throws InterruptedException {
        while (!inFlight.tryAcquire(n, 1, TimeUnit.SECONDS)) {
            if (done) {
                return false;
            }
        }
        return true;
    }

    private void shutdown() {
        done = true;
        wakeReaders();
        dropData(true);
        closeQuietly(control);
        running.values().forEach(f -> f.cancel(false));
        if (ownTimers) {
            timers.shutdownNow();
        }
        writer.shutdownNow();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
