package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux answers a segment outside the window that carries no data, and challenges a SYN or an
 * in-window RST, at most once per tcp_invalid_ratelimit = 500 ms per connection
 * (__tcp_oow_rate_limited() in net/ipv4/tcp_input.c; tcp_challenge_ack_limit's global limit is
 * off by default since 6.0). Measured on Linux 6.18: a receiver at a zero window answered a probe,
 * left the next one, 456 ms later, unanswered, and answered the one after; and eight RSTs with a
 * sequence number 100 past RCV.NXT, or eight pure ACKs 5000 below it, forged from the peer's
 * address 100 ms apart (python3 raw socket, network namespaces), each drew two ACKs, at 0 and
 * 0.58 s.
 */
class OutOfWindowAcksAndChallengeAcksAreRateLimitedTest {
    private static final long MS = 1_000_000L;

    /** The server's replies to {@code segments} forged from the client 100 ms apart, as the client's wire shows them. */
    private static List<String> answers(final long seed, final int flags, final long seqOffset, final int payload) {
        final TestNet n = TestNet.simple(seed);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() { });
        n.sim.runUntil(1000 * MS);
        final int before = n.clientWire.size();
        for (int i = 0; i < 8; i++) {
            n.sim.schedule(i * 100 * MS, () -> {
                final Packet p = c.segment(flags, c.sndNxt + seqOffset); // as the client's TCP builds them
                p.payloadLength = payload;
                n.client.sendLocal(p);
            });
        }
        n.sim.runUntil(3000 * MS);
        return n.clientWire.subList(before, n.clientWire.size()).stream().filter(w -> w.startsWith("<")).toList();
    }

    @Test
    void pureAcksOutsideTheWindowGetOneAnswerPer500Ms() {
        // at 0, 100, ..., 700 ms: answered at 0 and 500 ms
        assertEquals(List.of("< .", "< ."), answers(41, Packet.ACK, -1000, 0));
    }

    @Test
    void dataOutsideTheWindowIsAnsweredEveryTime() {
        // "Data packets without SYNs are not likely part of an ACK loop." (tcp_oow_rate_limited)
        assertEquals(8, answers(42, Packet.ACK, -1000, 10).size());
    }

    @Test
    void synsOnAnEstablishedConnectionDrawOneChallengeAckPer500Ms() {
        assertEquals(List.of("< .", "< ."), answers(43, Packet.SYN, 0, 0));
    }

    @Test
    void inWindowRstsDrawOneChallengeAckPer500Ms() {
        assertEquals(List.of("< .", "< ."), answers(44, Packet.RST | Packet.ACK, 100, 0));
    }
}
