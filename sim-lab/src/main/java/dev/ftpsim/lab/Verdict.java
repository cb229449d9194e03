package dev.ftpsim.lab;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.FailureReason;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a session came to, in terms both worlds can be judged by: the outcome and failure class
 * ({@code ok}, {@code timeout}, {@code refused}, {@code reply 500}, ...) and how the router's
 * connection tracking classified the data connection's SYN ({@code NEW}, {@code RELATED},
 * {@code none} when no data SYN crossed it, {@code -} when the router tracks nothing).
 *
 * @param outcome {@code ok}, {@code timeout} (a connect or a reply that never came), {@code refused} (a
 *     connect answered by a reset), or {@code reply NNN} (the FTP reply that ended the session)
 * @param dataState the data connection's conntrack state at the router
 */
public record Verdict(String outcome, String dataState) {
    /**
     * curl 7.88's own message says only "Couldn't connect to server"; its verbose lines give the
     * kernel's reason: "* connect to 198.51.100.1 port 30011 failed: Connection refused".
     */
    private static final Pattern REFUSED = Pattern.compile("(?m)^\\* connect to .* failed: Connection refused");
    private static final Pattern TIMED_OUT = Pattern.compile(
            "(?m)^\\* connect to .* failed: Connection timed out|connect timeout after|Timeout was reached");
    /** EACCES, EHOSTUNREACH, ENETUNREACH: an ICMP error ended the connect (net/ipv6/icmp.c icmpv6_err_convert). */
    private static final Pattern UNREACHABLE = Pattern.compile(
            "(?m)^\\* connect to .* failed: (Permission denied|No route to host|Network is unreachable)");
    private static final Pattern EPSV_FAILED = Pattern.compile("(?m)^\\* Failed EPSV attempt, exiting");
    private static final Pattern REPLY = Pattern.compile("(?m)^< (\\d{3})[ -]");

    /** As written in the cell table: "ok, NEW". */
    @Override
    public String toString() {
        return outcome + ", " + dataState;
    }

    /** Parses "timeout, NEW". */
    public static Verdict parse(final String text) {
        final int comma = text.lastIndexOf(',');
        return new Verdict(text.substring(0, comma).strip(), text.substring(comma + 1).strip());
    }

    /**
     * ftpsim's verdict: its session record's reason, and the router's data-path note (see
     * sim-scenarios' {@code DataPathObserver}: "RELATED (ftp PASV ...), accepted by ..." or
     * "NEW, dropped by ..."); {@code dataPath} is null when the router has no firewall.
     */
    public static Verdict ofSimulation(final FtpSessionRecord r, final String dataPath) {
        final String outcome;
        final FtpSessionRecord.Outcome o = r.outcome();
        if (r.ok()) {
            outcome = "ok";
        } else if (o.cause() == FailReason.TIMED_OUT || o.finished() && (o.reason() == FailureReason.DATA_CONNECT_TIMEOUT
                // curl's exit 28 for a reply that never came and for --max-time alike
                || o.reason() == FailureReason.REPLY_TIMEOUT || o.reason() == FailureReason.TIMED_OUT)) {
            outcome = "timeout";
        } else if (o.cause() == FailReason.REFUSED) { // a reset; a refused command is its reply below
            outcome = "refused";
        } else if (o.cause() == FailReason.UNREACHABLE) { // an ICMP error other than port unreachable
            outcome = "unreachable";
        } else if (o.lastReplyCode() >= 400) {
            outcome = "reply " + o.lastReplyCode();
        } else {
            outcome = r.reasonText();
        }
        final String state;
        if (dataPath == null) {
            state = "-";
        } else if (dataPath.startsWith("NEW")) {
            state = "NEW";
        } else if (dataPath.startsWith("RELATED")) {
            state = "RELATED";
        } else {
            state = "none";
        }
        return new Verdict(outcome, state);
    }

    /**
     * curl's verdict from its exit code (curl(1) "EXIT CODES"), its verbose transcript (server
     * replies are the lines "&lt; NNN ...") and the router's counters of data SYNs.
     */
    public static Verdict ofCurl(final int exit, final String transcript, final long newSyns, final long relatedSyns,
            final boolean tracked) {
        final String state = !tracked ? "-" : relatedSyns > 0 ? "RELATED" : newSyns > 0 ? "NEW" : "none";
        return new Verdict(curlOutcome(exit, transcript), state);
    }

    /** The last FTP reply code in a curl -v transcript, 0 if none. */
    public static int lastReply(final String transcript) {
        int last = 0;
        for (final Matcher m = REPLY.matcher(transcript); m.find();) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static String curlOutcome(final int exit, final String transcript) {
        return switch (exit) {
            case 0 -> "ok";
            // 28 CURLE_OPERATION_TIMEDOUT, also for any 421 (ftp.c ftp_readresp: "We got a 421 -
            // timeout"); 12 CURLE_FTP_ACCEPT_TIMEOUT (the server never connected).
            case 28 -> lastReply(transcript) == 421 ? "reply 421" : "timeout";
            case 12 -> "timeout";
            // 7 CURLE_COULDNT_CONNECT: the kernel's reason says which.
            case 7 -> connectFailure(transcript, "curl exit 7");
            // 8 CURLE_WEIRD_SERVER_REPLY, also for a failed EPSV data connect over IPv6, where curl
            // cannot fall back to PASV (lib/ftp.c ftp_epsv_disable: "Failed EPSV attempt, exiting").
            case 8 -> EPSV_FAILED.matcher(transcript).find() ? connectFailure(transcript, "curl exit 8")
                    : lastReply(transcript) >= 400 ? "reply " + lastReply(transcript) : "curl exit 8";
            default -> lastReply(transcript) >= 400 ? "reply " + lastReply(transcript) : "curl exit " + exit;
        };
    }

    /** A failed connect's class by the kernel's reason in curl's verbose lines. */
    private static String connectFailure(final String transcript, final String otherwise) {
        return REFUSED.matcher(transcript).find() ? "refused" : TIMED_OUT.matcher(transcript).find() ? "timeout"
                : UNREACHABLE.matcher(transcript).find() ? "unreachable" : otherwise;
    }
}
