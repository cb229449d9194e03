package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;
import java.util.function.Consumer;

/** What a helper may do: expect connections and rewrite payload with sequence adjustment. */
public interface HelperContext {
    /** Simulated time now. */
    long now();

    /**
     * Registers an expectation for {@code master}. Like {@code nf_ct_expect_related}, an identical
     * pending expectation is refreshed instead of duplicated, and a master past {@code maxPerMaster}
     * loses its oldest one.
     */
    Expectation expect(ConnEntry master, int srcIp, int srcPort, int dstIp, int dstPort, int proto,
            int maxPerMaster, String label, Consumer<ConnEntry> onCreate);

    /**
     * Replaces {@code oldLen} payload bytes at {@code offset} with {@code replacement}. When the
     * length changes, later sequence numbers of this direction and acknowledgements of the other
     * are adjusted for the rest of the connection (Linux's {@code nf_ct_seqadj_set}).
     */
    void mangle(ConnEntry ct, int dir, Packet p, int offset, int oldLen, byte[] replacement);

    /** The node's conntrack, for helpers that need more (NAT mappings, stats). */
    Conntrack conntrack();
}
