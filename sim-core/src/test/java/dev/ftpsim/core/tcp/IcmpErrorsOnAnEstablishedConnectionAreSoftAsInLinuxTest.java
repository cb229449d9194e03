package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router that starts rejecting an established connection's segments with ICMP. Linux 6.18,
 * measured in network namespaces (client -- router -- server over veth, {@code nft add rule ip t f
 * tcp dport 2121 reject with icmp type net-unreachable} on the router, python3 send then recv,
 * tshark on the client): the 16-byte segment went out again 204 ms after the send and after each
 * answered retransmission (tcp_ld_RTO_revert, RFC 6069, undid each back-off), but only the send
 * and the first six retransmissions were answered: the router's ICMP errors to the client are rate
 * limited (net.ipv4.icmp_ratelimit, a burst of six then one a second), so the seventh
 * retransmission got none and the RTO backed off again (transmissions at 0, 1-7, 9, 13, 17, 21 ...
 * RTOs), and recv() had not failed 13 s after the send.
 */
class IcmpErrorsOnAnEstablishedConnectionAreSoftAsInLinuxTest {
    private static final long S = 1_000_000_000L;

    private record Outcome(FailReason reason, String detail, List<Long> retransmissions, long failedAfter) {}

    private static Outcome rejectDataWith(final long seed, final int code) {
        final LinkConfig l = LinkConfig.of(10_000_000, 5_000_000, 100);
        final TestNet n = new TestNet(seed, l, l, TcpConfig.linux().withRetries2(5), TcpConfig.linux());
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        c.send(new byte[100]); // an RTT sample: the RTO is 20 ms + 200 ms
        n.sim.runUntil(2 * S);
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21) {
                n.router.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, code);
                return Verdict.DROP;
            }
            return Verdict.ACCEPT;
        });
        final int before = n.clientPackets.size();
        final long t0 = n.sim.now();
        c.send("USER anonymous\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        n.sim.runUntil(100 * S);
        final List<Long> rtx = new ArrayList<>();
        for (int i = before + 1; i < n.clientPackets.size(); i++) {
            final Packet p = n.clientPackets.get(i);
            if (n.clientOutgoing.get(i) && p.protocol == Packet.PROTO_TCP && p.payloadLength == 16) {
                rtx.add(n.clientTimes.get(i) - t0);
            }
        }
        return new Outcome(cli.failure, c.failureDetail(), rtx, cli.failedAt - t0);
    }

    @Test
    void netUnreachableKeepsTheRetransmissionsOneUnbackedRtoApartWhileAnsweredAndIsWhatTheApplicationReads() {
        final Outcome o = rejectDataWith(21, Packet.CODE_NET_UNREACHABLE);
        assertEquals(FailReason.UNREACHABLE, o.reason);
        assertTrue(o.detail.endsWith("the last ICMP error ICMP 3/0 (ENETUNREACH)"), o.detail);
        assertEvenlySpacedUntilTheRateLimit(o);
    }

    /**
     * The send and six retransmissions answered, each one unbacked RTO after the last; the seventh,
     * unanswered for the rate limit, is followed after twice that; the application reads the ICMP error.
     */
    private static void assertEvenlySpacedUntilTheRateLimit(final Outcome o) {
        final long rto = o.retransmissions.get(0);
        assertTrue(rto >= 220_000_000L && rto < 240_000_000L, "RTO " + rto); // RTT 20 ms + 200 ms, and variance
        for (int i = 1; i < 7; i++) {
            assertEquals(rto, o.retransmissions.get(i) - o.retransmissions.get(i - 1), "gap before retransmission " + i);
        }
        assertEquals(2 * rto, o.retransmissions.get(7) - o.retransmissions.get(6), "backed off after the unanswered one");
        assertTrue(o.failedAfter > 12_600_000_000L, "tcp_retries2 = 5: 12.6 s used up first, " + o.failedAfter);
    }

    @Test
    void hostUnreachableLikewiseAndTheApplicationReadsEhostunreach() {
        final Outcome o = rejectDataWith(22, Packet.CODE_HOST_UNREACHABLE);
        assertEquals(FailReason.UNREACHABLE, o.reason);
        assertTrue(o.detail.endsWith("(EHOSTUNREACH)"), o.detail);
        assertEvenlySpacedUntilTheRateLimit(o);
    }

    @Test
    void portUnreachableUndoesNoBackOffButIsStillWhatTheApplicationReads() {
        final Outcome o = rejectDataWith(23, Packet.CODE_PORT_UNREACHABLE);
        assertEquals(FailReason.REFUSED, o.reason); // sk_err_soft = ECONNREFUSED, reported by tcp_write_err()
        assertTrue(o.detail.endsWith("the last ICMP error ICMP 3/3 (ECONNREFUSED)"), o.detail);
        // RTO r: r, 3r, 7r, 15r, 31r; the timer at 63r (about 14 s) finds 12.6 s used up
        final long r = o.retransmissions.get(0);
        assertEquals(List.of(r, 3 * r, 7 * r, 15 * r, 31 * r), o.retransmissions);
        assertEquals(63 * r, o.failedAfter);
    }

    @Test
    void anAckAfterTheIcmpErrorForgetsItSoALaterTimeoutIsEtimedout() {
        final TestNet n = TestNet.simple(24);
        n.serverTcp.listen(21, c -> new TcpHandler() { });
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(S);
        final boolean[] once = {true};
        n.router.hooks().register(Hook.FORWARD, 0, (hook, p, in, out) -> {
            if (p.protocol == Packet.PROTO_TCP && p.dport == 21 && p.payloadLength > 0 && once[0]) {
                once[0] = false; // a stray error: the segment itself goes through and is acknowledged
                n.router.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, Packet.CODE_HOST_UNREACHABLE);
            }
            return Verdict.ACCEPT;
        });
        c.send(new byte[100]);
        n.sim.runUntil(2 * S);
        assertEquals(100, c.bytesAcked());
        n.serverLink.loss(n.serverLink.a(), p -> true); // then the path goes silent
        c.send(new byte[100]);
        n.sim.runUntil(2000 * S);
        assertEquals(FailReason.TIMED_OUT, cli.failure);
        assertEquals("data unacknowledged after tcp_retries2=15 back-offs", c.failureDetail());
    }
}
