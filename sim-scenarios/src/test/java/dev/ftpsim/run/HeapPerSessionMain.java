package dev.ftpsim.run;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;

/**
 * Measures what a run keeps per finished session: runs the scenario of {@link
 * MemoryGrowsWithLiveSessionsNotSessionsRunTest} with 20,000 and 100,000 sessions, writing rows
 * nowhere, and prints the heap in use after a full GC at the end of each, and the difference per
 * session. Both runs last longer than every timeout (TIME_WAIT, conntrack's 120 s), so both end
 * with the same live state: the difference is what finished sessions left behind.
 *
 * <pre>{@code
 * mvn -B -ntp -pl sim-scenarios -am package -DskipTests
 * java -Xmx4g -cp sim-scenarios/target/ftpsim.jar:sim-scenarios/target/test-classes \
 *     dev.ftpsim.run.HeapPerSessionMain
 * }</pre>
 *
 * <p>Measured: 25 to 49 bytes per finished session over two runs (the summary's percentiles keep
 * three doubles, 24 bytes, per successful session, in arrays that grow by half); before rows were
 * streamed, 1,338.
 */
public final class HeapPerSessionMain {
    private HeapPerSessionMain() {}

    public static void main(final String[] args) throws Exception {
        final int small = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final int large = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final long a = heapAfter(small);
        final long b = heapAfter(large);
        System.out.printf("heap after %,d sessions: %,d bytes; after %,d: %,d bytes; %.1f bytes per finished session%n",
                small, a, large, b, (double) (b - a) / (large - small));
    }

    private static long heapAfter(final int sessions) throws Exception {
        final Scenario s = ScenarioLoader.parse(MemoryGrowsWithLiveSessionsNotSessionsRunTest.scenario(sessions),
                "many.yaml", Path.of("."));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null, null, RunSink.DISCARD);
        final long used = usedAfterGc();
        java.lang.ref.Reference.reachabilityFence(o);
        if (o.summary().succeeded() != sessions) {
            throw new IllegalStateException(o.summary().failuresByReason().toString());
        }
        return used;
    }

    private static long usedAfterGc() throws InterruptedException {
        final Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
