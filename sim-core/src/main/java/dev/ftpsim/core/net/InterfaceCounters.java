package dev.ftpsim.core.net;

/** Packet and byte counters of one interface (or one node's local traffic), drops by cause. */
public final class InterfaceCounters {
    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    private static final long[] NO_DROPS = new long[DropCause.values().length];
    /** Shared zeros until the first drop: most of a million group members' interfaces never drop. */
    private long[] drops = NO_DROPS;

    void drop(final DropCause cause) {
        if (drops == NO_DROPS) {
            drops = new long[NO_DROPS.length];
        }
        drops[cause.ordinal()]++;
    }

    public long rxPackets() {
        return rxPackets;
    }

    public long rxBytes() {
        return rxBytes;
    }

    public long txPackets() {
        return txPackets;
    }

    public long txBytes() {
        return txBytes;
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
        b.append("rx ").append(rxPackets).append(" pkts/").append(rxBytes).append(" B, tx ").append(txPackets)
                .append(" pkts/").append(txBytes).append(" B");
        for (final DropCause c : DropCause.values()) {
            if (drops[c.ordinal()] != 0) {
                b.append(", ").append(c.name().toLowerCase()).append(' ').append(drops[c.ordinal()]);
            }
        }
        return b.toString();
    }
}
