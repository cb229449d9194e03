package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Active-mode uploads to the RFC 959 default data port: the client sends and closes first, so it
 * holds the tuple (its port N+1, the server's port 20) in TIME-WAIT when the next transfer's SYN
 * comes from the same server port. Linux's tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c)
 * returns TCP_TW_SYN for a SYN whose timestamp is newer, as between Linux ends it is, and
 * tcp_v4_rcv() ends the TIME-WAIT and gives the SYN to the listener, whose SYN,ACK starts at
 * tw_snd_nxt + 65535 + 2. ftpsim answered with a challenge ACK instead, drew an RST from the
 * connecting side, and the connect waited for its SYN's 1 s retransmission.
 */
class ANewSynForATupleInTimeWaitReachesTheListenerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theListenerAnswersTheSynAtOnceAndTheTimeWaitEnds() {
        final TestNet n = TestNet.simple(52);
        final List<Long> connectedAt = new ArrayList<>();
        // The client listens on its data port and, once connected, sends and closes first.
        n.clientTcp.listen(5555, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(1000L);
                x.close();
            }
        });
        final TcpHandler server = new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                connectedAt.add(n.sim.now());
            }

            @Override
            public void peerClosed(final TcpConnection x) {
                x.close();
            }
        };
        n.serverTcp.connect(n.clientIp, 5555, 20, true, server);
        n.sim.runUntil(S);
        assertEquals(1, n.clientTcp.timeWaitCount(), "the client closed first");
        final int before = n.clientPackets.size();
        final long t0 = n.sim.now();
        n.serverTcp.connect(n.clientIp, 5555, 20, true, server);
        n.sim.runUntil(3 * S);
        assertEquals(2, connectedAt.size());
        assertEquals(20_000_000L, connectedAt.get(1) - t0, 1_000_000L, "one RTT: no SYN sent again");
        final List<String> wire = n.clientWire.subList(before, before + 3);
        assertEquals(List.of("< S", "> S.", "< ."), wire);
        final Packet synAck = n.clientPackets.get(before + 1);
        int lastSeqOfOld = 0;
        for (int i = 0; i < before; i++) {
            if (n.clientOutgoing.get(i) && n.clientPackets.get(i).has(Packet.FIN)) {
                lastSeqOfOld = n.clientPackets.get(i).seq + 1; // SND.NXT after the client's FIN
            }
        }
        assertEquals(lastSeqOfOld + 65535 + 2, synAck.seq, "tw_snd_nxt + 65535 + 2");
    }

    @Test
    void withoutAListenerTheTimeWaitStillAnswersASynWithAnAck() {
        final TestNet n = TestNet.simple(53);
        n.clientTcp.listen(5555, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.close();
            }
        });
        n.serverTcp.connect(n.clientIp, 5555, 20, true, new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection x) {
                x.close();
            }
        });
        n.sim.runUntil(S);
        n.clientTcp.unlisten(5555);
        final int before = n.clientPackets.size();
        n.serverTcp.connect(n.clientIp, 5555, 20, true, new TcpHandler() { });
        n.sim.runUntil(S + 100_000_000L);
        assertEquals(List.of("< S", "> .", "< R"), n.clientWire.subList(before, n.clientWire.size()));
    }
}
