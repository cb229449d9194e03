package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.bench.OrderedCommit.Commit;
import dev.ftpsim.bench.OrderedCommit.Model;
import dev.ftpsim.bench.OrderedCommit.Outcome;
import dev.ftpsim.core.kernel.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The claim benchmarks/README.md makes for an engine that runs nodes apart within a lookahead
 * window: committed in the merged order, it runs every event in the order today's kernel does and
 * numbers every event as it does, whatever order the nodes ran in, parallel or not. A tie-break
 * each node computes alone (numbering node by node) does not.
 */
class AWindowedKernelWithAnOrderedCommitRunsAsTheSequentialOneTest {
    @Test
    void theMergedCommitGivesTheSequentialRunToTheLastSequenceNumber() {
        for (int s = 0; s < 60; s++) {
            final int i = s;
            final int nodes = new int[] {2, 7, 40}[i % 3];
            final Model sys = Model.random(SplitMix64.next(i), nodes);
            final Outcome ref = OrderedCommit.sequential(sys);
            assertTrue(ref.trace().size() > 500, "system " + i + " ran " + ref.trace().size() + " events");
            for (final boolean reversed : new boolean[] {false, true}) {
                for (final boolean p : new boolean[] {false, true}) {
                    final boolean parallel = p;
                    final Outcome w = OrderedCommit.windowed(sys, OrderedCommit.order(nodes, reversed), parallel,
                            Commit.MERGED);
                    assertTrue(ref.same(w), () -> "system " + i + " (reversed " + reversed + ", parallel " + parallel
                            + "): " + firstDifference(ref, w));
                }
            }
        }
    }

    private static String firstDifference(final Outcome a, final Outcome b) {
        for (int k = 0; k < Math.min(a.trace().size(), b.trace().size()); k++) {
            if (!a.trace().get(k).equals(b.trace().get(k))) {
                return "event " + k + " ran as " + b.trace().get(k) + ", not " + a.trace().get(k);
            }
        }
        return a.trace().size() + " events against " + b.trace().size() + ", or different states or pending events";
    }

    @Test
    void numberingTheChildrenNodeByNodeChangesTheResults() {
        int differ = 0;
        for (int i = 0; i < 60; i++) {
            final int nodes = new int[] {2, 7, 40}[i % 3];
            final Model sys = Model.random(SplitMix64.next(i), nodes);
            if (!OrderedCommit.windowed(sys, OrderedCommit.order(nodes, false), false, Commit.BY_NODE)
                    .sameResults(OrderedCommit.sequential(sys))) {
                differ++;
            }
        }
        assertTrue(differ >= 40, "numbering node by node kept the results of " + (60 - differ) + " of 60 systems");
    }
}
