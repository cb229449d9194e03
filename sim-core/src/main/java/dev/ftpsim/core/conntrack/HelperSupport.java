package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;
import java.util.function.Consumer;

/**
 * What a connection's helper sees of its conntrack table ({@link HelperContext}): it runs the helper
 * on each packet with payload, tracking per direction whether the packet is in order, a
 * retransmission or after a gap (nf_conntrack_ftp.c keeps {@code seq_aft_nl} for the same decision), and
 * serves the helper's expectations, the NAT of expected connections and payload mangling.
 */
final class HelperSupport implements HelperContext {
    private final Conntrack table;
    private final ExpectationTable expectations;
    private final ConntrackStats stats;

    HelperSupport(final Conntrack table, final ExpectationTable expectations, final ConntrackStats stats) {
        this.table = table;
        this.expectations = expectations;
        this.stats = stats;
    }

    /** Runs the connection's helper on a packet with payload; false if the helper drops it. */
    boolean run(final Packet p) {
        if (!(p.ct instanceof ConnEntry e) || e.x == null || e.x.helper == null || p.data == null || p.payloadLength == 0
                || p.protocol != Packet.PROTO_TCP) {
            return true;
        }
        final int dir = p.ctDir;
        final int end = p.seq + p.payloadLength;
        final ConnEntry.Extra hs = e.x;
        final ConntrackHelper.Order order;
        if (!hs.helperSeqKnown[dir] || p.seq == hs.helperNextSeq[dir]) {
            order = ConntrackHelper.Order.IN_ORDER;
        } else if (p.seq - hs.helperNextSeq[dir] < 0) {
            order = end - hs.helperNextSeq[dir] > 0 ? ConntrackHelper.Order.IN_ORDER
                    : ConntrackHelper.Order.RETRANSMISSION;
        } else {
            order = ConntrackHelper.Order.AFTER_GAP;
        }
        if (!hs.helperSeqKnown[dir] || end - hs.helperNextSeq[dir] > 0) {
            hs.helperNextSeq[dir] = end;
            hs.helperSeqKnown[dir] = true;
        }
        final boolean keep = hs.helper.help(this, e, dir, p, order);
        if (!keep) {
            stats.helperDrops++;
        }
        return keep;
    }

    @Override
    public Expectation expect(final ConnEntry master, final int srcIp, final int srcPort, final int dstIp,
            final int dstPort, final int proto, final int maxPerMaster, final String label) {
        return register(master, srcIp, srcPort, dstIp, dstPort, proto, maxPerMaster, label, null,
                table.now() + table.config().expectTimeout());
    }

    @Override
    public int expectTranslated(final ConnEntry master, final int dir, final int srcIp, final int dstIp,
            final int port, final int proto, final int maxPerMaster, final String label) {
        int chosen = port;
        if (table.config().randomExpectPorts()) {
            //" Looping a large port range takes too long. Instead select a random offset within
            //" [ntohs(exp->saved_proto.tcp.port), 65535] and try 128 ports.   (adda60cc2bb0,
            // nf_nat_exp_find_port in nf_nat_helper.c; none free: "all ports in use", the drop)
            final int range = 65535 - port;
            int attemptsLeft = Math.min(range, 128);
            while (expectations.heldByOther(master, dstIp, chosen, proto)) {
                if (--attemptsLeft < 0) {
                    return -1;
                }
                chosen = port + table.expectPortRandom().nextInt(range);
            }
        } else {
            while (chosen <= 65535 && expectations.heldByOther(master, dstIp, chosen, proto)) {
                chosen++;
            }
            if (chosen > 65535) {
                chosen = port;
            }
        }
        final int expDir = 1 - dir;
        final Expectation x = register(master, srcIp, 0, dstIp, chosen, proto, maxPerMaster, label,
                e -> followMaster(master, expDir, e, port), table.now() + table.config().expectTimeout());
        return x == null ? -1 : chosen;
    }

    /**
     * nf_nat_follow_master: "Change src to where master sends to", then "For DST manip, map port
     * here to where it's expected" (nf_nat_helper.c).
     */
    private void followMaster(final ConnEntry master, final int expDir, final ConnEntry e, final int savedPort) {
        table.setupSnat(e, master.dstIp(1 - expDir), -1, -1);
        table.setupDnat(e, master.srcIp(1 - expDir), savedPort);
    }

    /** Adds an expectation (null when the table of expectations is full) and keeps the sweep running to expire it. */
    Expectation register(final ConnEntry master, final int srcIp, final int srcPort, final int dstIp,
            final int dstPort, final int proto, final int maxPerMaster, final String label,
            final Consumer<ConnEntry> onCreate, final long deadline) {
        final Expectation x = expectations.expect(master, srcIp, srcPort, dstIp, dstPort, proto, maxPerMaster,
                table.config().expectMax(), deadline, label, onCreate);
        table.sweepSoon();
        return x;
    }

    @Override
    public void mangle(final ConnEntry ct, final int dir, final Packet p, final int offset, final int oldLen,
            final byte[] replacement) {
        SeqAdjust.mangle(ct, dir, p, offset, oldLen, replacement);
    }

    @Override
    public dev.ftpsim.core.net.Ipv6Addresses ipv6() {
        return table.ipv6();
    }
}
