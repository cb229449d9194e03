package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * Timeouts of entries that have seen no reply, as tcp_packet() (net/netfilter/nf_conntrack_proto_tcp.c)
 * sets them: a retransmitted SYN renews a SYN_SENT entry only on kernels before commit e15d4cdf27cb,
 * and a connection picked up in mid-stream gets at most the UNACK timeout (5 min) until the other
 * side answers.
 */
class UnrepliedEntriesTimeOutAsTheKernelDecidesTest {
    private static final int CLIENT = Ipv4.parse("198.51.100.10");
    private static final int SERVER = Ipv4.parse("203.0.113.10");

    private static Packet tcp(final int src, final int sport, final int dst, final int dport, final int flags,
            final int seq, final int ack) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = src;
        p.dst = dst;
        p.sport = sport;
        p.dport = dport;
        p.flags = flags;
        p.seq = seq;
        p.ack = ack;
        p.window = 65535;
        return p;
    }

    private static void pass(final Conntrack ct, final Packet p) {
        assertTrue(ct.track(p) && ct.confirm(p));
    }

    /** A SYN that nobody answers, sent at 0 and retransmitted on the doubling schedule (0 .. 63 s). */
    private static Conntrack blackHoledConnect(final ConntrackConfig cfg) {
        final Simulator sim = new Simulator(1);
        final Conntrack ct = new Conntrack(sim, cfg);
        for (final int t : new int[] {0, 1, 3, 7, 15, 31, 63}) {
            sim.runUntil(t * NS_PER_S);
            pass(ct, tcp(CLIENT, 40000, SERVER, 21, Packet.SYN, 100, 0));
        }
        sim.runUntil(125 * NS_PER_S);
        return ct;
    }

    @Test
    void onACurrentKernelTheSynSentEntryExpiresTwoMinutesAfterTheFirstSyn() {
        final Conntrack ct = blackHoledConnect(ConntrackConfig.linux()
                .withSynRetransmitRenews(LinuxKernel.DEFAULT.synRetransmitRenews()));
        assertEquals(0, ct.count(), "gone at 120 s although the last SYN came at 63 s");
        assertEquals(1, ct.stats().expired);
    }

    @Test
    void beforeTheChangeEachRetransmittedSynRenewsTheEntry() {
        final Conntrack ct = blackHoledConnect(ConntrackConfig.linux()
                .withSynRetransmitRenews(new LinuxKernel(4, 14).synRetransmitRenews()));
        assertEquals(1, ct.count(), "renewed at 63 s, so it lives until 183 s");
    }

    @Test
    void theChangeReachedTheKernelsItWasBackportedTo() {
        assertTrue(new LinuxKernel(4, 9).synRetransmitRenews());
        assertTrue(new LinuxKernel(4, 14).synRetransmitRenews());
        for (final LinuxKernel k : LinuxKernel.SUPPORTED) {
            if (k.atLeast(4, 19)) {
                assertTrue(!k.synRetransmitRenews(), k + " has e15d4cdf27cb or its backport");
            }
        }
    }

    @Test
    void aConnectionPickedUpMidStreamLivesFiveMinutesUntilTheOtherSideAnswers() {
        final Simulator sim = new Simulator(1);
        final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux());
        // A bare ACK of a connection whose handshake this box never saw (a failover, a flushed table).
        pass(ct, tcp(CLIENT, 40000, SERVER, 21, Packet.ACK, 1000, 5000));
        assertEquals(1, ct.count());
        sim.runUntil(299 * NS_PER_S);
        assertEquals(1, ct.count());
        sim.runUntil(302 * NS_PER_S);
        assertEquals(0, ct.count(), "the UNACK timeout, not ESTABLISHED's 5 days");
    }

    @Test
    void onceBothSidesWereSeenThePickedUpConnectionGetsTheEstablishedTimeout() {
        final Simulator sim = new Simulator(1);
        final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux());
        pass(ct, tcp(CLIENT, 40000, SERVER, 21, Packet.ACK, 1000, 5000));
        pass(ct, tcp(SERVER, 21, CLIENT, 40000, Packet.ACK, 5000, 1000));
        final Packet next = tcp(CLIENT, 40000, SERVER, 21, Packet.ACK, 1000, 5000);
        pass(ct, next);
        assertTrue(((ConnEntry) next.ct).is(ConnEntry.ASSURED));
        sim.runUntil(3600 * NS_PER_S);
        assertEquals(1, ct.count(), "ESTABLISHED: 5 days");
    }
}
