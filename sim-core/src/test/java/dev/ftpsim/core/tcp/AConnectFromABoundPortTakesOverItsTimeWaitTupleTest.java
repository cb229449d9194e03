package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Active-mode FTP from port 20 to the RFC 959 default data port (the client's control port + 1)
 * reuses one 4-tuple for every transfer of a session, and the server, which closes first after
 * sending, holds it in TIME-WAIT. Linux's connect() from the bound port takes the tuple over
 * (tcp_twsk_unique(), net/ipv4/tcp_ipv4.c, with timestamps as Linux uses them by default) and
 * starts past the old sequence space, when the port was bound with SO_REUSEADDR as both servers
 * bind it (without, bind() itself refuses with EADDRINUSE); measured on Linux 6.18 in network namespaces (python3:
 * SO_REUSEADDR, bind 2020, connect to the peer's 5555, send, close, twice): both connects
 * succeeded, the second over the first's TIME-WAIT. ftpsim refused the second with EADDRINUSE,
 * which ended the whole run ("ftpsim: server: a connection 20 -> 52849 to that address already
 * exists (EADDRINUSE)", exit 2) for a scenario with two gets and {@code active-port: classic}.
 */
class AConnectFromABoundPortTakesOverItsTimeWaitTupleTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aSecondConnectFromPort20ToTheSamePortSucceedsPastTheOldSequenceSpace() {
        final TestNet n = TestNet.simple(51);
        final List<Long> received = new ArrayList<>();
        n.clientTcp.listen(5555, c -> new TcpHandler() {
            @Override
            public void receivedBulk(final TcpConnection x, final long bytes) {
                received.add(bytes);
            }

            @Override
            public void peerClosed(final TcpConnection x) {
                x.close();
            }
        });
        final TcpHandler sendAndClose = new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send(1000L);
                x.close();
            }
        };
        final TcpConnection first = n.serverTcp.connect(n.clientIp, 5555, 20, true, sendAndClose);
        n.sim.runUntil(S);
        assertEquals(TcpState.TIME_WAIT, first.state(), "the server closed first");
        final TcpConnection second = n.serverTcp.connect(n.clientIp, 5555, 20, true, sendAndClose);
        n.sim.runUntil(2 * S);
        assertEquals(List.of(1000L, 1000L), received);
        assertEquals(TcpState.CLOSED, first.state(), "its TIME-WAIT was taken over");
        assertEquals(TcpState.TIME_WAIT, second.state());
        final List<Integer> syns = new ArrayList<>();
        for (int i = 0; i < n.clientPackets.size(); i++) {
            final Packet p = n.clientPackets.get(i);
            if (!n.clientOutgoing.get(i) && p.flags == Packet.SYN) {
                syns.add(p.seq);
            }
        }
        assertEquals(2, syns.size(), "no SYN had to be sent again");
        assertEquals(syns.get(0) + 1 + 1000 + 1 + 65535 + 2, (int) syns.get(1), "tw_snd_nxt + 65535 + 2");
        assertEquals(1, n.serverTcp.timeWaitCount());
    }
}
