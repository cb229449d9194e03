package dev.ftpsim.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a HAProxy balancer's health checks and queue did in a run ({@code summary.json}'s {@code
 * balancers}): per server its checks and each time a check marked it down or up.
 *
 * @param queued connections that waited for a server under its {@code maxconn}
 * @param queueTimeouts of those, the ones {@code timeout queue} closed while they waited
 * @param servers per backend address, its checks
 */
public record BalancerLog(int queued, int queueTimeouts, Map<String, Server> servers) {
    /**
     * One server's checks.
     *
     * @param checks checks that ended by the stop
     * @param checksRefused of those, the ones its kernel refused: each a SYN that found no listener,
     *        counted in {@code interfaceDrops} as {@code no_socket} at the server
     * @param checksUnanswered of those, the ones given up after {@code interval} with no answer to
     *        their SYNs (a silent or unreachable server)
     * @param checkSynsUnanswered the SYNs those sent, retransmissions included: each one lost on
     *        the way (in {@code drops} or {@code interfaceDrops}) or dropped silently at the server
     * @param transitions each time a check marked it down or up, in order
     */
    public record Server(int checks, int checksRefused, int checksUnanswered, long checkSynsUnanswered,
            List<Transition> transitions) {}

    /**
     * A check that marked a server down or up.
     *
     * @param seconds when, from the start
     * @param state {@code DOWN} or {@code UP}
     * @param reason HAProxy's words for the check's status ("Layer4 connection problem", ...)
     * @param info what HAProxy adds after "info:" ("Connection refused"); null when it adds nothing
     * @param checkMs how long the check took
     * @param upLeft servers up after it
     * @param sessions marked down: the connections it held (they go on); up: the waiting
     *        connections it took from the queue
     * @param queued marked up: the connections still waiting after; marked down: 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(double seconds, String state, String reason, String info, long checkMs, int upLeft,
            int sessions, int queued) {
        /**
         * The line HAProxy logs (server.c, srv_append_status; 2.6.12 measured: "Server ftps/s2 is
         * DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms.
         * 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue."
         * and "Server ftps/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0
         * backup servers online. 0 sessions requeued, 0 total in queue."), {@code balancer/server}
         * naming the server; after the last server's DOWN, its alert "backend 'ftps' has no server
         * available!".
         */
        @JsonIgnore
        public String words(final String balancer, final String server) {
            final boolean up = state.equals("UP");
            return String.format(Locale.ROOT, "Server %s/%s is %s, reason: %s%s, check duration: %dms."
                    + " %d active and 0 backup servers %s. %s", balancer, server, state, reason,
                    info == null ? "" : ", info: \"" + info + "\"", checkMs, upLeft, up ? "online" : "left",
                    up ? sessions + " sessions requeued, " + queued + " total in queue."
                            : sessions + " sessions active, 0 requeued, 0 remaining in queue."
                            + (upLeft == 0 ? " backend '" + balancer + "' has no server available!" : ""));
        }
    }
}
