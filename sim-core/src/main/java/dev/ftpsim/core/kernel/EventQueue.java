package dev.ftpsim.core.kernel;

import java.util.Arrays;

/**
 * The future event list, ordered by {@code (time, seq)}: a calendar queue for the near future in
 * front of a 4-ary heap for the far future, all in primitive arrays.
 *
 * <p>Theory of operation. Each pending event owns a slot {@code id} (recycled through a free
 * stack) holding its target, argument, time and key {@code seq << ID_BITS | id}; {@code seq} grows
 * by one per scheduled event, so comparing keys breaks time ties in scheduling order (ns-3's
 * {@code EventKey}).
 *
 * <p>Near events live in a calendar (Brown, CACM 1988): {@code B} buckets of width {@code 2^shift}
 * ns covering the window {@code [base, base + B * width)}; bucket {@code (t >> shift) & (B - 1)}
 * holds a list sorted by (time, key), linked through {@code next[id]}, with a tail pointer since a
 * new event usually sorts last. Dequeue takes the head of the first non-empty bucket from the
 * current one; when a bucket is passed the window slides by one width. Events at or beyond the
 * window's end wait in the heap and move into the calendar as the window reaches them (the
 * ladder queue's idea of keeping far events out of the buckets, Tang et al. 2005). So the common
 * operation costs O(1) without a comparison cascade, and far-future timers (TIME_WAIT, keepalive)
 * cost O(log m) in a small heap instead of distorting the calendar.
 *
 * <p>The width follows the mean gap between dequeued events and the bucket count follows the
 * number of pending events; both are re-tuned every {@code max(256, n)} dequeues, rebuilding the
 * calendar in O(n), which is amortised O(1).
 *
 * <p>Cancellation is O(1) expected: a calendar event is unlinked from its short bucket list; a
 * heap event is tombstoned and dropped when it surfaces, and the heap is compacted when tombstones
 * outnumber live entries. Handles are {@code generation << ID_BITS | id}; a slot's generation
 * grows on release, so a stale handle never cancels a later event that reuses the slot.
 *
 * <p>Nothing is allocated per event once the arrays have grown to the working size.
 */
public final class EventQueue {
    /** Bits of a key or handle that hold the slot id: up to 2^26 (67M) pending events. */
    static final int ID_BITS = 26;
    static final long ID_MASK = (1L << ID_BITS) - 1;
    /** Largest sequence number before keys are renumbered (2^37 - 1, about 1.4e11 events). */
    static final long MAX_SEQ = (1L << (63 - ID_BITS)) - 1;

    private static final Object TOMBSTONE = new Object();
    /** next[] values: end of a bucket list, and "this event is in the heap". */
    private static final int NIL = -1;
    private static final int IN_HEAP = -2;
    private static final int MIN_BUCKETS = 16;
    private static final int MAX_BUCKETS = 1 << 21;
    private static final int MAX_SHIFT = 40;

    // Per-slot data, indexed by id.
    /** target at [2 id], argument at [2 id + 1]; null when free, TOMBSTONE when cancelled in the heap. */
    private Object[] slots;
    /** time at [2 id], key at [2 id + 1]. */
    private long[] ev;
    /** Calendar list link, NIL at a list's end, IN_HEAP for heap events. */
    private int[] next;
    private long[] slotGen;
    private int[] freeIds;
    private int freeTop;
    private int idsUsed;

    // Calendar.
    private int[] head;
    private int[] tail;
    private int mask;
    private int shift = 16;
    private long base;
    private long horizon;
    private int cur;
    private int calCount;

    // Far future.
    private final PairHeap heap;
    private int heapDead;

    private long nextSeq = 1;
    private int live;

    // Tuning window.
    private int sinceTune;
    /** List steps and empty buckets passed since the last tune: the calendar's cost. */
    private long work;
    private long tuneStartTime;
    private long lastPolled;

    private int[] scratch = new int[16];
    /** Drops and releases tombstoned heap entries; a field so compaction allocates nothing. */
    private final java.util.function.LongPredicate dropTombstone = k -> {
        final int id = (int) (k & ID_MASK);
        if (slots[2 * id] == TOMBSTONE) {
            releaseId(id);
            return true;
        }
        return false;
    };

    private long polledTime;
    private Object polledTarget;
    private Object polledArg;

    public EventQueue() {
        this(64);
    }

    public EventQueue(final int initialCapacity) {
        final int cap = Math.max(4, initialCapacity);
        slots = new Object[2 * cap];
        ev = new long[2 * cap];
        next = new int[cap];
        slotGen = new long[cap];
        Arrays.fill(slotGen, 1);
        freeIds = new int[cap];
        heap = new PairHeap(16);
        setCalendar(bucketsFor(cap), shift, 0);
    }

    /** Live (not cancelled) pending events. */
    public int size() {
        return live;
    }

