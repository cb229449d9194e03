package dev.ftpsim.explain;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.ScenarioEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fixes of a session's own limits rather than of the network: the server's accounts, the
 * client's {@code --max-time}, the server's no-transfer timeout. Each is one key, tried by
 * simulation like every other fix.
 */
final class SessionFixes {
    private static final long NS = 1_000_000_000L;
    /** proftpd's TimeoutNoTransfer default (mod_core, proftpd.org/docs/directives/linked/config_ref_TimeoutNoTransfer.html). */
    private static final long PROFTPD_NO_TRANSFER = 300 * NS;

    private SessionFixes() {}

    /**
     * A login the server refused with 530: a vsftpd with {@code local_enable=NO} (its built-in
     * default, tunables.c) refuses every non-anonymous USER; a server without the account refuses
     * it; a server without anonymous access refuses {@code anonymous}.
     */
    static List<Fix> login(final Diagnosis d) {
        final FtpSpec.Login login = firstLogin(d.clients());
        if (!d.codes().contains("login_failed") || login == null) {
            return List.of();
        }
        final FtpSpec.Access a = d.server().access();
        final List<Fix> out = new ArrayList<>();
        if (anonymous(login.user())) {
            if (!Boolean.TRUE.equals(a.anonymous())) {
                out.add(new Fix("let the server accept anonymous logins", "vsftpd's anonymous_enable (proftpd"
                        + " <Anonymous>): USER anonymous is then logged in without a password check",
                        List.of(ScenarioEdit.set(d.serverPath() + ".anonymous", "true"))));
            }
            return out;
        }
        if (Boolean.FALSE.equals(a.localEnable())) {
            out.add(new Fix("let local users log in", "vsftpd's local_enable=YES (NO by default, tunables.c): with NO"
                    + " every USER but anonymous gets 530 This FTP server is anonymous only.",
                    List.of(ScenarioEdit.set(d.serverPath() + ".local-enable", "true"))));
        }
        if (a.users().stream().noneMatch(u -> u.name().equals(login.user()))) {
            out.add(new Fix("add the account " + login.user() + " to the server", "the client logs in as "
                    + login.user() + ", an account the server does not have",
                    List.of(ScenarioEdit.prepend(d.serverPath() + ".users", "{ name: " + login.user() + ", password: "
                            + login.password() + " }"))));
        }
        return out;
    }

    /**
     * curl's --max-time cut the session: the limit raised to what the whole script needs at the
     * rate the cut transfer ran, with a quarter to spare, in whole tens of seconds.
     */
    static List<Fix> maxTime(final Diagnosis d) {
        final Long max = d.clients().limits() == null ? null : d.clients().limits().maxTimeNanos();
        if (!d.codes().contains("timed_out_max_time") || max == null) {
            return List.of();
        }
        final FtpSessionRecord r = d.failed().record();
        final long bytes = r.transfer().bytes();
        final long total = scriptBytes(d);
        long needed = 4 * max; // the rate or the size unknown: four times the limit
        if (bytes > 0 && total > 0 && r.timings().firstByte() >= 0 && r.timings().end() > r.timings().firstByte()) {
            final double rate = bytes / (double) (r.timings().end() - r.timings().firstByte());
            needed = (r.timings().firstByte() - r.timings().start()) + (long) (total / rate);
        }
        final long seconds = Math.max(max / NS + 10, ((needed + needed / 4) / NS + 9) / 10 * 10);
        return List.of(new Fix("raise the client's max-time to " + seconds + " s", "curl --max-time " + seconds
                + ": the script moves " + total + " bytes, which at the rate the cut transfer ran take about "
                + (needed + NS / 2) / NS + " s",
                List.of(ScenarioEdit.set(d.clientsPath() + ".max-time", seconds + "s"))));
    }

    /** A stop longer than this many times the scenario's is not tried: the transfer is too slow to wait for. */
    static final int STOP_RAISE_MAX = 10;

