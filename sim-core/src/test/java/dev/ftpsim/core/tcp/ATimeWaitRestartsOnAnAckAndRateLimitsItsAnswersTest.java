package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux's tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c, TIME_WAIT substate): a bare ACK
 * exactly at RCV.NXT restarts the 60 s timer and draws nothing; every other segment without RST
 * draws an ACK, and one with the ACK flag restarts the timer too ("In this case we must reset the
 * TIMEWAIT timer"); pure ACKs are answered at most once per tcp_invalid_ratelimit (500 ms,
 * tcp_timewait_check_oow_rate_limit), segments with data always. ftpsim's TIME-WAIT restarted only
 * on a retransmitted FIN, answered every out-of-window ACK, and ignored data inside the window.
 */
class ATimeWaitRestartsOnAnAckAndRateLimitsItsAnswersTest {
    private static final long S = 1_000_000_000L;

    private TestNet n;
    private TcpConnection c;
    /** The server's FIN as the client received it. */
    private Packet fin;

    private void closeBothWays() {
        n = TestNet.simple(62);
        n.serverTcp.listen(21, x -> new TcpHandler() {
            @Override
            public void peerClosed(final TcpConnection y) {
                y.close();
            }
        });
        c = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.close();
            }
        });
        n.sim.runUntil(S);
        assertEquals(TcpState.TIME_WAIT, c.state());
        fin = n.clientPackets.get(n.clientPackets.size() - 2);
        assertEquals(Packet.FIN | Packet.ACK, fin.flags);
        // The client's answers go no further than the router: the server, closed, would answer
        // them with a reset that ends the TIME-WAIT (RFC 1337's assassination, Linux's too).
        n.serverLink.loss(n.serverLink.a(), x -> true);
    }

    /** A segment from the server's address to the client's TIME-WAIT. */
    private void forge(final int flags, final int seqPastRcvNxt, final int payload) {
        final Packet p = n.net.pool().acquire();
        p.protocol = Packet.PROTO_TCP;
        p.src = n.serverIp;
        p.dst = n.clientIp;
        p.sport = 21;
        p.dport = c.localPort();
        p.flags = flags;
        p.seq = fin.seq + 1 + seqPastRcvNxt;
        p.ack = fin.ack;
        p.window = 1000;
        p.payloadLength = payload;
        p.ttl = 64;
        n.server.sendLocal(p);
    }

    private List<String> clientSentSince(final int before) {
        return n.clientWire.subList(before, n.clientWire.size()).stream().filter(s -> s.startsWith(">")).toList();
    }

    @Test
    void aBareAckAtRcvNxtRestartsTheTimerAndDrawsNothing() {
        closeBothWays();
        n.sim.runUntil(50 * S);
        final int before = n.clientWire.size();
        forge(Packet.ACK, 0, 0);
        n.sim.runUntil(100 * S);
        assertEquals(List.of(), clientSentSince(before), "no answer to a bare in-window ACK");
        assertEquals(1, n.clientTcp.timeWaitCount(), "restarted at 50 s, the TIME-WAIT outlives 61 s");
        n.sim.runUntil(111 * S);
        assertEquals(0, n.clientTcp.timeWaitCount(), "60 s after the ACK it is gone");
    }

    @Test
    void outOfWindowAcksAreAnsweredOncePerHalfSecondAndRestartTheTimer() {
        closeBothWays();
        n.sim.runUntil(50 * S);
        final int before = n.clientWire.size();
        forge(Packet.ACK, -1000, 0);
        n.sim.runUntil(50 * S + 100_000_000L);
        forge(Packet.ACK, -1000, 0);
        n.sim.runUntil(50 * S + 200_000_000L);
        assertEquals(1, clientSentSince(before).size(), "the second within 500 ms is not answered: "
                + clientSentSince(before));
        n.sim.runUntil(51 * S);
        forge(Packet.ACK, -1000, 0);
        n.sim.runUntil(52 * S);
        assertEquals(2, clientSentSince(before).size(), "the next after 500 ms is");
        n.sim.runUntil(110 * S);
        assertEquals(1, n.clientTcp.timeWaitCount(), "the ACK at 51 s restarted the timer");
        n.sim.runUntil(112 * S);
        assertEquals(0, n.clientTcp.timeWaitCount());
    }

    @Test
    void segmentsWithDataAreAlwaysAnswered() {
        closeBothWays();
        final int before = n.clientWire.size();
        forge(Packet.ACK | Packet.PSH, 0, 100);
        n.sim.runUntil(S + 10_000_000L);
        forge(Packet.ACK | Packet.PSH, 0, 100);
        n.sim.runUntil(2 * S);
        assertEquals(2, clientSentSince(before).size(), "data inside the window is out of TIME-WAIT's: "
                + clientSentSince(before));
        assertEquals(1, n.clientTcp.timeWaitCount());
    }
}
