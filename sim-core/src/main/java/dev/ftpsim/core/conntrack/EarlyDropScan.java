package dev.ftpsim.core.conntrack;

/**
 * Which entries {@code early_drop()} (net/netfilter/nf_conntrack_core.c) looks at when a new
 * connection finds the table at {@code nf_conntrack_max}. In every version only entries not ASSURED
 * qualify: the closing-state rule ({@code tcp_can_early_drop()}, nf_conntrack_proto_tcp.c, 4.10) is
 * consulted by the gc worker alone ({@link GcEarlyDrop}). The walk starts at the new connection's
 * original-tuple bucket and follows each bucket's chain, which holds both tuples of every entry,
 * newest first ({@code hlist_nulls_add_head_rcu()} in {@code __nf_conntrack_hash_insert()}).
 */
public enum EarlyDropScan {
    /**
     * Up to 3.18: walk whole chains from the tuple's bucket on, counting every tuple seen, until a
     * chain held an entry not assured or 8 tuples ({@code NF_CT_EVICTION_RANGE}) were seen; kill the
     * last such entry of that chain, the oldest ("Use oldest entry, which is roughly LRU").
     */
    LAST_OF_CHAIN,
    /**
     * 3.19 to 4.6 (the per-bucket locks of commit 93bb0ceb75be, "netfilter: conntrack: remove
     * central spinlock nf_conntrack_lock"): the same walk, but the first entry not assured is taken,
     * the newest of its chain, and only the tuples before it count towards the 8.
     */
    FIRST_OF_CHAIN,
    /**
     * From 4.7 (commit 242922a02717, "netfilter: conntrack: simplify early_drop"): look at the chains
     * of the tuple's bucket and of the next 7 ({@code NF_CT_EVICTION_RANGE} buckets), stop at the first
     * chain that held any entry not assured and kill every such entry of it ({@code early_drop_list()});
     * expired entries met on the way are reaped ({@code nf_ct_gc_expired()}) but make no room for this
     * packet. Current kernels step to the next bucket; the first form stepped the raw hash
     * ({@code reciprocal_scale(_hash++, hsize)}), which scans one bucket 8 times, until "netfilter:
     * conntrack: fix calculation of next bucket number in early_drop" (5.1, marked for stable).
     */
    BUCKETS
}
