package dev.ftpsim.core.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * A packet conntrack finds INVALID is detached from its entry: nf_conntrack_in()
 * (net/netfilter/nf_conntrack_core.c) drops the reference when the l4 tracker returns -NF_ACCEPT,
 * so NAT, helpers and {@code ct mark} see no connection and the packet leaves as it came. Linux
 * 6.18, a router masquerading 10.0.0.2 behind 192.0.2.1, packets sent with raw sockets: the SYN
 * left as 192.0.2.1:40001, the client's ACK before any SYN/ACK (tcp_conntracks: ACK in SYN_SENT is
 * invalid) left as 10.0.0.2:40001 and counted in {@code ct state invalid counter}.
 */
class AnInvalidPacketLeavesUntranslatedTest {
    private static final int CLIENT = Ipv4.parse("10.0.0.2");
    private static final int PUBLIC = Ipv4.parse("192.0.2.1");
    private static final int SERVER = Ipv4.parse("192.0.2.2");

    private static Packet tcp(final int flags, final int seq, final int ack) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = CLIENT;
        p.dst = SERVER;
        p.sport = 40001;
        p.dport = 21;
        p.flags = flags;
        p.seq = seq;
        p.ack = ack;
        p.window = 64240;
        return p;
    }

    @Test
    void theClientsAckBeforeTheSynAckLeavesWithItsPrivateAddress() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final Packet syn = tcp(Packet.SYN, 1000, 0);
        assertTrue(ct.track(syn));
        assertTrue(ct.setupSnat((ConnEntry) syn.ct, PUBLIC, -1, -1));
        ct.natSource(syn);
        assertTrue(ct.confirm(syn));
        assertEquals(PUBLIC, syn.src, "the SYN is masqueraded");

        final Packet ack = tcp(Packet.ACK, 1001, 5001);
        assertTrue(ct.track(ack));
        assertEquals(CtState.INVALID, ack.ctInfo);
        assertNull(ack.ct, "no entry on an invalid packet");
        ct.natSource(ack);
        assertTrue(ct.confirm(ack));
        assertEquals(CLIENT, ack.src, "not translated");
        assertEquals(40001, ack.sport);
    }
}
