package dev.ftpsim.core.net;

/**
 * Packet and byte counters of one interface (or one node's local traffic), drops by cause. An
 * interface's packet and byte counts are fields of the interface itself, read through here: every
 * packet updates them, and at 10^5 interfaces a separate counters object was one more cold cache
 * line per packet. A node's local traffic counts only drops.
 */
public final class InterfaceCounters {
    /** The interface whose counts these are, or null for a node's local traffic. */
    private final NetInterface owner;
    private static final long[] NO_DROPS = new long[DropCause.values().length];
    /** Shared zeros until the first drop: most of a million group members' interfaces never drop. */
    private long[] drops = NO_DROPS;

    InterfaceCounters(final NetInterface owner) {
        this.owner = owner;
    }

    void drop(final DropCause cause) {
        if (drops == NO_DROPS) {
            drops = new long[NO_DROPS.length];
        }
        drops[cause.ordinal()]++;
    }

    public long rxPackets() {
        return owner == null ? 0 : owner.rxPackets;
    }

    public long rxBytes() {
        return owner == null ? 0 : owner.rxBytes;
    }

    public long txPackets() {
        return owner == null ? 0 : owner.txPackets;
    }

    public long txBytes() {
        return owner == null ? 0 : owner.txBytes;
    }

    public long drops(final DropCause cause) {
        return drops[cause.ordinal()];
    }

    public long totalDrops() {
        long s = 0;
        for (final long d : drops) {
            s += d;
        }
        return s;
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder();
        b.append("rx ").append(rxPackets()).append(" pkts/").append(rxBytes()).append(" B, tx ").append(txPackets())
                .append(" pkts/").append(txBytes()).append(" B");
        for (final DropCause c : DropCause.values()) {
            if (drops[c.ordinal()] != 0) {
                b.append(", ").append(c.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(drops[c.ordinal()]);
            }
        }
        return b.toString();
    }
}
