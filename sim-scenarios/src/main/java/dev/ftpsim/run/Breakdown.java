package dev.ftpsim.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One slice of a run's sessions in {@code summary.json}: a client population (with its host,
 * profile and starting mode), or every session of one profile or one mode.
 *
 * @param host the population's host or host group; null for a profile's or a mode's slice
 * @param profile the population's client profile; null for a slice not of one population
 * @param mode the data setup command its sessions start with; null for a profile's slice
 * @param failuresByReason failed sessions by why, in words
 * @param failuresByCode the same by stable code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Breakdown(String host, String profile, String mode, int sessions, int succeeded, int failed,
        Map<String, Integer> failuresByReason, Map<String, Integer> failuresByCode) {
    /** Succeeded sessions over sessions; NaN when there were none (not written: the counts say it). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public double successRate() {
        return sessions == 0 ? Double.NaN : (double) succeeded / sessions;
    }
}
