package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.firewall.Firewall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The probes a run samples, by name: per firewall ({@code conntrack_<fw>}, {@code
 * expectations_<fw>}, {@code nat_<fw>}: its conntrack entries, pending expectations and NAT
 * mappings, 0 without conntrack) and per run ({@code sessions_finished}). A registry is immutable;
 * {@link #withFirewallProbe} adds a column to each firewall's, {@link #withProbe} one to the run's.
 *
 * <p>Columns come in registry order: all firewall probes of the first firewall, of the second, and
 * so on, then the run's probes.
 */
public final class ProbeRegistry {
    /** What a probe may read: the built firewalls by node name, and the sessions finished so far. */
    public record Context(Map<String, Firewall> firewalls, LongSupplier sessionsFinished) {}

    private final Map<String, ToLongFunction<Firewall>> perFirewall;
    private final Map<String, Function<Context, LongSupplier>> perRun;

    private ProbeRegistry(final Map<String, ToLongFunction<Firewall>> perFirewall,
            final Map<String, Function<Context, LongSupplier>> perRun) {
        this.perFirewall = perFirewall;
        this.perRun = perRun;
    }

    /** The standard probes, the columns of {@code timeseries.csv}. */
    public static ProbeRegistry standard() {
        final Map<String, ToLongFunction<Firewall>> fw = new LinkedHashMap<>();
        fw.put("conntrack", f -> ct(f) == null ? 0 : ct(f).count());
        fw.put("expectations", f -> ct(f) == null ? 0 : ct(f).expectationCount());
        fw.put("nat", f -> ct(f) == null ? 0 : ct(f).natCount());
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
        return out;
    }
}
