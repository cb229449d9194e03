package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConntrackExpiryTest {
    private static final String[] POLICY = {
        "ct state established,related accept",
        "iif lan0 oif wan tcp dport 21 ct state new accept",
    };

    /** A short ESTABLISHED timeout, like a NAT box that forgets idle connections after 30 s. */
    private static Firewall firewall(final FwNet n, final boolean loose) {
        return n.stateful(OneLiners.forward(true, POLICY), ConntrackConfig.linux()
                .withTcpTimeout(TcpCtState.ESTABLISHED, 30 * NS_PER_S).withTcpLoose(loose));
    }

    @Test
    void anIdleConnectionsEntryExpiresAndTheServersNextPacketIsDropped() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = firewall(n, true);
        final TcpConnection[] serverSide = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            serverSide[0] = c;
            return new FwNet.Ear(n.sim);
        });
        final FwNet.Ear client = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 21, client);
        n.sim.runUntil(NS_PER_S);
        assertEquals(1, fw.conntrack().count());

        n.sim.runUntil(60 * NS_PER_S); // idle for twice the timeout
        assertEquals(0, fw.conntrack().count(), "the sweep removed the idle entry");
        assertEquals(1, fw.conntrack().stats().expired);

        // The server speaks first (a "226 Transfer complete" after a long transfer): conntrack
        // picks the packet up as a NEW connection from the server, which the policy drops.
        final long dropsBefore = fw.policyCounter(fw.chain("forward"))[0];
        serverSide[0].send("226 Transfer complete.\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(70 * NS_PER_S);
        assertEquals(0, client.bytes.size(), "the reply never reaches the client");
        assertTrue(fw.policyCounter(fw.chain("forward"))[0] > dropsBefore);
    }

    @Test
    void withoutLoosePickupTheClientsNextPacketIsInvalidAndDropped() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = firewall(n, false);
        final FwNet.Ear server = new FwNet.Ear(n.sim);
        n.serverTcp.listen(21, c -> server);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        n.sim.runUntil(60 * NS_PER_S);
        c.send("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(70 * NS_PER_S);
        assertEquals(0, server.bytes.size());
        assertTrue(fw.conntrack().stats().invalid > 0);
    }

    @Test
    void aConnectionThatKeepsTalkingStaysTracked() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = firewall(n, true);
        final FwNet.Ear server = new FwNet.Ear(n.sim);
        n.serverTcp.listen(21, c -> server);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        for (int t = 20; t <= 200; t += 20) {
            n.sim.runUntil(t * NS_PER_S);
            c.send("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        n.sim.runUntil(201 * NS_PER_S);
        assertEquals(10 * 6, server.bytes.size());
        assertEquals(0, fw.conntrack().stats().expired);
    }
}
