package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NatTest {
    private static final int FW_WAN = Ipv4.parse("203.0.113.1");

    private static Ruleset masquerade(final String masqRule) {
        return new Ruleset(List.of(
                OneLiners.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "oif wan ct state new accept"),
                OneLiners.chain("postrouting", true, Hook.POSTROUTING, 100, false, masqRule)),
                List.of(), Map.of());
    }

    @Test
    void manyClientsBehindMasqueradeReachTheServerWhichSeesOnlyTheRouter() {
        final int clients = 50;
        final FwNet n = new FwNet(3, clients);
        final Firewall fw = n.stateful(masquerade("oifname wan masquerade"), ConntrackConfig.linux());
        final Set<Integer> peers = new HashSet<>();
        final List<TcpConnection> accepted = new ArrayList<>();
        n.serverTcp.listen(80, c -> {
            peers.add(c.remoteIp());
            accepted.add(c);
            return new TcpHandler() {
                @Override
                public void received(final TcpConnection conn, final byte[] data) {
                    // Echo back, so replies must find their way to the right client.
                    conn.send(data);
                }
            };
        });
        final FwNet.Ear[] ears = new FwNet.Ear[clients];
        for (int i = 0; i < clients; i++) {
            ears[i] = new FwNet.Ear(n.sim);
            final TcpConnection c = n.clientTcp.get(i).connect(FwNet.SERVER, 80, ears[i]);
            c.send(("hello from client " + i).getBytes(StandardCharsets.US_ASCII));
        }
        n.sim.runUntil(2 * NS_PER_S);
        assertEquals(Set.of(FW_WAN), peers, "the server sees only the router's address");
        assertEquals(clients, accepted.size());
        for (int i = 0; i < clients; i++) {
            assertEquals("hello from client " + i, ears[i].bytes.toString(StandardCharsets.US_ASCII));
        }
        assertEquals(clients, fw.conntrack().count());
        assertEquals(clients, fw.conntrack().natCount(), "every entry holds a masquerade mapping");
    }

    @Test
    void masqueradeKeepsSourcePortsWhenFreeAndRemapsClashes() {
        final FwNet n = new FwNet(3, 2);
        n.stateful(masquerade("oifname wan masquerade"), ConntrackConfig.linux());
        final List<Integer> ports = new ArrayList<>();
        n.serverTcp.listen(80, c -> {
            ports.add(c.remotePort());
            return new FwNet.Ear(n.sim);
        });
        // Both clients use local port 40000: the second must be remapped to stay unique.
        n.clientTcp.get(0).connect(FwNet.SERVER, 80, 40000, new FwNet.Ear(n.sim));
        n.clientTcp.get(1).connect(FwNet.SERVER, 80, 40000, new FwNet.Ear(n.sim));
        n.sim.runUntil(NS_PER_S);
        assertEquals(2, ports.size());
        assertEquals(40000, ports.get(0));
        assertTrue(ports.get(1) != 40000 && ports.get(1) >= 1024, "remapped to " + ports.get(1));
    }

    @Test
    void portExhaustionIsCountedAndTheConnectionIsDropped() {
        final FwNet n = new FwNet(3, 20);
        final Firewall fw = n.stateful(masquerade("oifname wan ip protocol tcp masquerade to :1024-1033"), ConntrackConfig.linux());
        final Set<Integer> ports = new HashSet<>();
        n.serverTcp.listen(80, c -> {
            ports.add(c.remotePort());
            return new FwNet.Ear(n.sim);
        });
        for (int i = 0; i < 20; i++) {
            final int k = i;
            n.sim.schedule(k * NS_PER_MS, () -> n.clientTcp.get(k).connect(FwNet.SERVER, 80, new FwNet.Ear(n.sim)));
        }
        n.sim.runUntil(900 * NS_PER_MS);
        assertEquals(10, ports.size());
        assertTrue(ports.stream().allMatch(p -> p >= 1024 && p <= 1033));
        assertEquals(10, fw.conntrack().stats().natExhausted);
        assertEquals(10, fw.conntrack().natCount(), "the range's ten ports, all in use");
    }

    @Test
    void dnatForwardsAPublicPortToAPrivateServer() {
        // The "server" host plays the private side here: clients reach it through fw's lan0 address.
        final FwNet n = new FwNet(4, 1);
        final Ruleset rs = new Ruleset(List.of(
                OneLiners.chain("prerouting", true, Hook.PREROUTING, -100, false,
                        "iif lan0 tcp dport 2121 dnat to 203.0.113.10:21"),
                OneLiners.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "ct status dnat accept")),
                List.of(), Map.of());
        n.stateful(rs, ConntrackConfig.linux());
        final FwNet.Ear server = new FwNet.Ear(n.sim);
        n.serverTcp.listen(21, c -> server);
        final FwNet.Ear client = new FwNet.Ear(n.sim);
        final TcpConnection c = n.clientTcp.get(0).connect(Ipv4.parse("10.1.0.1"), 2121, client);
        c.send("USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(NS_PER_S);
        assertTrue(client.connectedAt > 0);
        assertEquals("USER anonymous\r\n", server.bytes.toString(StandardCharsets.US_ASCII));
    }
}
