package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/** A lost SYN,ACK is recovered by retransmission, and the RTO then starts at 3 s (RFC 6298 5.7). */
class LostHandshakeSegmentTest {
    @Test
    void aLostSynAckIsResentAndTheConnectionOpensWithAThreeSecondRto() {
        final TestNet n = TestNet.simple(1);
        final boolean[] dropped = {false};
        n.serverLink.loss(n.serverLink.b(), p -> {
            if (!dropped[0] && (p.flags & (Packet.SYN | Packet.ACK)) == (Packet.SYN | Packet.ACK)) {
                dropped[0] = true;
                return true;
            }
            return false;
        });
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(5_000_000_000L);
        assertEquals(TcpState.ESTABLISHED, c.state());
        // Both ends time out after 1 s: the server resends its SYN,ACK, the client its SYN (which
        // the server, in SYN-RECEIVED, answers with one more SYN,ACK).
        assertTrue(cli.connectedAt > 1_000_000_000L && cli.connectedAt < 1_030_000_000L, "" + cli.connectedAt);
        assertEquals("> S", n.clientWire.get(0));
        assertEquals("> S", n.clientWire.get(1));
        assertTrue(n.clientWire.contains("< S."));
        assertEquals(3_000_000_000L, c.rtoNanos()); // no RTT sample from a retransmitted SYN (Karn)
    }
}
