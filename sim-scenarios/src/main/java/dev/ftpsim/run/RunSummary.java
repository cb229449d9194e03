package dev.ftpsim.run;

import java.util.Map;

/**
 * What {@code summary.json} holds: the run's sessions and outcomes, distributions, and what each
 * firewall did. Maps are sorted, so the file is byte-identical for the same scenario and seed.
 *
 * @param failuresByReason failed sessions by why, in words
 * @param failuresByCode the same by stable code (two codes may share words, as the engine's data
 *        connect timer and the TCP stack's SYN timeout both read "data connect timed out")
 * @param throughputMbps per successful session: data bytes x 8 / (end - first byte)
 * @param sessionSeconds per successful session: end - start
 * @param firstByteSeconds per session that got data: first byte - start
 * @param conntrackPeak per stateful firewall, the most entries its table held
 * @param conntrack per stateful firewall, its counters as {@code conntrack -S} names them:
 *        inserted, expired, early_drop, table_full, invalid, expect_create, expect_used,
 *        expect_expired, nat_exhausted
 * @param drops per firewall, packets dropped by each rule or policy, and by conntrack
 * @param interfaceDrops per interface ({@code node.interface}, or a node for what its own stack
 *        could not send), packets lost where no rule decided: {@code queue_full}, {@code loss},
 *        {@code no_route}, {@code ttl_expired}, {@code mtu}, {@code not_local}, {@code no_socket}, {@code no_protocol}
 * @param populations per client population (by name, {@code <name>#<k>} in {@code sessions.csv}):
 *        its host, profile, mode, counts and failures
 * @param byProfile the same per client profile
 * @param byMode the same per data setup command the sessions started with
 * @param balancers per HAProxy balancer that checks its servers or queued a connection, what its
 *        checks and queue did; left out of the file when there is none
 * @param succeededAfterRetrying of {@code succeeded}, those that got there only after retrying
 *        ({@link Retries}); not in {@code summary.json} (0 when read from one)
 */
public record RunSummary(String scenario, long seed, int sessions, int succeeded, int failed,
        Map<String, Integer> failuresByReason, Map<String, Integer> failuresByCode, Percentiles throughputMbps,
        Percentiles sessionSeconds,
        Percentiles firstByteSeconds, Map<String, Integer> conntrackPeak, Map<String, Map<String, Long>> conntrack,
        Map<String, Map<String, Long>> drops, Map<String, Map<String, Long>> interfaceDrops,
        Map<String, Breakdown> populations, Map<String, Breakdown> byProfile,
        Map<String, Breakdown> byMode,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, BalancerLog> balancers,
        @com.fasterxml.jackson.annotation.JsonIgnore int succeededAfterRetrying) {
    /** {@code balancers} null (a summary.json written before it) read as none. */
    public RunSummary {
        balancers = balancers == null ? Map.of() : balancers;
    }
}
