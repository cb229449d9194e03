package dev.ftpsim.bench;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackStats;
import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.firewall.Rules;
import dev.ftpsim.core.firewall.Ruleset;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.alg.FtpHelper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A connection-tracking storm, as users of a firewall benchmark one: {@code n} short TCP
 * connections (handshake, a small request and reply, close) arriving at a fixed rate through a
 * stateful firewall whose table holds {@code max} entries (262,144, Linux's {@code
 * nf_conntrack_max} from 5.15 on: see docs/scenario-format.md), optionally with a share of them
 * to port 21 through the FTP helper, which then reads every segment of theirs.
 *
 * <p>The client closes first, so every finished connection stays in the table for TIME_WAIT's
 * 120 s: at 10,000 connections a second the table is full after about 26 s. From then on a new
 * connection gets in only by early drop (evicting an entry not yet assured, one still in its
 * handshake) or is dropped as "table full"; its SYNs are retransmitted on Linux's schedule until
 * the connect fails. Every figure reported comes from the firewall's own conntrack counters.
 *
 * <p>Built on sim-core directly: 1000 client hosts, each on its own 1 Gbps / 1 ms link to the
 * router, the server behind it on 100 Gbps / 1 ms, Linux's TCP. The web-like connections send a
 * 64-byte request to port 80 and get 256 bytes back; the FTP share sends {@code USER anonymous}
 * to port 21 and gets vsftpd's {@code 331}, which the helper parses (it expects nothing from them).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.ConntrackStorm [N] [RATE] [FTP-SHARE]}.
 */
public final class ConntrackStorm {
    static final int HOSTS = 1000;
    static final int WEB_REQUEST = 64;
    static final int WEB_REPLY = 256;
    static final byte[] FTP_REQUEST = "USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII);
    /** vsftpd's reply to USER (str.h: FTP_GIVEPWORD, "Please specify the password."). */
    static final byte[] FTP_REPLY = "331 Please specify the password.\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Linux's nf_conntrack_max from 5.15 on (nf_conntrack_buckets 262144, max = buckets). */
    public static final int LINUX_MAX = 262_144;
    /** The client's read timeout from its first SYN: the benchmark's choice (curl and most libraries have none by default). */
    static final long REPLY_TIMEOUT = 120_000_000_000L;

    /** The table at one instant of simulated time: entries and the counters so far. */
    public record Sample(long timeNanos, int entries, long inserted, long earlyDrops, long tableFull, long gcEarlyDrops,
            long lookups, long completed, long failed) {}

    /**
     * What one storm gave.
     *
     * @param samples the table every {@code sampleNanos} of simulated time, the last at the end
     */
    public record Result(int n, double rate, double ftpShare, int max, long completed, long failed, long ftpCompleted,
            long timedOut, ConntrackStats stats, int peak, long events, long simulatedNanos, double wallSeconds, long peakHeapBytes,
            long peakAfterGcBytes, List<Sample> samples) {
        /** Connections the firewall let in (inserted into its table) per wall second. */
        double newConnectionsPerSecond() {
            return stats.inserted / wallSeconds;
        }

        /** Conntrack operations per wall second: lookups, inserts, and removals by expiry or either early drop. */
        double conntrackOpsPerSecond() {
            return (stats.lookups + stats.inserted + stats.expired + stats.earlyDrop + stats.gcEarlyDrop) / wallSeconds;
        }
    }

    private ConntrackStorm() {}

