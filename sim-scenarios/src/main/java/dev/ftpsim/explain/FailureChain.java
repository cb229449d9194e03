package dev.ftpsim.explain;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.run.Breakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A failed session's way to its failure, in words: what failed, where the data connection was judged, what each box dropped. */
final class FailureChain {
    private FailureChain() {}

    static List<String> words(final Diagnosis d) {
        final List<String> out = new ArrayList<>();
        final FtpSessionRecord r = d.failed().record();
        final Breakdown b = d.summary().populations().get(d.clients().name());
        final StringBuilder why = new StringBuilder("failed: ").append(r.reasonText());
        if (b != null && b.failuresByReason().size() > 1) {
            why.append(" (the population's failures: ");
            String sep = "";
            for (final Map.Entry<String, Integer> e : b.failuresByReason().entrySet()) {
                why.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                sep = ", ";
            }
            why.append(')');
        }
        out.add(why.toString());
        if (!r.retryText().isEmpty()) {
            out.add("it was still trying again at the stop after: " + r.retryText() + " (the client retries the"
                    + " transfer or reconnects instead of giving up; the fixes below answer that failure)");
        }
        final int code = r.outcome().lastReplyCode();
        if (code != 0) {
            out.add("the last reply the client read: " + code + " " + r.outcome().lastReplyText());
        }
        final long needed = SessionFixes.stopNeeded(d);
        if (needed > 0) {
            out.add(String.format(java.util.Locale.ROOT, "it had moved %,d of the script's %,d bytes at the"
                    + " stop, at %.3g Mbit/s: its script would end about %d s into the run", r.transfer().bytes(),
                    SessionFixes.scriptBytes(d),
                    r.transfer().bytes() * 8e3 / (d.scenario().stopNanos() - r.timings().firstByte()),
                    (needed + 500_000_000L) / 1_000_000_000L));
        }
        d.failed().dataPath().forEach((fw, text) -> {
            if (text.equals("not seen")) {
                out.add(fw + ": the data connection's first packet never reached it");
            } else if (!text.isEmpty()) {
                out.add(fw + ": the data connection's first packet (SYN) was " + text);
            }
        });
        d.summary().drops().forEach((fw, drops) -> drops.forEach((rule, n) -> out.add(fw + " dropped " + n
                + (n == 1 ? " packet" : " packets") + " in the run by " + rule)));
        d.summary().conntrack().forEach((fw, c) -> {
            if (c.getOrDefault("expired", 0L) > 0 && (r.reasonCode().equals("control_lost")
                    || r.reasonCode().startsWith("reply_timeout") || r.reasonCode().equals("no_reply_after_transfer"))) {
                out.add(fw + "'s conntrack expired " + c.get("expired") + " connections: an idle control connection's"
                        + " entry times out during a long transfer, and its next packets are dropped or not translated");
            }
            if (c.getOrDefault("table_full", 0L) > 0) {
                out.add(fw + "'s conntrack table was full: " + c.get("table_full") + " new connections dropped");
            }
            if (c.getOrDefault("expect_table_full", 0L) > 0) {
                out.add(fw + "'s expectation table was full: " + c.get("expect_table_full")
                        + " expectations refused, their data connections not RELATED");
            }
        });
        // The session's own ends: its client and every server on its port (behind a balancer each
        // backend is the server the session dials, whichever the hash picks).
        final List<String> ends = new ArrayList<>(List.of(d.clients().host()));
        d.scenario().ftp().servers().stream().filter(s -> s.port() == d.clients().port())
                .forEach(s -> ends.add(s.host()));
        // HAProxy's health checks: each server marked down or up, and the checks its kernel refused
        // (each one SYN counted as no_socket at the server: not a connection that lost its way)
        final Map<String, Integer> refusedChecks = new java.util.HashMap<>();
        final Map<String, String> checkedBy = new java.util.HashMap<>();
        d.summary().balancers().forEach((lb, log) -> {
            log.servers().forEach((server, sv) -> {
                refusedChecks.merge(server, sv.checksRefused(), Integer::sum);
                checkedBy.put(server, lb);
                final List<dev.ftpsim.run.BalancerLog.Transition> ts = sv.transitions();
                for (int i = 0; i < Math.min(ts.size(), SHOWN_TRANSITIONS); i++) {
                    final dev.ftpsim.run.BalancerLog.Transition t = ts.get(i);
                    out.add(String.format(java.util.Locale.ROOT, "at %.3f s%s, %s's health check marked server %s %s;"
                            + " HAProxy's log: %s", t.seconds(), session(r, t.seconds()), lb, server,
                            t.state().toLowerCase(java.util.Locale.ROOT), t.words(lb, server)));
                }
                if (ts.size() > SHOWN_TRANSITIONS) {
                    out.add(lb + "'s health checks marked " + server + " down or up " + (ts.size() - SHOWN_TRANSITIONS)
                            + " more times (summary.json's balancers)");
                }
                if (sv.checksUnanswered() > 0) {
                    out.add(lb + "'s health checks of " + server + " went unanswered " + sv.checksUnanswered()
                            + (sv.checksUnanswered() == 1 ? " time" : " times") + " in the run (" + sv.checkSynsUnanswered()
                            + " SYNs, retransmissions included): they are among the packets lost below, or the"
                            + " server dropped them silently");
                }
            });
            if (log.queueTimeouts() > 0) {
                out.add(lb + " closed " + log.queueTimeouts() + " of the " + log.queued() + (log.queued() == 1
                        ? " connection" : " connections") + " that waited in its queue (every server up held its"
                        + " maxconn) when timeout queue passed: a control connection closed there reads as control"
                        + " connection lost, a data connection as the server's 425; the queue, not the network, failed"
                        + " those sessions");
            }
        });
        d.summary().interfaceDrops().forEach((where, causes) -> causes.forEach((cause, n) -> {
            // segments for closed ports at the session's own ends follow from its failure (a refused
            // connect is its reason already; after an abort, the data still in flight): not a cause
            final String node = where.contains(".") ? where.substring(0, where.lastIndexOf('.')) : where;
            final boolean end = ends.stream().anyMatch(e -> node.equals(e) || node.startsWith(e + "["));
            if (cause.equals("no_socket") && end) {
                return;
            }
            final String server = cause.equals("no_socket") && d.scenario().hosts().get(node)
                    instanceof dev.ftpsim.scenario.HostSpec.Single h ? dev.ftpsim.core.net.Ipv4.format(h.address().address())
                    : null;
            final int checks = server == null ? 0 : refusedChecks.getOrDefault(server, 0);
            if (checks > 0) {
                out.add(where + " refused " + checks + " of " + checkedBy.get(server) + "'s health checks in the run"
                        + " (nothing listens on the checked port there)" + (n > checks ? "; " + (n - checks)
                        + (n - checks == 1 ? " other TCP segment" : " other TCP segments") + " found no socket there:"
                        + " connections " + checkedBy.get(server) + " sent to that server, refused as its checks were"
                        : ""));
            } else {
                out.add(lost(where, cause, n));
            }
        }));
        return out;
    }

