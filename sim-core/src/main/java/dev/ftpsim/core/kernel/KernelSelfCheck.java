package dev.ftpsim.core.kernel;

/**
 * A hold-model run through the real {@link Simulator}: {@code pending} events in flight, each
 * event scheduling its successor at now + Exp(1 ms), with some timers armed and cancelled on the
 * way. It returns a checksum of the executed (time, event) trace, so two runs with one seed can be
 * compared, and whether time never went backwards.
 */
public final class KernelSelfCheck {
    /** Outcome of one run. */
    public record Result(long executed, boolean ordered, long checksum, long wallNanos) {}

    private KernelSelfCheck() {}

    public static Result run(final long seed, final int pending, final long events) {
        final Simulator sim = new Simulator(seed, pending * 2);
        final RandomStream gaps = sim.streams().stream("selfcheck/gaps");
        final Worker[] workers = new Worker[pending];
        for (int i = 0; i < pending; i++) {
            workers[i] = new Worker(sim, gaps, i, events);
            sim.schedule((long) gaps.exponential(1e6), workers[i]);
        }
        final long t0 = System.nanoTime();
        sim.run();
        final long wall = System.nanoTime() - t0;
        long sum = 0;
        boolean ordered = true;
        for (final Worker w : workers) {
            sum += w.checksum;
            ordered &= w.ordered;
        }
        return new Result(sim.eventsExecuted(), ordered && Worker.lastTime <= sim.now(), sum, wall);
    }

    private static final class Worker implements Runnable {
        static long lastTime;
        private final Simulator sim;
        private final RandomStream gaps;
        private final int index;
        private final long limit;
        long checksum;
        boolean ordered = true;
        private long timer = Simulator.NO_EVENT;

        Worker(final Simulator sim, final RandomStream gaps, final int index, final long limit) {
            this.sim = sim;
            this.gaps = gaps;
            this.index = index;
            this.limit = limit;
            lastTime = 0;
        }

        @Override
        public void run() {
            final long now = sim.now();
            if (now < lastTime) {
                ordered = false;
            }
            lastTime = now;
            checksum = checksum * 31 + (now ^ ((long) index << 40)) + sim.eventsExecuted();
            // Re-arm a watchdog that is almost always cancelled before it fires, like a TCP RTO.
            sim.cancel(timer);
            if (sim.eventsExecuted() < limit) {
                timer = sim.schedule(1_000_000_000L, this::watchdog);
                sim.schedule((long) gaps.exponential(1e6), this);
            }
        }

        private void watchdog() {
            checksum += 7;
        }
    }
}
