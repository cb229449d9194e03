package dev.ftpsim.run;

import dev.ftpsim.core.balancer.Balancer;
import dev.ftpsim.core.balancer.Flow;
import dev.ftpsim.core.conntrack.FiveTuple;
import dev.ftpsim.core.conntrack.ForgetListener;
import dev.ftpsim.core.net.Ipv4;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@code forgotten.csv} per connection a stateful box forgot (or refused to track):
 * which box, when, why, and the connection, so a user sees which box lost a control connection's
 * 226. Rows go to the sink as the boxes notice; {@code time_s} is when it happened.
 */
final class ForgottenLog {
    /** The columns of {@code forgotten.csv}. */
    static final List<String> HEADER = List.of("time_s", "box", "kind", "reason", "state", "proto", "src", "sport",
            "dst", "dport", "backend");

    private final java.util.function.Supplier<RunSink> sink;

    ForgottenLog(final java.util.function.Supplier<RunSink> sink) {
        this.sink = sink;
    }

    /** A listener for the conntrack table of firewall {@code box}. */
    ForgetListener conntrack(final String box) {
        return (e, ips, ports, reason, at) -> row(List.of(time(at), box, "conntrack", reason,
                e == null ? "" : e.tcpState().toString().toLowerCase(Locale.ROOT), proto(ports),
                Ipv4.format(FiveTuple.srcIp(ips)), String.valueOf(FiveTuple.srcPort(ports)),
                Ipv4.format(FiveTuple.dstIp(ips)), String.valueOf(FiveTuple.dstPort(ports)), ""));
    }

    /** A listener for the flows of every balancer. */
    Balancer.Listener balancers() {
        return new Balancer.Listener() {
            @Override
            public void created(final Balancer b, final Flow f) {}

            @Override
            public void forgot(final Balancer b, final Flow f, final Balancer.Forget why, final long at) {
                // LVS tracks TCP states (ipvsadm -Lnc shows them); the other products' tables are not told
                final String state = b.config().lvs().tcpStates() ? f.state().toLowerCase(Locale.ROOT) : "";
                row(List.of(time(at), b.name(), "balancer", why.name().toLowerCase(Locale.ROOT), state, "tcp",
                        Ipv4.format(f.clientAddress()), String.valueOf(f.clientPort()),
                        Ipv4.format(b.config().virtualAddress()), String.valueOf(f.frontPort()),
                        Ipv4.format(f.backendAddress()) + ":" + f.backendPort()));
            }
        };
    }

    private void row(final List<String> cells) {
        final RunSink s = sink.get();
        if (s == null) {
            return;
        }
        try {
            s.forgotten(cells);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String proto(final long ports) {
        final int p = FiveTuple.proto(ports);
        return p == FiveTuple.TCP ? "tcp" : p == FiveTuple.UDP ? "udp" : p == FiveTuple.ICMP ? "icmp" : String.valueOf(p);
    }

    private static String time(final long at) {
        return TimeseriesSampling.seconds(at, 6);
    }
}
