package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once its socket is gone, a connection in TIME_WAIT still does what RFC 9293 3.10.7.4 asks of
 * that state: "The only thing that can arrive in this state is a retransmission of the remote
 * FIN. Acknowledge it, and restart the 2 MSL timeout." The router loses the client's ACK of the
 * server's FIN, the server (in LAST-ACK) sends its FIN again, and the client answers with the ACK
 * it sent the first time and keeps the port busy for 60 s from then.
 */
class AConnectionInTimeWaitReAcknowledgesARetransmittedFinTest {
    @Test
    void aRetransmittedFinIsAcknowledgedAgainAndRestartsTheSixtySeconds() {
        final TestNet n = TestNet.simple(7);
        final TcpConnection[] server = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            server[0] = c;
            return new TcpHandler() {
                @Override
                public void peerClosed(final TcpConnection c) {
                    c.close();
                }
            };
        });
        final int[] pureAcks = new int[1];
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) ->
                p.dst == n.serverIp && p.flags == Packet.ACK && ++pureAcks[0] == 2 ? Verdict.DROP : Verdict.ACCEPT);
        final TcpConnection client = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                c.close();
            }
        });
        n.sim.runUntil(5_000_000_000L);

        assertEquals(List.of("> S", "< S.", "> .", "> F.", "< .", "< F.", "> .", "< F.", "> ."), n.clientWire);
        final Packet firstAck = n.clientPackets.get(6);
        final Packet reAck = n.clientPackets.get(8);
        assertEquals(n.clientPackets.get(5).seq, n.clientPackets.get(7).seq, "the same FIN again");
        assertEquals(n.clientPackets.get(7).seq + 1, reAck.ack, "acknowledged");
        assertEquals(Packet.ACK, reAck.flags);
        assertEquals(firstAck.seq, reAck.seq);
        assertEquals(firstAck.ack, reAck.ack);
        assertEquals(firstAck.window, reAck.window);
        assertEquals(TcpState.CLOSED, server[0].state(), "the server got the second ACK");

        final long restart = n.clientTimes.get(7);
        assertTrue(restart > n.clientTimes.get(5) + 100_000_000L, "the FIN came again after the server's RTO");
        // 60 s from the first FIN have passed, 60 s from the retransmission not yet.
        n.sim.runUntil(restart + 60_000_000_000L - 1_000_000L);
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(1, n.clientTcp.timeWaitCount());
        final TcpConnection busy = n.clientTcp.connect(n.serverIp, 21, client.localPort(), new TcpHandler() { });
        n.sim.runUntil(n.sim.now() + 1);
        assertEquals(FailReason.ADDRESS_NOT_AVAILABLE, busy.failure());
        assertTrue(busy.failureDetail().contains("EADDRINUSE"), busy.failureDetail());
        n.sim.runUntil(restart + 60_000_000_000L + 1_000_000L);
        assertEquals(TcpState.CLOSED, client.state());
        assertEquals(0, n.clientTcp.connectionCount());
    }
}
