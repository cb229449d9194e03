package dev.ftpsim.bench;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Heap per established idle TCP connection: both endpoints plus the conntrack entry of the
 * stateful firewall between them. A client and a server on either side of a router running
 * {@code ct state established,related accept} open {@code m} connections (spread over four server
 * ports, since one destination port leaves only the 28,232 ephemeral ports of
 * {@code ip_local_port_range}; 100 connections opened every 10 ms), the handshakes complete, and the heap's growth is divided by
 * {@code m}, with its breakdown by class from the JVM's own class histogram (the
 * {@code GC.class_histogram} diagnostic command, which counts live objects after a full GC): no
 * agent and no dependency.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.IdleConnectionFootprint [m]}
 * (default 100,000).
 */
public final class IdleConnectionFootprint {
    static final int PORTS = 4;
    private static final int BATCH = 100;
    private static final String RULES = """
            table inet filter {
              chain forward {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                tcp dport 80-83 ct state new accept
              }
            }
            """;

    /** The histogram difference: per class, instances and bytes added. */
    record Growth(long totalBytes, List<Row> rows) {}

    /** One class's growth. */
    record Row(String className, long instances, long bytes) {}

    private IdleConnectionFootprint() {}

    /** Opens {@code m} idle connections through the firewall and measures what they added. */
    static Growth measure(final int m) {
        final Simulator sim = new Simulator(1, 1024);
        final Network net = new Network(sim);
        final Host a = net.host("client");
        final Host b = net.host("server");
        final Router fw = net.router("fw");
        final NetInterface ia = a.addInterface("eth0", "10.0.0.2/24");
        final NetInterface fa = fw.addInterface("lan", "10.0.0.1/24");
        final NetInterface fb = fw.addInterface("wan", "192.0.2.1/24");
        final NetInterface ib = b.addInterface("eth0", "192.0.2.2/24");
        a.defaultGateway("10.0.0.1");
        b.defaultGateway("192.0.2.1");
        net.connect(ia, fa, LinkConfig.of(1_000_000_000L, 1_000_000L, 0));
        net.connect(fb, ib, LinkConfig.of(1_000_000_000L, 1_000_000L, 0));
        final String[] lines = RULES.split("\n", -1);
        final Firewall firewall = Firewall.stateful(fw, Compiler.compile(NftParser.parse("fw.nft", RULES),
                Firewall.interfaceNames(fw), r -> lines[r.pos().line() - 1].strip()), ConntrackConfig.linux(), List.of());
        final TcpStack ta = new TcpStack(a, TcpConfig.linux());
        final TcpStack tb = new TcpStack(b, TcpConfig.linux());
        final TcpHandler idle = new TcpHandler() { };
        for (int p = 0; p < PORTS; p++) {
            tb.listen(80 + p, c -> idle);
        }
        sim.runUntil(1_000_000_000L);
        final Map<String, Row> before = histogram();
        // 100 connections every 10 ms: the packets and timers in flight at once, which the packet
        // pool and the event queue keep room for, stay those of about a thousand handshakes.
        for (int i = 0; i < m; i += BATCH) {
            for (int k = i; k < Math.min(m, i + BATCH); k++) {
                ta.connect(ib.address(), 80 + k % PORTS, idle);
            }
            sim.runUntil(sim.now() + 10_000_000L);
        }
        // Long enough for every handshake; conntrack's sweep keeps the queue from ever emptying.
        sim.runUntil(sim.now() + 10_000_000_000L);
        final Map<String, Row> after = histogram();
        if (ta.connectionCount() != m || tb.connectionCount() != m || firewall.conntrack().count() != m) {
            throw new IllegalStateException("established " + ta.connectionCount() + " / " + tb.connectionCount()
                    + ", tracked " + firewall.conntrack().count() + " of " + m);
        }
        final Growth g = growth(before, after);
        // keep the network reachable until after the second histogram
        if (ta.node() == tb.node() || firewall.node() != fw) {
            throw new IllegalStateException();
        }
        return g;
    }

    /** What the live heap gained from {@code before} to {@code after}, by class, largest first. */
    static Growth growth(final Map<String, Row> before, final Map<String, Row> after) {
        final List<Row> rows = new ArrayList<>();
        long total = 0;
        for (final Row r : after.values()) {
            final Row o = before.get(r.className());
            final Row d = new Row(r.className(), r.instances() - (o == null ? 0 : o.instances()),
                    r.bytes() - (o == null ? 0 : o.bytes()));
            total += d.bytes();
            rows.add(d);
        }
        for (final Row o : before.values()) {
            if (!after.containsKey(o.className())) {
                rows.add(new Row(o.className(), -o.instances(), -o.bytes()));
                total -= o.bytes();
            }
        }
        rows.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        return new Growth(total, rows);
    }

    /** The live objects per class, after a full GC ({@code jcmd PID GC.class_histogram}). */
    static Map<String, Row> histogram() {
        final String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (final javax.management.JMException e) {
            throw new IllegalStateException("no class histogram from this JVM", e);
        }
        final Map<String, Row> out = new HashMap<>();
        for (final String line : text.split("\n")) {
            // " num:  #instances  #bytes  class name (module)"
            final String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.merge(f[3], new Row(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])),
                        (x, y) -> new Row(x.className(), x.instances() + y.instances(), x.bytes() + y.bytes()));
            }
        }
        return out;
    }

    public static void main(final String[] args) {
        final int m = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final Growth g = measure(m);
        System.out.printf(Locale.ROOT, "idle connections: %d (both endpoints and the conntrack entry each)%n", m);
        print(g, m);
    }

    /** Prints the heap per connection and the classes of at least one byte per connection. */
    static void print(final Growth g, final int m) {
        System.out.printf(Locale.ROOT, "heap per connection: %.0f bytes%n", g.totalBytes() / (double) m);
        System.out.println("  bytes/conn  objects/conn  class");
        for (final Row r : g.rows()) {
            if (Math.abs(r.bytes()) >= m) { // at least one byte per connection
                System.out.printf(Locale.ROOT, "  %10.1f  %12.2f  %s%n", r.bytes() / (double) m,
                        r.instances() / (double) m, r.className());
            }
        }
    }
}
