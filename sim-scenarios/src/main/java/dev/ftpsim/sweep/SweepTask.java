package dev.ftpsim.sweep;

import java.util.Map;

/**
 * One replication of one point: runs single-threaded and returns its metrics (name to value).
 * A metric may be {@code NaN} when it has no value in this run (e.g. a latency with no
 * successful session); such values are left out of the statistics. Must depend only on its
 * arguments, so that resumed and parallel runs give the same numbers.
 */
@FunctionalInterface
public interface SweepTask {
    Map<String, Double> run(SweepPoint point, long seed) throws Exception;
}
