package dev.ftpsim.core.kernel;

import java.util.Arrays;

/**
 * The future event list: a 4-ary min-heap ordered by {@code (time, seq)}, held in primitive arrays.
 *
 * <p>Theory of operation. Each pending event owns a slot {@code id} (recycled through a free
 * stack) that holds its target and argument. The heap stores one pair of longs per event,
 * {@code time} and {@code key = seq << ID_BITS | id}; {@code seq} grows by one per scheduled
 * event, so comparing keys breaks time ties in scheduling order (ns-3's {@code EventKey}). A
 * handle is {@code generation << ID_BITS | id}: the slot's generation grows each time the slot is
 * released, so a stale handle never cancels a later event that reuses the slot.
 *
 * <p>Pairs are interleaved in one {@code long[]} and node {@code k} lives at pair slot {@code k +
 * 3}, so the four children of a node are eight consecutive longs starting at a multiple of eight:
 * one sift-down step reads one 64-byte block instead of two arrays.
 *
 * <p>Cancellation is lazy and O(1): the slot's target is replaced by a tombstone and the heap entry
 * stays until it reaches the top, where it is discarded. When tombstones outnumber live entries
 * the heap is rebuilt in O(n), so memory stays proportional to live events (amortised O(1) per
 * cancel). No sift step writes a position index, which keeps the hot loop to the heap array.
 *
 * <p>Most events schedule a successor while they run (a packet's next hop, a re-armed timer). So
 * {@link #poll()} leaves the polled entry at the root, and the next {@link #add} replaces it and
 * sifts the new entry down once, instead of one sift-down to remove and one sift-up to insert.
 *
 * <p>Nothing is allocated per event once the arrays have grown to the working size.
 */
public final class EventQueue {
    /** Bits of the key that hold the slot id: up to 2^26 (67M) pending events. */
    static final int ID_BITS = 26;
    static final long ID_MASK = (1L << ID_BITS) - 1;
    /** Largest sequence number before keys are renumbered (2^37 - 1, about 1.4e11 events). */
    static final long MAX_SEQ = (1L << (63 - ID_BITS)) - 1;
    /** Node k is stored at pair slot k + ROOT, aligning each group of four siblings. */
    private static final int ROOT = 3;

    private static final Object TOMBSTONE = new Object();

    /** time at [2s], key at [2s+1], for pair slot s = node + ROOT. */
    private long[] heap;
    /** Entries in the heap, live and cancelled. */
    private int size;
    /** Cancelled entries still in the heap. */
    private int dead;
    /** The root entry was polled and awaits replacement or removal. */
    private boolean consumed;

    /** target at [2 id], argument at [2 id + 1]; null when the slot is free. */
    private Object[] slots;
    /** Generation of each slot, bumped on release: validates handles on cancel. */
    private long[] slotGen;
    private int[] freeIds;
    private int freeTop;
    private int idsUsed;

    /** Sequence of the next scheduled event; starts at 1 so that no key is 0. */
    private long nextSeq = 1;

    private long polledTime;
    private Object polledTarget;
    private Object polledArg;

    public EventQueue() {
        this(64);
    }

    public EventQueue(final int initialCapacity) {
        final int cap = Math.max(4, initialCapacity);
        heap = new long[2 * (cap + ROOT)];
        slots = new Object[2 * cap];
        slotGen = new long[cap];
        Arrays.fill(slotGen, 1);
        freeIds = new int[cap];
    }

