package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;

/**
 * A protocol helper ("ALG"), like a Linux {@code nf_conntrack_helper}: it sees the payload of the
 * connections assigned to it, in both directions, after the filter has accepted each packet, and
 * may create expectations (so a later connection is RELATED) and rewrite payload behind NAT.
 *
 * <p>It is called for every packet that carries real payload bytes, with where that payload sits in
 * the direction's byte stream: new in-order data, a retransmission of data already seen, or data
 * beyond a gap (a segment lost before this node). Linux helpers see the same and must be
 * idempotent for retransmissions, since a rewrite lost downstream is retransmitted unrewritten.
 */
public interface ConntrackHelper {
    /** Kernel name of the helper type, e.g. "ftp" (what {@code ct helper "ftp"} matches). */
    String type();

    /** Where a packet's payload lies in its direction's stream. */
    enum Order { IN_ORDER, RETRANSMISSION, AFTER_GAP }

    /**
     * Inspects one packet of a helped connection.
     *
     * @param dir 0 original direction (the connection's initiator sends), 1 reply
     * @return false to drop the packet (Linux helpers may return NF_DROP)
     */
    boolean help(HelperContext ctx, ConnEntry ct, int dir, Packet p, Order order);
}
