package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Once a helper has changed a payload's length, the other side acknowledges in the rewritten
 * sequence space. tcp_in_window() (net/netfilter/nf_conntrack_proto_tcp.c, 3.x as 6.x) takes the
 * offset off the acknowledgement ({@code nf_ct_seq_offset(ct, !dir, ack - 1)}) before it compares
 * it with the data sent, so the data counts as acknowledged and the entry keeps the ESTABLISHED
 * timeout rather than the 5 min for unacknowledged data. (The test machine's 6.18 kernel has no
 * nf_nat_ftp, so this follows the source alone.)
 */
class AMangledConnectionsAcksClearUnacknowledgedDataTest {
    private static final int CLIENT = Ipv4.parse("10.0.0.2");
    private static final int SERVER = Ipv4.parse("192.0.2.2");
    private static final byte[] PORT = "PORT 10,0,0,2,156,64\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MANGLED = "PORT 192,0,2,1,156,64\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Rewrites the client's command to the longer public form, as nf_nat_ftp does. */
    private static final ConntrackHelper REWRITER = new ConntrackHelper() {
        @Override
        public String type() {
            return "ftp";
        }

        @Override
        public boolean help(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p, final Order order) {
            if (dir == 0) {
                ctx.mangle(ct, dir, p, 0, p.payloadLength, MANGLED);
            }
            return true;
        }
    };

    private static Packet tcp(final boolean fromClient, final int flags, final int seq, final int ack, final byte[] data) {
        final Packet p = new Packet();
        p.protocol = Packet.PROTO_TCP;
        p.src = fromClient ? CLIENT : SERVER;
        p.dst = fromClient ? SERVER : CLIENT;
        p.sport = fromClient ? 40002 : 21;
        p.dport = fromClient ? 21 : 40002;
        p.flags = flags;
        p.seq = seq;
        p.ack = ack;
        p.window = 64240;
        if (data != null) {
            p.data = data;
            p.payloadLength = data.length;
        }
        return p;
    }

    private static void pass(final Conntrack ct, final Packet p) {
        assertTrue(ct.track(p) && ct.runHelper(p) && ct.confirm(p));
    }

    @Test
    void theServersAckOfTheRewrittenCommandLeavesTheEntryEstablishedForDays() {
        final Simulator sim = new Simulator(1);
        final Conntrack ct = new Conntrack(sim, ConntrackConfig.linux());
        final Packet syn = tcp(true, Packet.SYN, 1000, 0, null);
        assertTrue(ct.track(syn));
        ct.assignHelper((ConnEntry) syn.ct, REWRITER, "ftp");
        assertTrue(ct.confirm(syn));
        pass(ct, tcp(false, Packet.SYN | Packet.ACK, 5000, 1001, null));
        pass(ct, tcp(true, Packet.ACK, 1001, 5001, null));
        final Packet cmd = tcp(true, Packet.PSH | Packet.ACK, 1001, 5001, PORT);
        pass(ct, cmd);
        assertEquals(MANGLED.length, cmd.payloadLength, "rewritten, one byte longer");
        // The server acknowledges all it received: 1001 + 23.
        pass(ct, tcp(false, Packet.ACK, 5001, 1001 + MANGLED.length, null));
        final ConnEntry e = ct.entries().get(0);
        assertEquals(TcpCtState.ESTABLISHED, e.tcpState());
        sim.runUntil(600 * NS_PER_S);
        assertEquals(1, ct.count(), "idle 10 min: ESTABLISHED's 5 days, not UNACK's 5 min");
    }
}
