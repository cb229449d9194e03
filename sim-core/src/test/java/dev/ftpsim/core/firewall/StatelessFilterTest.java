package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A packet filter without conntrack must open both directions of every channel explicitly. */
class StatelessFilterTest {
    @Test
    void bothDirectionsOpenLetAConnectionThrough() {
        final FwNet n = new FwNet(1, 1);
        Firewall.stateless(n.fw, OneLiners.forward(true,
                "iif lan0 tcp dport 80 accept",
                "iif wan tcp sport 80 tcp dport 1024-65535 accept"));
        final FwNet.Ear server = new FwNet.Ear(n.sim);
        n.serverTcp.listen(80, c -> server);
        final FwNet.Ear client = new FwNet.Ear(n.sim);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 80, client);
        c.send("ping".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(NS_PER_S);
        assertTrue(client.connectedAt > 0);
        assertEquals("ping", server.bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void withoutTheReturnChannelTheHandshakeNeverCompletes() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = Firewall.stateless(n.fw, OneLiners.forward(true, "iif lan0 tcp dport 80 accept"));
        n.serverTcp.listen(80, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear client = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 80, client);
        n.sim.runUntil(5 * NS_PER_S);
        assertNull(client.failure);
        assertTrue(client.connectedAt < 0);
        assertTrue(fw.policyCounter(fw.chain("forward"))[0] >= 3, "SYN/ACKs dropped by the policy");
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(FailReason.TIMED_OUT, client.failure);
        assertNull(fw.conntrack());
    }

    @Test
    void conntrackRulesAreRefusedOnAStatelessFirewall() {
        final FwNet n = new FwNet(1, 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Firewall.stateless(n.fw, OneLiners.forward(true, "ct state established accept")));
        assertEquals("chain forward: rule 'ct state established accept' needs connection tracking, but this"
                + " firewall is stateless", e.getMessage());
    }
}
