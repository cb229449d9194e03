package dev.ftpsim.core.net;

/**
 * Free list of {@link Packet}s, so steady-state forwarding allocates nothing. One pool per
 * {@link Network}; single-threaded like the simulator. Releasing twice is our bug and throws.
 */
public final class PacketPool {
    private Packet free;
    private int freeCount;
    private long allocated;

    /** A cleared packet. */
    public Packet acquire() {
        final Packet p = free;
        if (p == null) {
            allocated++;
            return new Packet();
        }
        free = p.nextFree;
        p.nextFree = null;
        p.pooled = false;
        freeCount--;
        return p;
    }

    public void release(final Packet p) {
        if (p.pooled) {
            throw new IllegalStateException("packet released twice: " + p);
        }
        p.reset();
        p.pooled = true;
        p.nextFree = free;
        free = p;
        freeCount++;
    }

    /** Packets ever created by this pool: flat in steady state. */
    public long allocated() {
        return allocated;
    }

    public int freeCount() {
        return freeCount;
    }
}
