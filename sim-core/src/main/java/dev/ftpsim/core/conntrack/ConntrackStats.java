package dev.ftpsim.core.conntrack;

/**
 * Counters of one node's conntrack, named like {@code conntrack -S} where Linux has them
 * (insert, insert_failed, drop, early_drop, invalid, expect_create, expect_delete).
 */
public final class ConntrackStats {
    /** Table lookups of a tuple (a tracked packet, an ICMP error's quoted packet, a NAT port probe): Linux's old {@code searched}. */
    public long lookups;
    public long inserted;
    public long insertFailed;
    /** New connections refused because the table was full and nothing could be evicted. */
    public long tableFull;
    /** Entries {@code early_drop()} killed for a new connection. */
    public long earlyDrop;
    /**
     * Entries the gc worker killed because the table was nearly full ({@link GcEarlyDrop}); Linux
     * counts these in no statistic, ftpsim keeps them apart from {@link #earlyDrop}.
     */
    public long gcEarlyDrop;
    public long expired;
    /** Packets found INVALID by the TCP tracker (conntrack -S {@code invalid}). */
    public long invalid;
    /**
     * ICMP errors quoting no tracked connection: {@code ct state invalid} matches them, but Linux
     * counts them in conntrack -S {@code error}, not {@code invalid} (nf_conntrack_handle_icmp();
     * on 6.18 a port unreachable for an unknown flow moved error from 1 to 2, invalid stayed).
     */
    public long error;
    /** TCP connections re-opened by a SYN in TIME_WAIT or CLOSE (closed by a FIN, or reset by the SYN's side). */
    public long reopened;
    public long expectCreated;
    public long expectUsed;
    public long expectExpired;
    /** Expectations refused because {@code nf_conntrack_expect_max} were pending ("expectation table full"). */
    public long expectTableFull;
    /** New connections dropped because SNAT found no free port. */
    public long natExhausted;
    public long helperDrops;

    @Override
    public String toString() {
        return "inserted=" + inserted + " insert_failed=" + insertFailed + " table_full=" + tableFull
                + " early_drop=" + earlyDrop + " expired=" + expired + " invalid=" + invalid + " error=" + error
                + " expect_create=" + expectCreated + " expect_used=" + expectUsed + " expect_expired="
                + expectExpired + " expect_table_full=" + expectTableFull + " nat_exhausted=" + natExhausted;
    }
}