    /** A server's marks down or up the chain cites; the rest are in summary.json. */
    private static final int SHOWN_TRANSITIONS = 4;

    /** Where a check's time falls in the session's life, in words: "" when outside it. */
    private static String session(final FtpSessionRecord r, final double seconds) {
        final long at = (long) (seconds * 1e9);
        return at >= r.timings().start() && at <= r.timings().end() ? ", while the session ran" : "";
    }

    /** A place where packets died outside any rule, in words ({@code summary.json}'s {@code interfaceDrops}). */
    static String lost(final String where, final String cause, final long n) {
        final String packets = n + (n == 1 ? " packet" : " packets");
        return switch (cause) {
            case "queue_full" -> where + "'s output queue was full: " + packets + " dropped in the run (the link"
                    + " after it is slower than the traffic: see the link's queue and bandwidth)";
            case "loss" -> where + "'s link lost " + packets + " it sent in the run (the link's loss)";
            case "no_route" -> where + " had no route for " + packets + " in the run";
            case "ttl_expired" -> where + " dropped " + packets + " in the run: TTL ran out (a routing loop?)";
            case "mtu" -> where + " dropped " + packets + " in the run: larger than its link's MTU, DF set";
            case "not_local" -> where + " received " + packets + " in the run for an address it does not hold";
            case "no_socket" -> where + " received " + (n == 1 ? "1 TCP segment" : n + " TCP segments")
                    + " in the run for a port of its own where no connection or listener was (answered with a reset"
                    + " unless it was one): a connection reached this box instead of the one behind it?";
            case "no_backend" -> "balancer " + where + " had no healthy backend for " + packets
                    + " opening connections in the run (dropped, refused, or accepted and closed at once, as its profile"
                    + " does)";
            case "no_flow" -> "balancer " + where + " dropped " + packets + " in the run of connections its table"
                    + " does not hold (forgotten after its idle timeout?)";
            default -> where + " dropped " + packets + " in the run (" + cause.replace('_', ' ') + ")";
        };
    }
}
