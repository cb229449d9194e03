package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The probes a run samples, by name: per firewall ({@code conntrack_<fw>}, {@code
 * expectations_<fw>}, {@code nat_<fw>}, {@code expired_<fw>}: its conntrack entries, pending
 * expectations, NAT mappings and entries expired so far, 0 without conntrack), per run ({@code sessions_finished}), and per host named in the
 * scenario's {@code record.tcp} ({@code cwnd_<host>} in bytes and {@code rto_<host>} in whole
 * milliseconds, of that host's busiest open connection ({@link BusiestConnection}); 0 when it has
 * none). A registry is immutable; {@link #withFirewallProbe} adds a column to each firewall's,
 * {@link #withProbe} one to the run's.
 *
 * <p>Columns come in registry order: all firewall probes of the first firewall, of the second, and
 * so on, then the run's probes, then the host probes of each {@code record.tcp} host in its order.
 */
public final class ProbeRegistry {
    /**
     * What a probe may read: the built firewalls by node name, the sessions finished so far, and
     * the hosts whose TCP is sampled with their stacks (a stack is null while the host has none).
     */
    public record Context(Map<String, Firewall> firewalls, LongSupplier sessionsFinished,
            List<String> tcpHosts, Function<String, TcpStack> tcp) {}

    /** The standard probes of a host's TCP, by column prefix, read from its busiest connection. */
    private static final Map<String, ToLongFunction<TcpConnection>> PER_HOST = perHost();

    private final Map<String, ToLongFunction<Firewall>> perFirewall;
    private final Map<String, Function<Context, LongSupplier>> perRun;

    private ProbeRegistry(final Map<String, ToLongFunction<Firewall>> perFirewall,
            final Map<String, Function<Context, LongSupplier>> perRun) {
        this.perFirewall = perFirewall;
        this.perRun = perRun;
    }

    private static Map<String, ToLongFunction<TcpConnection>> perHost() {
        final Map<String, ToLongFunction<TcpConnection>> m = new LinkedHashMap<>();
        m.put("cwnd", TcpConnection::congestionWindow);
        m.put("rto", c -> c.rtoNanos() / 1_000_000);
        return m;
    }

    /** The standard probes, the columns of {@code timeseries.csv}. */
    public static ProbeRegistry standard() {
        final Map<String, ToLongFunction<Firewall>> fw = new LinkedHashMap<>();
        fw.put("conntrack", f -> ct(f) == null ? 0 : ct(f).count());
        fw.put("expectations", f -> ct(f) == null ? 0 : ct(f).expectationCount());
        fw.put("nat", f -> ct(f) == null ? 0 : ct(f).natCount());
        fw.put("expired", f -> ct(f) == null ? 0 : ct(f).stats().expired);
        final Map<String, Function<Context, LongSupplier>> run = new LinkedHashMap<>();
        run.put("sessions_finished", Context::sessionsFinished);
        return new ProbeRegistry(fw, run);
    }

    private static Conntrack ct(final Firewall f) {
        return f.conntrack();
    }

    /** This registry with a probe per firewall, named {@code <prefix>_<firewall node>}. */
    public ProbeRegistry withFirewallProbe(final String prefix, final ToLongFunction<Firewall> read) {
        final Map<String, ToLongFunction<Firewall>> fw = new LinkedHashMap<>(perFirewall);
        if (fw.put(prefix, read) != null) {
            throw new IllegalArgumentException("a firewall probe " + prefix + " is registered already");
        }
        return new ProbeRegistry(fw, perRun);
    }

    /** This registry with a probe of the run named {@code name}. */
    public ProbeRegistry withProbe(final String name, final Function<Context, LongSupplier> probe) {
        final Map<String, Function<Context, LongSupplier>> run = new LinkedHashMap<>(perRun);
        if (run.put(name, probe) != null) {
            throw new IllegalArgumentException("a probe " + name + " is registered already");
        }
        return new ProbeRegistry(perFirewall, run);
    }

    /** The probes of a built simulation, in column order. */
    List<Probe> bind(final Context ctx) {
        final List<Probe> out = new ArrayList<>();
        ctx.firewalls().forEach((name, fw) -> perFirewall.forEach((prefix, read) ->
                out.add(new Probe(prefix + "_" + name, () -> read.applyAsLong(fw)))));
        perRun.forEach((name, probe) -> out.add(new Probe(name, probe.apply(ctx))));
        for (final String host : ctx.tcpHosts()) {
            final BusiestConnection busiest = new BusiestConnection();
            PER_HOST.forEach((prefix, read) -> out.add(new Probe(prefix + "_" + host, () -> {
                final TcpStack stack = ctx.tcp().apply(host);
                final TcpConnection c = stack == null ? null : busiest.of(stack);
                return c == null ? 0 : read.applyAsLong(c);
            })));
        }
        return out;
    }
}
