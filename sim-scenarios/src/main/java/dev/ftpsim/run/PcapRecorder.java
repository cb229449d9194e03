package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.pcap.PcapngWriter;
import dev.ftpsim.core.rules.vm.Program;
import dev.ftpsim.scenario.LinkSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures the scenario's {@code record.pcap} ends, or with none named every router interface, one
 * pcapng file per end ({@code fw.wan} becomes {@code fw-wan.pcapng}), timestamps from
 * {@code record.start}, {@code record.snaplen} bytes of each packet. A packet a firewall dropped
 * carries a comment saying by which rule or conntrack decision, in the captures of that
 * firewall's interfaces.
 */
final class PcapRecorder implements Recorder {
    private final Scenario scenario;
    private final Path dir;
    private final List<PcapngWriter> captures = new ArrayList<>();
    /** The captures tapping each node's interfaces: where its drops are commented. */
    private final Map<String, List<PcapngWriter>> byNode = new HashMap<>();

    PcapRecorder(final Scenario scenario, final Path dir) {
        this.scenario = scenario;
        this.dir = dir;
    }

    @Override
    public void wired(final NetworkBuilder net) throws IOException {
        final List<LinkSpec.End> ends = new ArrayList<>(scenario.record().pcap());
        if (ends.isEmpty()) {
            for (final RouterSpec rs : scenario.routers().values()) {
                rs.interfaces().keySet().forEach(i -> ends.add(new LinkSpec.End(rs.name(), i)));
            }
        }
        for (final LinkSpec.End end : ends) {
            final List<NetInterface> ifaces = net.interfacesOf(end);
            final PcapngWriter w = PcapngWriter.open(dir.resolve(end.toString().replace('.', '-') + ".pcapng"),
                    scenario.record().snaplen(), scenario.record().startNanos(), end.toString(),
                    ifaces.toArray(new NetInterface[0]));
            captures.add(w);
            for (final NetInterface i : ifaces) {
                final List<PcapngWriter> ws = byNode.computeIfAbsent(i.node().name(), k -> new ArrayList<>());
                if (!ws.contains(w)) {
                    ws.add(w);
                }
            }
        }
    }

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        return new Firewall.Listener() {
            @Override
            public void decided(final Firewall f, final Hook hook, final Program.ChainCode chain, final int rule,
                    final Packet p, final boolean dropped) {
                if (dropped) {
                    comment(f, p, "dropped by " + name + " " + Firewall.describe(chain, rule));
                }
            }

            @Override
            public void conntrackDrop(final Firewall f, final Hook hook, final Packet p, final String reason) {
                comment(f, p, "dropped by " + name + " conntrack: " + reason);
            }
        };
    }

    private void comment(final Firewall fw, final Packet p, final String text) {
        final long now = fw.node().network().simulator().now();
        for (final PcapngWriter w : byNode.getOrDefault(fw.node().name(), List.of())) {
            w.comment(p, text, now);
        }
    }

    @Override
    public void stopped() {
        for (final PcapngWriter w : captures) {
            w.close();
        }
    }
}
