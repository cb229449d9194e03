package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux's tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c) takes only a bare ACK or an RST
 * exactly at RCV.NXT as "in window"; an RST anywhere else falls to its out-of-window case, which
 * drops an RST without an answer ("if (!th->rst) { ... return TCP_TW_ACK } inet_twsk_put(tw);
 * return TCP_TW_SUCCESS;"). ftpsim's TIME-WAIT answered an in-window one with a challenge ACK, as a
 * synchronized connection does. Measured on Linux 6.18 (network namespaces, an RST forged from the
 * peer's address with a python3 raw socket): 100 past RCV.NXT, no answer and `ss` still showed
 * the TIME-WAIT; at RCV.NXT, the TIME-WAIT was gone.
 */
class AnRstNotAtRcvNxtForATimeWaitIsDroppedSilentlyTest {
    @Test
    void anInWindowRstPastRcvNxtGetsNoAnswerAndTheTimeWaitStays() {
        final TestNet n = TestNet.simple(61);
        n.serverTcp.listen(21, c -> new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection x) {
                x.close();
            }
        });
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.close();
            }
        });
        n.sim.runUntil(1_000_000_000L);
        assertEquals(TcpState.TIME_WAIT, c.state());
        final Packet last = n.clientPackets.get(n.clientPackets.size() - 2); // the server's FIN
        assertEquals(Packet.FIN | Packet.ACK, last.flags);
        final int before = n.clientWire.size();
        final Packet rst = new Packet();
        rst.protocol = Packet.PROTO_TCP;
        rst.src = n.serverIp;
        rst.dst = n.clientIp;
        rst.sport = 21;
        rst.dport = c.localPort();
        rst.flags = Packet.RST;
        rst.seq = last.seq + 1 + 100; // in the window, 100 past RCV.NXT
        rst.ttl = 64;
        final Packet copy = n.net.pool().acquire();
        copy.copyFrom(rst);
        n.server.sendLocal(copy);
        n.sim.runUntil(2_000_000_000L);
        assertEquals(List.of("< R"), n.clientWire.subList(before, n.clientWire.size()), "no challenge ACK");
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(1, n.clientTcp.timeWaitCount());
    }
}
