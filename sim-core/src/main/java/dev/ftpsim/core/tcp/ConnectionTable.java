package dev.ftpsim.core.tcp;

import dev.ftpsim.core.util.LongObjectMap;

/**
 * A stack's connections by (remote address, remote port, local port), {@link TcpStack#key}: open
 * addressing over one array of connections, each slot's key read from the connection in it.
 *
 * <p>Why not a {@link LongObjectMap}: with 10^5 connections a lookup there reads a slot of its
 * key array, a slot of its value array and then the connection, three cache misses; here it reads
 * the slot and the connection, which the segment needs anyway (plus, on a collision, the
 * neighbour's). It also holds 4 bytes a slot instead of 12. Hash, capacities, probing and deletion
 * are {@link LongObjectMap}'s, so every connection sits in the slot it had there and
 * {@link #forEach} visits them in the same order.
 */
final class ConnectionTable {
    private TcpConnection[] slots;
    private int mask;
    private int size;
    private int resizeAt;

    ConnectionTable(final int expected) {
        alloc(LongObjectMap.capacityFor(expected));
    }

    private void alloc(final int cap) {
        slots = new TcpConnection[cap];
        mask = cap - 1;
        resizeAt = (int) (cap * LongObjectMap.LOAD);
    }

    private static long keyOf(final TcpConnection c) {
        return TcpStack.key(c.remoteIp(), c.remotePort(), c.localPort());
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int capacity() {
        return slots.length;
    }

    TcpConnection get(final long key) {
        final TcpConnection[] s = slots;
        int i = LongObjectMap.hash(key) & mask;
        TcpConnection c;
        while ((c = s[i]) != null) {
            if (keyOf(c) == key) {
                return c;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Puts {@code c}, whose key is {@code key}; returns the connection it replaced, or null. */
    TcpConnection put(final long key, final TcpConnection c) {
        int i = LongObjectMap.hash(key) & mask;
        TcpConnection o;
        while ((o = slots[i]) != null) {
            if (keyOf(o) == key) {
                slots[i] = c;
                return o;
            }
            i = (i + 1) & mask;
        }
        slots[i] = c;
        if (++size > resizeAt) {
            rehash(slots.length * 2);
        }
        return null;
    }

    TcpConnection remove(final long key) {
        int i = LongObjectMap.hash(key) & mask;
        TcpConnection o;
        while ((o = slots[i]) != null) {
            if (keyOf(o) == key) {
                slots[i] = null;
                size--;
                shiftBack(i);
                return o;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            final TcpConnection c = slots[i];
            if (c == null) {
                return;
            }
            final int home = LongObjectMap.hash(keyOf(c)) & mask;
            // Move if home is not cyclically in (hole, i].
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                slots[hole] = c;
                slots[i] = null;
                hole = i;
            }
        }
    }

    private void rehash(final int cap) {
        final TcpConnection[] old = slots;
        alloc(cap);
        for (final TcpConnection c : old) {
            if (c != null) {
                int i = LongObjectMap.hash(keyOf(c)) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = c;
            }
        }
    }

    /** Calls {@code v} for each connection in slot order; allocates nothing. */
    void forEach(final TcpStack.ConnectionVisitor v) {
        for (final TcpConnection c : slots) {
            if (c != null) {
                v.visit(c);
            }
        }
    }
}