    /**
     * The scenario's {@code stop} cut a session that was still moving data: the session was slow,
     * not broken. The stop raised to when the script ends at the rate the session ran, with a
     * quarter to spare, in whole tens of seconds; not beyond {@value #STOP_RAISE_MAX} times the
     * stop ({@link #stopNeeded} gives the chain the estimate either way).
     */
    static List<Fix> stop(final Diagnosis d) {
        final long needed = stopNeeded(d);
        final long stop = d.scenario().stopNanos();
        if (needed <= 0 || needed > STOP_RAISE_MAX * stop) {
            return List.of();
        }
        final long seconds = Math.max(stop / NS + 10, ((needed + needed / 4) / NS + 9) / 10 * 10);
        return List.of(new Fix("run longer: stop at " + seconds + " s", "the session was still moving data at the"
                + " stop (" + stop / NS + " s); at the rate it ran, its script ends about " + (needed + NS / 2) / NS
                + " s into the run (the longer run starts more sessions, and the trial counts them all)",
                List.of(ScenarioEdit.set("stop", seconds + "s"))));
    }

    /**
     * When the failed session, cut by the stop while moving data, would end its script at the rate
     * it ran (simulated ns from the run's start); 0 when it was not cut so or the rate is unknown.
     */
    static long stopNeeded(final Diagnosis d) {
        final FtpSessionRecord r = d.failed().record();
        final long stop = d.scenario().stopNanos();
        final long bytes = r.transfer().bytes();
        final long total = scriptBytes(d);
        final long first = r.timings().firstByte();
        if (!r.reasonCode().equals("not_finished") || bytes <= 0 || total <= bytes || first < 0 || stop <= first) {
            return 0;
        }
        final double rate = bytes / (double) (stop - first);
        return stop + (long) ((total - bytes) / rate);
    }

    /**
     * proftpd's TimeoutNoTransfer ended a session that paused longer after its login: the timeout
     * raised above the script's longest pause (to proftpd's default, or twice the pause). NOOP does
     * not help: proftpd restarts this timer only on a transfer (mod_core), as ftpsim's server does.
     */
    static List<Fix> noTransferTimeout(final Diagnosis d) {
        final Long timeout = d.server().access().noTransferTimeoutNanos();
        final FtpSessionRecord r = d.failed().record();
        if (!d.codes().contains("service_unavailable") || timeout == null || timeout == 0
                || !r.outcome().lastReplyText().startsWith("No transfer timeout")) {
            return List.of();
        }
        long pause = 0;
        for (final FtpSpec.Step s : d.clients().script()) {
            if (s instanceof FtpSpec.Wait w) {
                pause = Math.max(pause, w.nanos());
            }
        }
        final long seconds = Math.max(PROFTPD_NO_TRANSFER, 2 * pause) / NS;
        if (seconds * NS <= timeout) {
            return List.of();
        }
        return List.of(new Fix("raise the server's no-transfer timeout to " + seconds + " s", "proftpd's"
                + " TimeoutNoTransfer " + seconds + (seconds * NS == PROFTPD_NO_TRANSFER ? " (its default)" : "")
                + ": longer than the script's longest pause, " + pause / NS + " s; a NOOP would not restart it",
                List.of(ScenarioEdit.set(d.serverPath() + ".no-transfer-timeout", seconds + "s"))));
    }

    private static boolean anonymous(final String user) {
        return user.equals("anonymous") || user.equals("ftp");
    }

    private static FtpSpec.Login firstLogin(final FtpSpec.Clients c) {
        return c.script().stream().filter(FtpSpec.Login.class::isInstance).map(FtpSpec.Login.class::cast).findFirst()
                .orElse(null);
    }

    /** What the script moves: its downloads' sizes as the server lists them, its fixed-size uploads; 0 if any is unknown. */
    static long scriptBytes(final Diagnosis d) {
        final Map<String, Long> files = d.server().files();
        long total = 0;
        for (final FtpSpec.Step s : d.clients().script()) {
            if (s instanceof FtpSpec.Get g) {
                final Long size = files.containsKey(g.path()) ? files.get(g.path()) : files.entrySet().stream()
                        .filter(e -> e.getKey().endsWith("/" + g.path())).map(Map.Entry::getValue).findFirst()
                        .orElse(null);
                if (size == null) {
                    return 0;
                }
                total += size;
            } else if (s instanceof FtpSpec.Put p) {
                if (!(p.size() instanceof FtpSpec.Fixed f)) {
                    return 0;
                }
                total += f.bytes();
            }
        }
        return total;
    }
}