    /** Live (not cancelled) pending events. */
    public int size() {
        return size - dead - (consumed ? 1 : 0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Adds an event.
     *
     * @return the event's handle, never 0
     */
    public long add(final long time, final Object target, final Object arg) {
        if (target == null) {
            throw new IllegalArgumentException("event target must not be null");
        }
        final int id = allocateId();
        if (nextSeq > MAX_SEQ) {
            renumber();
        }
        final long key = (nextSeq++ << ID_BITS) | id;
        slots[2 * id] = target;
        slots[2 * id + 1] = arg;
        if (consumed) {
            consumed = false;
            siftDown(ROOT, time, key, size - 1 + ROOT);
            return (slotGen[id] << ID_BITS) | id;
        }
        if (size + ROOT >= (heap.length >> 1)) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        siftUp(size + ROOT, time, key);
        size++;
        return (slotGen[id] << ID_BITS) | id;
    }

    /**
     * Cancels a pending event.
     *
     * @return true if the handle named a pending event, false if it already ran or was cancelled
     */
    public boolean cancel(final long handle) {
        if (handle <= 0) {
            return false;
        }
        final long idl = handle & ID_MASK;
        if (idl >= idsUsed) {
            return false;
        }
        final int id = (int) idl;
        final Object target = slots[2 * id];
        if (target == null || target == TOMBSTONE || ((slotGen[id] << ID_BITS) | id) != handle) {
            return false;
        }
        slots[2 * id] = TOMBSTONE;
        slots[2 * id + 1] = null;
        dead++;
        if (dead > 64 && dead > (size >> 1)) {
            settle();
            compact();
        }
        return true;
    }

    /** Whether the handle names an event that is still pending. */
    public boolean isPending(final long handle) {
        if (handle <= 0) {
            return false;
        }
        final long idl = handle & ID_MASK;
        if (idl >= idsUsed) {
            return false;
        }
        final int id = (int) idl;
        final Object target = slots[2 * id];
        return target != null && target != TOMBSTONE && ((slotGen[id] << ID_BITS) | id) == handle;
    }

    /** Time of the earliest live event, or {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        settle();
        dropDeadTop();
        return size == 0 ? Long.MAX_VALUE : heap[2 * ROOT];
    }

    /**
     * Removes the earliest live event; its time, target and argument are then read with {@link
     * #polledTime()}, {@link #polledTarget()} and {@link #polledArg()}.
     *
     * @return false when the queue is empty
     */
    public boolean poll() {
        settle();
        while (size > 0) {
            final long time = heap[2 * ROOT];
            final int id = (int) (heap[2 * ROOT + 1] & ID_MASK);
            final Object target = slots[2 * id];
            final Object arg = slots[2 * id + 1];
            releaseId(id);
            if (target == TOMBSTONE) {
                removeTop();
                dead--;
                continue;
            }
            consumed = true;
            polledTime = time;
            polledTarget = target;
            polledArg = arg;
            return true;
        }
        return false;
    }

    public long polledTime() {
        return polledTime;
    }

    public Object polledTarget() {
        return polledTarget;
    }

    public Object polledArg() {
        return polledArg;
    }

    /** Drops every event. Handles issued before become invalid. */
    public void clear() {
        settle();
        for (int i = 0; i < size; i++) {
            releaseId((int) (heap[2 * (i + ROOT) + 1] & ID_MASK));
        }
        size = 0;
        dead = 0;
        consumed = false;
        polledTarget = null;
        polledArg = null;
    }

    /** Removes a polled root that no add replaced. */
    private void settle() {
        if (consumed) {
            consumed = false;
            removeTop();
        }
    }

    private void dropDeadTop() {
        while (size > 0) {
            final int id = (int) (heap[2 * ROOT + 1] & ID_MASK);
            if (slots[2 * id] != TOMBSTONE) {
                return;
            }
            removeTop();
            releaseId(id);
            dead--;
        }
    }

    private void removeTop() {
        final int last = --size + ROOT;
        if (size > 0) {
            siftDown(ROOT, heap[2 * last], heap[2 * last + 1], last - 1);
        }
    }

    private int allocateId() {
        if (freeTop > 0) {
            return freeIds[--freeTop];
        }
        final int id = idsUsed;
        if (id > ID_MASK) {
            throw new IllegalStateException("more than " + (ID_MASK + 1) + " pending events");
        }
        if (id == slotGen.length) {
            final int old = slotGen.length;
            final int cap = old * 2;
            slots = Arrays.copyOf(slots, 2 * cap);
            slotGen = Arrays.copyOf(slotGen, cap);
            Arrays.fill(slotGen, old, cap, 1);
            freeIds = Arrays.copyOf(freeIds, cap);
        }
        idsUsed++;
        return id;
    }

    private void releaseId(final int id) {
        slots[2 * id] = null;
        slots[2 * id + 1] = null;
        slotGen[id]++;
        freeIds[freeTop++] = id;
    }

    /** Moves a hole at pair slot {@code s} up until (t, k) fits, then stores it there. */
    private void siftUp(int s, final long t, final long k) {
        final long[] h = heap;
        while (s > ROOT) {
            final int p = (s >> 2) + 2;
            final long pt = h[2 * p];
            if (pt < t || (pt == t && h[2 * p + 1] < k)) {
                break;
            }
            h[2 * s] = pt;
            h[2 * s + 1] = h[2 * p + 1];
            s = p;
        }
        h[2 * s] = t;
        h[2 * s + 1] = k;
    }

    /**
     * Moves a hole at pair slot {@code s} down until (t, k) fits, then stores it there. {@code
     * lastSlot} is the last occupied pair slot.
     */
    private void siftDown(int s, final long t, final long k, final int lastSlot) {
        final long[] h = heap;
        while (true) {
            final int c = 4 * s - 8;
            if (c > lastSlot) {
                break;
            }
            int m = c;
            long mt = h[2 * c];
            long mk = h[2 * c + 1];
            if (c + 3 <= lastSlot) {
                // Full group: the common case, unrolled.
                long ct = h[2 * c + 2];
                long ck = h[2 * c + 3];
                if (ct < mt || (ct == mt && ck < mk)) {
                    m = c + 1;
                    mt = ct;
                    mk = ck;
                }
                ct = h[2 * c + 4];
                ck = h[2 * c + 5];
                if (ct < mt || (ct == mt && ck < mk)) {
                    m = c + 2;
                    mt = ct;
                    mk = ck;
                }
                ct = h[2 * c + 6];
                ck = h[2 * c + 7];
                if (ct < mt || (ct == mt && ck < mk)) {
                    m = c + 3;
                    mt = ct;
                    mk = ck;
                }
            } else {
                for (int j = c + 1; j <= lastSlot; j++) {
                    final long ct = h[2 * j];
                    final long ck = h[2 * j + 1];
                    if (ct < mt || (ct == mt && ck < mk)) {
                        m = j;
                        mt = ct;
                        mk = ck;
                    }
                }
            }
            if (t < mt || (t == mt && k < mk)) {
                break;
            }
            h[2 * s] = mt;
            h[2 * s + 1] = mk;
            s = m;
        }
        h[2 * s] = t;
        h[2 * s + 1] = k;
    }

    /** Removes cancelled entries and restores the heap bottom-up in O(n). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            final int s = i + ROOT;
            final long k = heap[2 * s + 1];
            final int id = (int) (k & ID_MASK);
            if (slots[2 * id] == TOMBSTONE) {
                releaseId(id);
                continue;
            }
            final int d = n + ROOT;
            heap[2 * d] = heap[2 * s];
            heap[2 * d + 1] = k;
            n++;
        }
        size = n;
        dead = 0;
        heapify();
    }

    private void heapify() {
        final int lastSlot = size - 1 + ROOT;
        for (int node = (size - 2) >> 2; node >= 0; node--) {
            final int s = node + ROOT;
            siftDown(s, heap[2 * s], heap[2 * s + 1], lastSlot);
        }
    }

    /**
     * Reassigns sequence numbers 1..n in the existing order once the counter is exhausted. Order of
     * keys is preserved, so the heap stays valid; handles do not carry the sequence, so they stay
     * valid too.
     */
    private void renumber() {
        settle();
        compact();
        final long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = heap[2 * (i + ROOT) + 1];
        }
        Arrays.sort(keys);
        for (int i = 0; i < size; i++) {
            final int s = i + ROOT;
            final long old = heap[2 * s + 1];
            final long rank = Arrays.binarySearch(keys, old);
            heap[2 * s + 1] = ((rank + 1) << ID_BITS) | (old & ID_MASK);
        }
        nextSeq = size + 1L;
    }

    /** Test hook: forces the sequence counter near exhaustion. */
    void setNextSeqForTest(final long seq) {
        nextSeq = seq;
    }
}