    public boolean isEmpty() {
        return live == 0;
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
        if (time < 0) {
            throw new IllegalArgumentException("event time must not be negative: " + time);
        }
        if (nextSeq > MAX_SEQ) {
            renumber();
        }
        final int id = allocateId();
        final long key = (nextSeq++ << ID_BITS) | id;
        slots[2 * id] = target;
        slots[2 * id + 1] = arg;
        ev[2 * id] = time;
        ev[2 * id + 1] = key;
        live++;
        if (time < horizon) {
            calInsert(id, time, key);
        } else {
            next[id] = IN_HEAP;
            heap.add(time, key);
        }
        return (slotGen[id] << ID_BITS) | id;
    }

    /**
     * Cancels a pending event.
     *
     * @return true if the handle named a pending event, false if it already ran or was cancelled
     */
    public boolean cancel(final long handle) {
        final int id = validId(handle);
        if (id < 0) {
            return false;
        }
        live--;
        if (next[id] == IN_HEAP) {
            slots[2 * id] = TOMBSTONE;
            slots[2 * id + 1] = null;
            if (++heapDead > 64 && heapDead > (heap.size() >> 1)) {
                compactHeap();
            }
        } else {
            calUnlink(id);
            releaseId(id);
        }
        return true;
    }

    /** Whether the handle names an event that is still pending. */
    public boolean isPending(final long handle) {
        return validId(handle) >= 0;
    }

    /** Time of the earliest live event, or {@link Long#MAX_VALUE} when empty. */
    public long peekTime() {
        if (live == 0) {
            return Long.MAX_VALUE;
        }
        final int id = findFirst();
        return ev[2 * id];
    }

    /**
     * Removes the earliest live event; its time, target and argument are then read with {@link
     * #polledTime()}, {@link #polledTarget()} and {@link #polledArg()}.
     *
     * @return false when the queue is empty
     */
    public boolean poll() {
        if (live == 0) {
            return false;
        }
        final int id = findFirst();
        head[cur] = next[id];
        calCount--;
        live--;
        final long t = ev[2 * id];
        polledTime = t;
        polledTarget = slots[2 * id];
        polledArg = slots[2 * id + 1];
        releaseId(id);
        lastPolled = t;
        if (++sinceTune >= 256 && sinceTune >= live || sinceTune >= 64 && work > 8L * sinceTune + 64) {
            tune();
        }
        return true;
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
        for (int id = 0; id < idsUsed; id++) {
            if (slots[2 * id] != null) {
                releaseId(id);
            }
        }
        Arrays.fill(head, NIL);
        calCount = 0;
        heap.clear();
        heapDead = 0;
        live = 0;
        polledTarget = null;
        polledArg = null;
    }

    // ---------------------------------------------------------------- calendar

    /** Id of the earliest live event, leaving the calendar positioned on its bucket. */
    private int findFirst() {
        if (calCount == 0) {
            rebaseAtHeapMin();
        }
        int b = cur;
        while (head[b] == NIL) {
            work++;
            b = (b + 1) & mask;
            base += 1L << shift;
            horizon = addClamped(horizon, 1L << shift);
            cur = b;
            pullFromHeap();
        }
        return head[b];
    }

    /** Inserts into the bucket for time t, keeping the list sorted by (time, key). */
    private void calInsert(final int id, final long t, final long key) {
        calCount++;
        // An event earlier than the window (the window slid past empty buckets) sorts first in
        // the current bucket, ahead of everything else.
        final int b = t < base ? cur : (int) ((t >>> shift) & mask);
        int h = head[b];
        if (h == NIL) {
            next[id] = NIL;
            head[b] = id;
            tail[b] = id;
            return;
        }
        final int tl = tail[b];
        final long tt = ev[2 * tl];
        if (tt < t || (tt == t && ev[2 * tl + 1] < key)) {
            next[id] = NIL;
            next[tl] = id;
            tail[b] = id;
            return;
        }
        int prev = NIL;
        while (h != NIL) {
            final long ht = ev[2 * h];
            if (t < ht || (t == ht && key < ev[2 * h + 1])) {
                break;
            }
            prev = h;
            h = next[h];
            work++;
        }
        next[id] = h;
        if (prev == NIL) {
            head[b] = id;
        } else {
            next[prev] = id;
        }
    }

    private void calUnlink(final int id) {
        final long t = ev[2 * id];
        int b = (int) ((t >>> shift) & mask);
        if (!unlinkFrom(b, id)) {
            // Inserted before the window's base, into the bucket that was current then.
            for (b = 0; b <= mask; b++) {
                if (unlinkFrom(b, id)) {
                    break;
                }
            }
        }
        calCount--;
    }

    private boolean unlinkFrom(final int b, final int id) {
        int prev = NIL;
        int h = head[b];
        while (h != NIL && h != id) {
            prev = h;
            h = next[h];
        }
        if (h == NIL) {
            return false;
        }
        if (prev == NIL) {
            head[b] = next[id];
        } else {
            next[prev] = next[id];
        }
        if (tail[b] == id) {
            tail[b] = prev;
        }
        return true;
    }