    /**
     * Runs the storm: connection {@code k} starts at {@code k / rate} seconds; every {@code 1/ftpShare}-th
     * (none at 0) goes to port 21 with the FTP helper. The run ends when every connection completed or failed;
     * {@code onSample} is told of each sample as it is taken.
     */
    public static Result run(final int n, final double rate, final double ftpShare, final int max,
            final long sampleNanos, final java.util.function.Consumer<Sample> onSample) {
        final Simulator sim = new Simulator(1, 4 * HOSTS + 1024);
        final Network net = new Network(sim);
        final Router router = net.router("fw");
        final Host server = net.host("server");
        final NetInterface wan = router.addInterface("wan", "203.0.113.1/24");
        final NetInterface s0 = server.addInterface("eth0", "203.0.113.10/24");
        server.defaultGateway("203.0.113.1");
        net.connect(wan, s0, LinkConfig.of(100_000_000_000L, 1_000_000L, 100_000));
        final TcpConfig linux = TcpConfig.linux();
        final TcpStack serverTcp = new TcpStack(server, linux);
        serverTcp.listen(80, c -> new Responder(WEB_REQUEST, null, WEB_REPLY));
        serverTcp.listen(21, c -> new Responder(FTP_REQUEST.length, FTP_REPLY, 0));
        final List<TcpStack> clients = new ArrayList<>(HOSTS);
        for (int i = 0; i < HOSTS; i++) {
            final int net24 = Ipv4.parse("10.0.0.0") + ((i + 1) << 8);
            final Host h = net.host("c" + i);
            final NetInterface ri = router.addInterface("c" + i, Ipv4.format(net24 + 1) + "/24");
            ri.setGroup("lan");
            final NetInterface hi = h.addInterface("eth0", Ipv4.format(net24 + 2) + "/24");
            h.defaultGateway(Ipv4.format(net24 + 1));
            net.connect(hi, ri, LinkConfig.of(1_000_000_000L, 1_000_000L, 1000));
            clients.add(new TcpStack(h, linux));
        }
        final Firewall fw = Firewall.stateful(router, ruleset(), ConntrackConfig.linux().withMax(max),
                List.of(FtpHelper.standard()));
        final Tally tally = new Tally(n, sim);
        final int serverIp = s0.address();
        final long every = Math.max(1, Math.round(1e9 / rate));
        final int ftpEvery = ftpShare <= 0 ? 0 : (int) Math.round(1 / ftpShare);
        sim.scheduleAt(0, new Runnable() {
            int k;

            @Override
            public void run() {
                final boolean ftp = ftpEvery > 0 && k % ftpEvery == 0;
                final Requester r = new Requester(tally, ftp, sim);
                r.conn = clients.get(k % HOSTS).connect(serverIp, ftp ? 21 : 80, r);
                if (++k < n) {
                    sim.schedule(every, this);
                }
            }
        });
        HeapWatch.reset();
        final List<Sample> samples = new ArrayList<>();
        final long t0 = System.nanoTime();
        final long afterGc;
        try (HeapWatch heap = new HeapWatch()) {
            for (long t = 0; !tally.done(); t += sampleNanos) {
                sim.runUntil(t);
                if (!tally.done() && sim.nextEventTime() == Long.MAX_VALUE) {
                    throw new IllegalStateException(tally.completed + " completed and " + tally.failed + " failed of "
                            + n + ", and nothing left to happen");
                }
                final Sample now = sample(sim.now(), fw, tally);
                samples.add(now);
                onSample.accept(now);
            }
            afterGc = heap.peakAfterGc();
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        samples.add(sample(sim.now(), fw, tally));
        return new Result(n, rate, ftpShare, max, tally.completed, tally.failed, tally.ftpCompleted, tally.timedOut,
                fw.conntrack().stats(), fw.conntrack().peak(), sim.eventsExecuted(), sim.now(), wall,
                HeapWatch.peakUsed(), afterGc, samples);
    }

    private static Sample sample(final long t, final Firewall fw, final Tally tally) {
        final ConntrackStats s = fw.conntrack().stats();
        return new Sample(t, fw.conntrack().count(), s.inserted, s.earlyDrop, s.tableFull, s.gcEarlyDrop, s.lookups,
                tally.completed, tally.failed);
    }

    /** Accept what is established, let the clients open new connections, hand port 21 to the FTP helper. */
    private static Ruleset ruleset() {
        final Chain pre = new Chain("prerouting", false, Hook.PREROUTING, 0, false,
                List.of(Rules.parse("tcp dport 21 ct helper set \"ftp\"", "prerouting[0]")));
        final Chain forward = new Chain("forward", false, Hook.FORWARD, 0, true, List.of(
                Rules.parse("ct state established,related accept", "forward[0]"),
                Rules.parse("iif lan oif wan ct state new accept", "forward[1]")));
        return new Ruleset(List.of(pre, forward), List.of(), Map.of("ftp", new Ruleset.HelperObject("ftp", "ftp", 6)));
    }

    /** Connections finished either way; stops the simulation when all are. */
    private static final class Tally {
        final int n;
        final Simulator sim;
        long completed;
        long failed;
        long ftpCompleted;
        /** Failed by the reply timeout (counted in {@code failed} too). */
        long timedOut;

        Tally(final int n, final Simulator sim) {
            this.n = n;
            this.sim = sim;
        }

        void ended() {
            if (done()) {
                sim.stop();
            }
        }

        boolean done() {
            return completed + failed == n;
        }
    }

    /**
     * The client's side: send the request, close when the whole reply is in. A reply that does not
     * come within {@link #REPLY_TIMEOUT} of the start (its connection's entry was evicted mid-way and
     * the firewall now drops the server's segments as new from outside) ends the attempt with a reset,
     * as a client's read timeout does; without one it would wait for ever.
     */
    private static final class Requester extends Payload implements Runnable {
        final Tally tally;
        final boolean ftp;
        final Simulator sim;
        TcpConnection conn;
        final long timer;
        long received;
        boolean ended;

        Requester(final Tally tally, final boolean ftp, final Simulator sim) {
            this.tally = tally;
            this.ftp = ftp;
            this.sim = sim;
            this.timer = sim.schedule(REPLY_TIMEOUT, this);
        }

        @Override
        public void connected(final TcpConnection c) {
            if (ftp) {
                c.send(FTP_REQUEST);
            } else {
                c.send(WEB_REQUEST);
            }
        }

        @Override
        void got(final TcpConnection c, final long bytes) {
            received += bytes;
            if (!ended && received == (ftp ? FTP_REPLY.length : WEB_REPLY)) {
                ended = true;
                sim.cancel(timer); // a finished connection is not kept for its timeout
                c.close();
                tally.completed++;
                if (ftp) {
                    tally.ftpCompleted++;
                }
                tally.ended();
            }
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            fail();
        }

        /** The reply timeout. */
        @Override
        public void run() {
            if (!ended) {
                tally.timedOut++;
                fail();
                conn.abort();
            }
        }

        private void fail() {
            if (!ended) {
                ended = true;
                sim.cancel(timer);
                tally.failed++;
                tally.ended();
            }
        }
    }

    /** A side that counts the payload it gets, real bytes or bulk alike. */
    private abstract static class Payload implements TcpHandler {
        @Override
        public final void received(final TcpConnection c, final byte[] data) {
            got(c, data.length);
        }

        @Override
        public final void receivedBulk(final TcpConnection c, final long bytes) {
            got(c, bytes);
        }

        abstract void got(TcpConnection c, long bytes);
    }

    /** The server's side: reply once the request is in, close when the client does. */
    private static final class Responder extends Payload {
        final int request;
        final byte[] reply;
        final int bulkReply;
        long received;

        Responder(final int request, final byte[] reply, final int bulkReply) {
            this.request = request;
            this.reply = reply;
            this.bulkReply = bulkReply;
        }

        @Override
        void got(final TcpConnection c, final long bytes) {
            received += bytes;
            if (received == request) {
                if (reply != null) {
                    c.send(reply);
                } else {
                    c.send(bulkReply);
                }
            }
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            c.close();
        }
    }

    private static void print(final Sample s) {
        System.out.printf(Locale.ROOT, "%8.1f %9d %11d %11d %11d %11d %12d %11d %11d%n", s.timeNanos() / 1e9, s.entries(),
                s.inserted(), s.earlyDrops(), s.tableFull(), s.gcEarlyDrops(), s.lookups(), s.completed(), s.failed());
        System.out.flush();
    }

    /** {@code [N] [RATE] [FTP-SHARE]}: 1,000,000 connections at 10,000 a second, none through the helper, by default. */
    public static void main(final String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        final double rate = args.length > 1 ? Double.parseDouble(args[1]) : 10_000;
        final double share = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        System.out.printf(Locale.ROOT, "conntrack storm: %,d connections at %,.0f/s, %.0f%% through the FTP helper,"
                + " conntrack max %,d (max heap %,d MB)%n", n, rate, share * 100, LINUX_MAX,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("  time_s   entries    inserted  early_drop  table_full    gc_early      lookups   completed      failed");
        final Result r = run(n, rate, share, LINUX_MAX, 1_000_000_000L, s -> {
            if (s.timeNanos() % 10_000_000_000L == 0) {
                print(s);
            }
        });
        print(r.samples().get(r.samples().size() - 1));
        System.out.printf(Locale.ROOT, "completed %,d (FTP %,d), failed %,d (%,d by the reply timeout); conntrack peak %,d; lookups=%d %s%n",
                r.completed(), r.ftpCompleted(), r.failed(), r.timedOut(), r.peak(), r.stats().lookups, r.stats());
        System.out.printf(Locale.ROOT, "simulated %.1f s, %,d events, wall %.1f s: %,.0f connections offered/s,"
                + " %,.0f new connections (inserted)/s, %,.0f conntrack ops/s, %,.0f events/s;"
                + " peak heap used %,d MB, most in use after a collection %,d MB%n",
                r.simulatedNanos() / 1e9, r.events(), r.wallSeconds(), n / r.wallSeconds(),
                r.newConnectionsPerSecond(), r.conntrackOpsPerSecond(), r.events() / r.wallSeconds(),
                r.peakHeapBytes() >> 20, r.peakAfterGcBytes() >> 20);
    }
}
