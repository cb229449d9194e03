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
        final int code = r.outcome().lastReplyCode();
        if (code != 0) {
            out.add("the last reply the client read: " + code + " " + r.outcome().lastReplyText());
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
        return out;
    }
}