    /** Moves heap events that the window now reaches into the calendar. */
    private void pullFromHeap() {
        while (!heap.isEmpty() && heap.topTime() < horizon) {
            final long k = heap.topKey();
            final long t = heap.topTime();
            heap.removeTop();
            final int id = (int) (k & ID_MASK);
            if (slots[2 * id] == TOMBSTONE) {
                heapDead--;
                releaseId(id);
                continue;
            }
            calInsert(id, t, k);
        }
    }

    /** The calendar is empty: start the window at the earliest heap event. */
    private void rebaseAtHeapMin() {
        while (slots[2 * (int) (heap.topKey() & ID_MASK)] == TOMBSTONE) {
            final int id = (int) (heap.topKey() & ID_MASK);
            heap.removeTop();
            heapDead--;
            releaseId(id);
        }
        final long t = heap.topTime();
        base = t & -(1L << shift);
        cur = (int) ((base >>> shift) & mask);
        horizon = addClamped(base, (long) (mask + 1) << shift);
        pullFromHeap();
    }

    /** Re-tunes width and bucket count from the last window of dequeues. */
    private void tune() {
        final long span = lastPolled - tuneStartTime;
        final long meanGap = span / sinceTune;
        sinceTune = 0;
        work = 0;
        tuneStartTime = lastPolled;
        // Width about twice the mean gap: one or two events per bucket near "now".
        final int wantShift = Math.min(MAX_SHIFT, 64 - Long.numberOfLeadingZeros(Math.max(1, meanGap)));
        final int buckets = mask + 1;
        final int wantBuckets = bucketsFor(live);
        if (wantShift != shift || wantBuckets > buckets || wantBuckets * 4 < buckets) {
            rebuild(wantBuckets, wantShift);
        }
    }

    private static int bucketsFor(final int events) {
        final int n = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, 2 * events));
        return Integer.highestOneBit(n - 1) << 1;
    }

    /** Re-files every calendar event under a new bucket count and width. */
    private void rebuild(final int buckets, final int newShift) {
        // Collect calendar events in order; the scratch array is kept, so steady state allocates nothing.
        if (scratch.length < calCount) {
            scratch = new int[Math.max(calCount, 2 * scratch.length)];
        }
        int n = 0;
        for (int i = 0, b = cur; i <= mask; i++, b = (b + 1) & mask) {
            for (int h = head[b]; h != NIL; h = next[h]) {
                scratch[n++] = h;
            }
        }
        final long start = n > 0 ? Math.min(ev[2 * scratch[0]], base) : base;
        setCalendar(buckets, newShift, start);
        for (int i = 0; i < n; i++) {
            final int id = scratch[i];
            final long t = ev[2 * id];
            if (t < horizon) {
                calInsert(id, t, ev[2 * id + 1]);
            } else {
                next[id] = IN_HEAP;
                heap.add(t, ev[2 * id + 1]);
            }
        }
        pullFromHeap();
    }

    private void setCalendar(final int buckets, final int newShift, final long start) {
        if (head == null || head.length != buckets) {
            head = new int[buckets];
            tail = new int[buckets];
        }
        Arrays.fill(head, NIL);
        mask = buckets - 1;
        shift = newShift;
        base = start & -(1L << shift);
        cur = (int) ((base >>> shift) & mask);
        horizon = addClamped(base, (long) buckets << shift);
        calCount = 0;
    }

    private static long addClamped(final long a, final long b) {
        final long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    // ---------------------------------------------------------------- slots

    private int validId(final long handle) {
        if (handle <= 0) {
            return -1;
        }
        final long idl = handle & ID_MASK;
        if (idl >= idsUsed) {
            return -1;
        }
        final int id = (int) idl;
        final Object target = slots[2 * id];
        if (target == null || target == TOMBSTONE || ((slotGen[id] << ID_BITS) | id) != handle) {
            return -1;
        }
        return id;
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
            ev = Arrays.copyOf(ev, 2 * cap);
            next = Arrays.copyOf(next, cap);
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

    private void compactHeap() {
        heap.removeIf(dropTombstone);
        heapDead = 0;
    }

    /**
     * Reassigns sequence numbers 1..n in the existing order once the counter is exhausted. Key
     * order is preserved, so lists and heap stay valid; handles do not carry the sequence.
     */
    private void renumber() {
        compactHeap();
        final long[] keys = new long[live];
        int n = 0;
        for (int id = 0; id < idsUsed; id++) {
            if (slots[2 * id] != null) {
                keys[n++] = ev[2 * id + 1];
            }
        }
        Arrays.sort(keys, 0, n);
        for (int i = 0; i < n; i++) {
            final int id = (int) (keys[i] & ID_MASK);
            ev[2 * id + 1] = ((i + 1L) << ID_BITS) | id;
        }
        heap.mapKeys(k -> ev[2 * (int) (k & ID_MASK) + 1]);
        nextSeq = n + 1L;
    }

    /** Test hook: forces the sequence counter near exhaustion. */
    void setNextSeqForTest(final long seq) {
        nextSeq = seq;
    }
}
