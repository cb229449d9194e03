package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container dialling the Docker host's published port, DNATed to another container on the same
 * bridge (examples/docker-container-to-published-port.yaml). Measured on Linux 6.18 (bridge docker0
 * in a namespace, two veth "containers", the DNAT of 198.51.100.5:21 to 172.17.0.2, vsftpd 3.0.3,
 * `curl -m 5 ftp://198.51.100.5/file.txt`, `tshark -i vetha -i vethb`): with
 * net.bridge.bridge-nf-call-iptables=1 the SYN reached vsftpd bridged (TTL 64, the client's MAC),
 * the SYN/ACK reached the client from 198.51.100.5:21 and curl fetched the file; with 0 the SYN was
 * routed (TTL 63), the SYN/ACK reached the client from 172.17.0.2:21, the client answered RST, and
 * curl timed out.
 */
class AContainerReachesAPublishedPortOnItsOwnBridgeOnlyWithBrNetfilterTest {
    private static final int HOST = Ipv4.parse("198.51.100.5");
    private static final int SERVER = Ipv4.parse("172.17.0.2");

    /** A TCP segment seen on a container's interface. */
    record Seen(String host, boolean outgoing, int src, int sport, int dst, int flags, int ttl) {}

    /** Taps both containers' interfaces, as tshark on their veths would. */
    static final class Wire implements Recorder {
        final List<Seen> seen = new ArrayList<>();

        @Override
        public void wired(final NetworkBuilder net) {
            for (final String h : List.of("app-container", "ftp-container")) {
                net.node(h).interfaces().get(0).addTap((i, out, p, t) -> {
                    if (p.protocol == Packet.PROTO_TCP) {
                        seen.add(new Seen(h, out, p.src, p.sport, p.dst, p.flags, p.ttl));
                    }
                });
            }
        }
    }

    record Run(List<String> outcomes, Wire wire) {}

    private static Run run(final boolean brNetfilter) throws Exception {
        String text = Files.readString(Path.of("..", "examples", "docker-container-to-published-port.yaml"));
        text = text.substring(0, text.indexOf("\nsweep:") + 1).replace("sessions: 3", "sessions: 1");
        if (!brNetfilter) {
            text = text.replace("br-netfilter: true", "br-netfilter: false");
        }
        final Scenario s = ScenarioLoader.parse(text, "t.yaml", Path.of("..", "examples"));
        final Wire wire = new Wire();
        final List<Results.Row> rows = new ArrayList<>();
        new Simulation(s, s.seed(), FirewallBuilder.of(HelperRegistry.standard()), ProbeRegistry.standard(),
                List.of(wire)).run(null, RunSink.sessions(rows::add));
        return new Run(rows.stream().map(r -> r.record().ok() ? "ok" : r.record().reasonText()).toList(), wire);
    }

    private static Seen first(final Run r, final String host, final boolean outgoing, final int flags) {
        return r.wire().seen.stream().filter(x -> x.host().equals(host) && x.outgoing() == outgoing
                && (x.flags() & flags) == flags).findFirst().orElseThrow();
    }

    /** The first SYN for the server's own address reaching it (flooded frames for others aside). */
    private static Seen synAtServer(final Run r) {
        return r.wire().seen.stream().filter(x -> x.host().equals("ftp-container") && !x.outgoing()
                && x.flags() == Packet.SYN && x.dst() == SERVER).findFirst().orElseThrow();
    }

    @Test
    void withBrNetfilterTheBridgedSynAckIsDeNatedAndTheDownloadSucceeds() throws Exception {
        final Run r = run(true);
        assertEquals(List.of("ok"), r.outcomes());
        final Seen synAck = first(r, "app-container", false, Packet.SYN | Packet.ACK);
        assertEquals(Ipv4.format(HOST) + ":21", Ipv4.format(synAck.src()) + ":" + synAck.sport());
        // DNATed in the bridge to a station of the same bridge: bridged, not routed (no TTL decrement)
        final Seen syn = synAtServer(r);
        assertEquals(64, syn.ttl());
        assertTrue(r.wire().seen.stream().noneMatch(x -> (x.flags() & Packet.RST) != 0), "no reset");
    }

    @Test
    void withoutBrNetfilterTheClientResetsTheServersOwnSynAckAndNeverConnects() throws Exception {
        final Run r = run(false);
        assertEquals(List.of("control connect timed out"), r.outcomes());
        final Seen synAck = first(r, "app-container", false, Packet.SYN | Packet.ACK);
        assertEquals(Ipv4.format(SERVER) + ":21", Ipv4.format(synAck.src()) + ":" + synAck.sport());
        final Seen syn = synAtServer(r);
        assertEquals(63, syn.ttl()); // routed by the host
        final Seen rst = first(r, "app-container", true, Packet.RST);
        assertEquals(Ipv4.format(SERVER), Ipv4.format(rst.dst()));
    }
}
