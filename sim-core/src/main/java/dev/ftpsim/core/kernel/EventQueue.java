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
 * holds a list sorted by (time, key), linked through each slot's next field, with a tail pointer since a
 * new event usually sorts last. Dequeue takes the head of the first non-empty bucket from the
 * current one; when a bucket is passed the window slides by one width. Events at or beyond the
 * window's end wait in the heap and move into the calendar as the window reaches them (the
 * ladder queue's idea of keeping far events out of the buckets, Tang et al. 2005). So the common
 * operation costs O(1) without a comparison cascade, and far-future timers (TIME_WAIT, keepalive)
 * cost O(log m) in a small heap instead of distorting the calendar.
 *
 * <p>A bitmap of non-empty buckets finds the next event with a count-trailing-zeros instead of a
 * bucket-by-bucket scan, so buckets can be narrow: a quarter of the mean gap between dequeued
 * events and up, eight buckets per pending event (two per event, at the mean gap, once that would
 * pass 2^21 buckets). Width and count are re-tuned every {@code max(256, n)} dequeues, or sooner
 * when lists or gaps grow long, rebuilding the calendar in O(n), which is amortised O(1).
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
    /** Next-field values: end of a bucket list, and "this event is in the heap". */
    private static final int NIL = -1;
    private static final int IN_HEAP = -2;
    /** Next-field value of a free slot. */
    private static final int FREE = -3;
    private static final int MIN_BUCKETS = 16;
    private static final int MAX_BUCKETS = 1 << 21;
    private static final int MAX_SHIFT = 40;
    private static final int BUCKETS_PER_EVENT = 8;
    /** Longs per slot in {@link #row}, and the offsets of its fields. */
    private static final int ROW = 4;
    private static final int KEY = 1;
    private static final int GEN = 2;
    private static final int NEXT = 3;

    // Per-slot data, indexed by id.
    /** target at [2 id], argument at [2 id + 1]; null when free, TOMBSTONE when cancelled in the heap. */
    private Object[] slots;
    /**
     * One row of {@link #ROW} longs per slot: time, key, generation, and the calendar list link
     * (NIL at a list's end, IN_HEAP for heap events, FREE for a free slot). One row, not four
     * arrays, so that polling an event loads one or two cache lines of the row instead of four.
     */
    private long[] row;
    private int[] freeIds;
    private int freeTop;
    private int idsUsed;

    // Calendar.
    private int[] head;
    private int[] tail;
    /** Bit b set when bucket b is not empty: finding the next event needs no bucket-by-bucket scan. */
    private long[] occ;
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
    /** sinceTune value at which tuning is next considered. */
    private int nextCheck = 64;

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

    /** Never counts (see {@link #touch}): there so that the loads are not dropped. */
    private int touched;
    private long polledTime;
    private Object polledTarget;
    private Object polledArg;

    public EventQueue() {
        this(64);
    }

    public EventQueue(final int initialCapacity) {
        final int cap = Math.max(4, initialCapacity);
        slots = new Object[2 * cap];
        row = new long[ROW * cap];
        for (int id = 0; id < cap; id++) {
            row[ROW * id + GEN] = 1;
        }
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
        row[ROW * id] = time;
        row[ROW * id + KEY] = key;
        live++;
        if (time < horizon) {
            calInsert(id, time, key);
        } else {
            row[ROW * id + NEXT] = IN_HEAP;
            heap.add(time, key);
        }
        return (row[ROW * id + GEN] << ID_BITS) | id;
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
        if ((int) row[ROW * id + NEXT] == IN_HEAP) {
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
        return row[ROW * id];
    }

    /**
     * Removes the earliest live event; its time, target and argument are then read with {@link
     * #polledTime()}, {@link #polledTarget()} and {@link #polledArg()}.
     *
     * @return false when the queue is empty
     */
    public boolean poll() {
        return pollUntil(Long.MAX_VALUE);
    }

    /**
     * Removes the earliest live event if its time is at or before {@code end}, as {@link #poll()}
     * does: one search for the earliest event where {@link #peekTime()} and {@link #poll()} make two.
     *
     * @return false when the queue is empty or its earliest event is later than {@code end}
     */
    public boolean pollUntil(final long end) {
        if (live == 0) {
            return false;
        }
        final int id = findFirst();
        if (row[ROW * id] > end) {
            return false;
        }
        final int nx = (int) row[ROW * id + NEXT];
        head[cur] = nx;
        if (nx == NIL) {
            occ[cur >>> 6] &= ~(1L << cur);
        }
        calCount--;
        live--;
        final long t = row[ROW * id];
        polledTime = t;
        polledTarget = slots[2 * id];
        polledArg = slots[2 * id + 1];
        releaseId(id);
        if (++sinceTune >= nextCheck) {
            checkTuning();
        }
        return true;
    }

    /**
     * Loads the row of the event that comes next unless the handler about to run schedules an
     * earlier one, and the headers of its target and argument: the simulator calls it between a
     * poll and the handler, so that these cache misses overlap the handler's own instead of
     * stalling the next poll and dispatch one after the other. Only loads; nothing changes.
     */
    void prefetchNext() {
        if (calCount != 0) {
            touch(head[nextOccupied(cur)]);
        }
    }

    /** No event targets the queue itself and no time is negative: nothing is counted, but the loads stay. */
    private void touch(final int id) {
        final Object target = slots[2 * id];
        final Object arg = slots[2 * id + 1];
        if (row[ROW * id] < 0 || target.getClass() == EventQueue.class
                || arg != null && arg.getClass() == EventQueue.class) {
            touched++;
        }
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
        freeTop = 0;
        for (int id = idsUsed - 1; id >= 0; id--) {
            slots[2 * id] = null;
            slots[2 * id + 1] = null;
            row[ROW * id + GEN]++;
            row[ROW * id + NEXT] = FREE;
            freeIds[freeTop++] = id;
        }
        Arrays.fill(head, NIL);
        Arrays.fill(occ, 0L);
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
        final int b = nextOccupied(cur);
        final int d = (b - cur) & mask;
        if (d != 0) {
            work += d;
            final long step = (long) d << shift;
            base += step;
            horizon = addClamped(horizon, step);
            cur = b;
            pullFromHeap();
        }
        return head[b];
    }

    /** The first non-empty bucket at or after {@code from}, cyclically; one must exist. */
    private int nextOccupied(final int from) {
        final long[] o = occ;
        int w = from >>> 6;
        long bits = o[w] & (-1L << (from & 63));
        final int words = o.length;
        for (int i = 0; i <= words; i++) {
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
            w = w + 1 == words ? 0 : w + 1;
            bits = o[w];
        }
        throw new IllegalStateException("calendar count " + calCount + " but no bucket occupied");
    }

    /** Inserts into the bucket for time t, keeping the list sorted by (time, key). */
    private void calInsert(final int id, final long t, final long key) {
        calCount++;
        // An event earlier than the window (the window slid past empty buckets) sorts first in
        // the current bucket, ahead of everything else.
        final int b = t < base ? cur : (int) ((t >>> shift) & mask);
        // The bitmap (2^20 buckets: 128 KiB, cache-resident) says whether the bucket is empty, so
        // the common insert into an empty bucket only stores into the large head and tail arrays
        // (the store buffer absorbs those misses) instead of waiting for head[b] to load.
        final long bit = 1L << b;
        final long word = occ[b >>> 6];
        if ((word & bit) == 0) {
            row[ROW * id + NEXT] = NIL;
            head[b] = id;
            tail[b] = id;
            occ[b >>> 6] = word | bit;
            return;
        }
        int h = head[b];
        final int tl = tail[b];
        final long tt = row[ROW * tl];
        if (tt < t || (tt == t && row[ROW * tl + KEY] < key)) {
            row[ROW * id + NEXT] = NIL;
            row[ROW * tl + NEXT] = id;
            tail[b] = id;
            return;
        }
        int prev = NIL;
        while (h != NIL) {
            final long ht = row[ROW * h];
            if (t < ht || (t == ht && key < row[ROW * h + KEY])) {
                break;
            }
            prev = h;
            h = (int) row[ROW * h + NEXT];
            work++;
        }
        row[ROW * id + NEXT] = h;
        if (prev == NIL) {
            head[b] = id;
        } else {
            row[ROW * prev + NEXT] = id;
        }
    }

    private void calUnlink(final int id) {
        final long t = row[ROW * id];
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
            h = (int) row[ROW * h + NEXT];
        }
        if (h == NIL) {
            return false;
        }
        if (prev == NIL) {
            head[b] = (int) row[ROW * id + NEXT];
        } else {
            row[ROW * prev + NEXT] = (int) row[ROW * id + NEXT];
        }
        if (tail[b] == id) {
            tail[b] = prev;
        }
        if (head[b] == NIL) {
            occ[b >>> 6] &= ~(1L << b);
        }
        return true;
    }

    /**
     * Moves heap events that the window now reaches into the calendar. A window clamped at the
     * clock's end reaches an event at {@link Long#MAX_VALUE} too (a timer that never comes, as a
     * rare Poisson arrival's saturated time is): left in the heap, it made an empty calendar that
     * findFirst could not step through.
     */
    private void pullFromHeap() {
        while (!heap.isEmpty() && (heap.topTime() < horizon || horizon == Long.MAX_VALUE)) {
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

    /** Every 64 dequeues: re-tune after a full window, or early when the calendar works too hard. */
    private void checkTuning() {
        if (sinceTune >= 256 && sinceTune >= live || work > 8L * sinceTune + 64) {
            tune();
        } else {
            nextCheck = sinceTune + 64;
        }
    }

    /** Re-tunes width and bucket count from the last window of dequeues. */
    private void tune() {
        final long lastPolled = polledTime;
        nextCheck = 64;
        final long span = lastPolled - tuneStartTime;
        final long meanGap = span / sinceTune;
        sinceTune = 0;
        work = 0;
        tuneStartTime = lastPolled;
        // Width about twice the mean gap: one or two events per bucket near "now".
        // Narrow buckets (a quarter of the mean gap and up) with eight buckets per event, while that
        // fits: the occupancy bitmap makes empty buckets cheap to pass, and fewer events share one.
        final boolean narrow = (long) live * BUCKETS_PER_EVENT <= MAX_BUCKETS;
        final int wantShift = Math.max(0, Math.min(MAX_SHIFT,
                64 - Long.numberOfLeadingZeros(Math.max(1, meanGap)) - (narrow ? 2 : 0)));
        final int buckets = mask + 1;
        final int wantBuckets = bucketsFor(live);
        if (wantShift != shift || wantBuckets > buckets || wantBuckets * 4 < buckets) {
            rebuild(wantBuckets, wantShift);
        }
    }

    private static int bucketsFor(final int events) {
        final long want = (long) events * BUCKETS_PER_EVENT <= MAX_BUCKETS ? (long) events * BUCKETS_PER_EVENT
                : 2L * events;
        final int n = (int) Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, want));
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
            for (int h = head[b]; h != NIL; h = (int) row[ROW * h + NEXT]) {
                scratch[n++] = h;
            }
        }
        final long start = n > 0 ? Math.min(row[ROW * scratch[0]], base) : base;
        setCalendar(buckets, newShift, start);
        for (int i = 0; i < n; i++) {
            final int id = scratch[i];
            final long t = row[ROW * id];
            if (t < horizon) {
                calInsert(id, t, row[ROW * id + KEY]);
            } else {
                row[ROW * id + NEXT] = IN_HEAP;
                heap.add(t, row[ROW * id + KEY]);
            }
        }
        pullFromHeap();
    }

    private void setCalendar(final int buckets, final int newShift, final long start) {
        if (head == null || head.length != buckets) {
            head = new int[buckets];
            tail = new int[buckets];
            occ = new long[Math.max(1, buckets >>> 6)];
        }
        Arrays.fill(head, NIL);
        Arrays.fill(occ, 0L);
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
        if ((int) row[ROW * id + NEXT] == FREE || slots[2 * id] == TOMBSTONE
                || ((row[ROW * id + GEN] << ID_BITS) | id) != handle) {
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
        if (id == freeIds.length) {
            final int old = freeIds.length;
            final int cap = old * 2;
            slots = Arrays.copyOf(slots, 2 * cap);
            row = Arrays.copyOf(row, ROW * cap);
            for (int i = old; i < cap; i++) {
                row[ROW * i + GEN] = 1;
            }
            freeIds = Arrays.copyOf(freeIds, cap);
        }
        idsUsed++;
        return id;
    }

    /**
     * Frees a slot. Its target and argument are not cleared (the next event to take the slot
     * overwrites them): a released slot may keep an object reachable until reused, which saves two
     * stores on every event.
     */
    private void releaseId(final int id) {
        row[ROW * id + GEN]++;
        row[ROW * id + NEXT] = FREE;
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
            if ((int) row[ROW * id + NEXT] != FREE) {
                keys[n++] = row[ROW * id + KEY];
            }
        }
        Arrays.sort(keys, 0, n);
        for (int i = 0; i < n; i++) {
            final int id = (int) (keys[i] & ID_MASK);
            row[ROW * id + KEY] = ((i + 1L) << ID_BITS) | id;
        }
        heap.mapKeys(k -> row[ROW * (int) (k & ID_MASK) + KEY]);
        nextSeq = n + 1L;
    }

    /** Test hook: forces the sequence counter near exhaustion. */
    void setNextSeqForTest(final long seq) {
        nextSeq = seq;
    }
}
