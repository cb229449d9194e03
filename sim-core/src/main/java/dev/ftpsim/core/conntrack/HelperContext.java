package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;

/**
 * What a helper may do to the connection it helps: no more than Linux offers its helpers. In the
 * kernel a helper expects a related connection ({@code nf_ct_expect_related},
 * net/netfilter/nf_conntrack_expect.c, used through nf_conntrack_helper.c), rewrites payload with
 * sequence adjustment ({@code nf_nat_mangle_tcp_packet}, net/netfilter/nf_nat_helper.c), and has
 * the expected connection translated as its master ({@code nf_nat_follow_master}, nf_nat_helper.c,
 * with {@code nf_nat_exp_find_port} choosing a free port, as net/netfilter/nf_nat_ftp.c calls them).
 * The connection's tuples and NAT status are read from the {@link ConnEntry} itself.
 */
public interface HelperContext {
    /**
     * Expects a connection related to {@code master}, for the conntrack part of a helper. Like
     * {@code nf_ct_expect_related}, an identical pending expectation is refreshed instead of
     * duplicated, and a master past {@code maxPerMaster} loses its oldest one.
     *
     * @param srcIp   expected source address, 0 = any
     * @param srcPort expected source port, 0 = any
     * @param label   for reports: which helper and what it saw
     * @return the expectation, or null when the expectation table is full ({@code nf_conntrack_expect_max})
     */
    Expectation expect(ConnEntry master, int srcIp, int srcPort, int dstIp, int dstPort, int proto,
            int maxPerMaster, String label);

    /**
     * Expects a connection related to a translated {@code master}, for the NAT part of a helper:
     * the expectation takes {@code port} unless another connection's expectation holds it on
     * {@code dstIp}, then ({@code nf_nat_exp_find_port}) one of up to 128 random ports above it
     * (kernels from 6.1) or the first free port up (before), and the connection that
     * fulfils it is translated as the master is ({@code nf_nat_follow_master}): its source to where
     * the master sends in direction {@code 1 - dir}, its destination to the announcer's address in
     * that direction and to {@code port}, the port the announcer named.
     *
     * @param dir the direction of the packet that announced the connection
     * @return the port the other side must now be told; before 6.1, {@code port} itself when no
     *     port is free (where Linux drops the packet, "all ports in use"); -1 when the expectation
     *     table is full or, from 6.1, none of the random ports was free (the packet is dropped)
     */
    int expectTranslated(ConnEntry master, int dir, int srcIp, int dstIp, int port, int proto, int maxPerMaster,
            String label);

    /**
     * Replaces {@code oldLen} payload bytes at {@code offset} with {@code replacement}. When the
     * length changes, later sequence numbers of this direction and acknowledgements of the other
     * are adjusted for the rest of the connection ({@code nf_nat_mangle_tcp_packet} and
     * {@code nf_ct_seqadj_set}).
     */
    void mangle(ConnEntry ct, int dir, Packet p, int offset, int oldLen, byte[] replacement);

    /** The network's IPv6 addresses, for helpers reading IPv6 addresses in payloads; null when unknown. */
    default dev.ftpsim.core.net.Ipv6Addresses ipv6() {
        return null;
    }
}
