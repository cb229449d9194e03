package dev.ftpsim.core.kernel;

/**
 * The discrete-event kernel: simulated time in integer nanoseconds, the future event list and the
 * random streams of one run.
 *
 * <p>Events at equal times run in the order they were scheduled, so a run is a pure function of
 * its inputs and master seed. A run is single-threaded; parallel sweeps run one {@code Simulator}
 * per thread.
 *
 * <p>Handles returned by the {@code schedule} methods are positive {@code long}s; {@link #NO_EVENT}
 * (0) is never a handle, so a zeroed field means "no timer armed".
 */
public final class Simulator {
    /** Not a handle: the value of an unarmed timer field. */
    public static final long NO_EVENT = 0L;

    /** Marks events whose target is a {@link Runnable}. */
    private static final Object RUNNABLE = new Object();

    private final EventQueue queue;
    private final RandomStreams streams;
    private final long seed;
    private long now;
    private long executed;
    private boolean stopRequested;

    public Simulator(final long seed) {
        this(seed, 1024);
    }

    public Simulator(final long seed, final int expectedPendingEvents) {
        this.seed = seed;
        this.queue = new EventQueue(expectedPendingEvents);
        this.streams = new RandomStreams(seed);
    }

    /** Current simulated time in nanoseconds since the start of the run. */
    public long now() {
        return now;
    }

    public long seed() {
        return seed;
    }

    /** Named, independent random streams derived from this run's seed. */
    public RandomStreams streams() {
        return streams;
    }

    /** Events executed so far. */
    public long eventsExecuted() {
        return executed;
    }

    /** Live pending events. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Runs {@code action} after {@code delayNanos} (0 = later at this same instant). */
    public long schedule(final long delayNanos, final Runnable action) {
        return scheduleAt(at(delayNanos), action);
    }

    /** Calls {@code handler.handle(arg)} after {@code delayNanos}. */
    public long schedule(final long delayNanos, final EventHandler handler, final Object arg) {
        return scheduleAt(at(delayNanos), handler, arg);
    }

    public long scheduleAt(final long timeNanos, final Runnable action) {
        checkTime(timeNanos);
        return queue.add(timeNanos, action, RUNNABLE);
    }

    public long scheduleAt(final long timeNanos, final EventHandler handler, final Object arg) {
        checkTime(timeNanos);
        if (arg == RUNNABLE) {
            throw new IllegalStateException("reserved argument");
        }
        return queue.add(timeNanos, handler, arg);
    }

    /**
     * Cancels a pending event in O(1).
     *
     * @return true if it was pending; false for {@link #NO_EVENT}, or an event that already ran or
     *     was cancelled
     */
    public boolean cancel(final long handle) {
        return queue.cancel(handle);
    }

    public boolean isPending(final long handle) {
        return queue.isPending(handle);
    }

    /** Time of the next pending event, or {@link Long#MAX_VALUE} if there is none. */
    public long nextEventTime() {
        return queue.peekTime();
    }

    /** Runs events until none is left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with time at or before {@code endNanos}, then advances the clock to {@code
     * endNanos} (unless stopped earlier, or the end is {@link Long#MAX_VALUE}).
     */
    public void runUntil(final long endNanos) {
        if (endNanos < now) {
            throw new IllegalArgumentException(
                    "cannot run until t=" + endNanos + "ns: the clock is already at " + now + "ns");
        }
        stopRequested = false;
        final EventQueue q = queue;
        while (!stopRequested && q.pollUntil(endNanos)) {
            now = q.polledTime();
            executed++;
            final Object target = q.polledTarget();
            final Object arg = q.polledArg();
            q.prefetchNext();
            if (arg == RUNNABLE) {
                ((Runnable) target).run();
            } else {
                ((EventHandler) target).handle(arg);
            }
        }
        if (!stopRequested && endNanos != Long.MAX_VALUE) {
            now = endNanos;
        }
    }

    /** Makes {@link #run()} or {@link #runUntil(long)} return after the event now executing. */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    private long at(final long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException(
                    "cannot schedule " + delayNanos + "ns in the past (at t=" + now + "ns)");
        }
        final long t = now + delayNanos;
        if (t < 0) {
            throw new IllegalArgumentException("event time overflows: now=" + now + "ns + " + delayNanos + "ns");
        }
        return t;
    }

    private void checkTime(final long timeNanos) {
        if (timeNanos < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at t=" + timeNanos + "ns: it is in the past (now is " + now + "ns)");
        }
    }
}
