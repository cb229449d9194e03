package dev.ftpsim.bench;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.Locale;
import java.util.Map;

/**
 * Heap per TCP connection in TIME_WAIT: a client opens {@code m} connections to a server, each
 * application holding a 4 KiB buffer (as an FTP session holds its line buffers), and closes them
 * first, so that the client's end of each waits out TIME_WAIT's 60 s while the server's is gone;
 * the heap's growth from before the first connection to when all of them wait is divided by
 * {@code m}, with its breakdown by class ({@link IdleConnectionFootprint#histogram}). Linux keeps
 * an {@code inet_timewait_sock} of about 200 bytes per such tuple, without the socket or the application.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.TimeWaitFootprint [m]} (default 100,000).
 */
public final class TimeWaitFootprint {
    private static final int PORTS = 4;
    private static final int BATCH = 100;
    /** What each application holds while its connection is open. */
    static final int APPLICATION_BYTES = 4096;

    private TimeWaitFootprint() {}

    /** An application that closes once connected and holds a buffer the whole time. */
    private static final class Closer implements TcpHandler {
        @SuppressWarnings("unused")
        private final byte[] buffer = new byte[APPLICATION_BYTES];

        @Override
        public void connected(final TcpConnection c) {
            c.close();
        }
    }

    /** Opens and closes {@code m} connections and measures what their TIME_WAITs keep. */
    static IdleConnectionFootprint.Growth measure(final int m) {
        final TwoHosts h = TwoHosts.linked();
        final Simulator sim = h.sim();
        final TcpStack ta = h.client();
        final TcpStack tb = h.server();
        final NetInterface ib = h.serverIf();
        final TcpHandler passive = new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection c) {
                c.close();
            }
        };
        for (int p = 0; p < PORTS; p++) {
            tb.listen(80 + p, c -> passive);
        }
        sim.runUntil(1_000_000_000L);
        final Map<String, IdleConnectionFootprint.Row> before = IdleConnectionFootprint.histogram();
        for (int i = 0; i < m; i += BATCH) {
            for (int k = i; k < Math.min(m, i + BATCH); k++) {
                ta.connect(ib.address(), 80 + k % PORTS, new Closer());
            }
            sim.runUntil(sim.now() + 10_000_000L);
        }
        sim.runUntil(sim.now() + 1_000_000_000L); // every close done, no TIME_WAIT over yet (60 s)
        // The event queue keeps a fired event's target until its slot is taken again (EventQueue's
        // releaseId): empty events through every free slot first, so that what is counted is what
        // the TIME_WAITs keep, not the last handshakes' sockets that a free slot still names.
        final Runnable nothing = () -> { };
        for (int i = 0; i < 4 * BATCH * PORTS * 10; i++) {
            sim.schedule(0, nothing);
        }
        sim.runUntil(sim.now() + 1);
        final Map<String, IdleConnectionFootprint.Row> after = IdleConnectionFootprint.histogram();
        if (ta.timeWaitCount() != m || ta.connectionCount() != m || tb.connectionCount() != 0) {
            throw new IllegalStateException("in TIME_WAIT " + ta.timeWaitCount() + " of " + m + ", client table "
                    + ta.connectionCount() + ", server table " + tb.connectionCount());
        }
        final IdleConnectionFootprint.Growth g = IdleConnectionFootprint.growth(before, after);
        if (ta.node() == tb.node()) { // keep the network reachable until after the second histogram
            throw new IllegalStateException();
        }
        return g;
    }

    public static void main(final String[] args) {
        final int m = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final IdleConnectionFootprint.Growth g = measure(m);
        System.out.printf(Locale.ROOT, "connections in TIME_WAIT: %d (their applications held %d bytes each)%n", m,
                APPLICATION_BYTES);
        IdleConnectionFootprint.print(g, m);
    }
}
