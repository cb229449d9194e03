package dev.ftpsim.explain;

import dev.ftpsim.core.balancer.Algorithm;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.scenario.FirewallSpec;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.ScenarioEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixes the advisor knows, one {@link FixSource} each, in the order they are tried and
 * listed. Each names the exact keys or rules it adds. A new kind of fix is one more source in
 * {@link #standard()}.
 */
public final class FixCatalog {
    /** Failures an idle control connection causes when a box forgets it during a long transfer. */
    private static final Set<String> IDLE_CUTS = Set.of("control_lost", "reply_timeout", "no_reply_after_transfer");

    private FixCatalog() {}

    /** Every source, in order. */
    public static List<FixSource> standard() {
        return List.of(FixCatalog::helper, FixCatalog::lvsFtpHelper, FixCatalog::brNetfilter, FixCatalog::pasvAddress, FixCatalog::affinity,
                FixCatalog::haproxyDeadBackend, FixCatalog::haproxyQueue,
                OneReplica::propose,
                FixCatalog::extended,
                FixCatalog::mode,
                FixCatalog::passiveRange, FixCatalog::widenRange,
                FixCatalog::promiscuous, FixCatalog::keepalive, FixCatalog::conntrackLimits, FixCatalog::clearControl,
                SessionFixes::login, SessionFixes::maxTime, SessionFixes::noTransferTimeout, SessionFixes::stop);
    }

    /**
     * The FTP helper where the data connection was dropped: loaded ({@code conntrack.helpers}) and
     * assigned to the control port (since Linux 4.7 a loaded helper is not assigned by port: the
     * kernel's nf_conntrack_helper=0), so nf_conntrack_ftp marks the data connection RELATED.
     */
    static List<Fix> helper(final Diagnosis d) {
        if (!d.dataFailure()) {
            return List.of();
        }
        return helperWhereDropped(d);
    }

    /**
     * {@link #helper} whatever the session's outcome: at each firewall that dropped its data
     * connection, else at every one (a session that succeeded only after retrying: nf_nat_ftp
     * rewrites the PORT that masquerade's server refused).
     */
    static List<Fix> helperWhereDropped(final Diagnosis d) {
        final List<String> at = d.droppedAt().isEmpty() ? new ArrayList<>(d.scenario().firewalls().keySet())
                : d.droppedAt();
        final List<Fix> out = new ArrayList<>();
        for (final String fw : at) {
            final FirewallSpec f = d.editable(fw);
            if (f == null || !f.stateful() || helperAssigned(d, fw, f)) {
                continue;
            }
            final List<ScenarioEdit> edits = new ArrayList<>();
            if (!f.conntrack().helpers().contains("ftp")) {
                final List<String> helpers = new ArrayList<>(List.of("ftp"));
                helpers.addAll(f.conntrack().helpers());
                edits.add(ScenarioEdit.set("firewall." + fw + ".conntrack.helpers", "[" + String.join(", ", helpers) + "]"));
            }
            edits.add(ScenarioEdit.prepend("firewall." + fw + ".prerouting",
                    "'tcp dport " + d.clients().port() + " ct helper set \"ftp\"'"));
            out.add(new Fix("assign the FTP helper at " + fw, "nf_conntrack_ftp reads the PORT/227 on the control"
                    + " connection and marks the data connection RELATED, so 'ct state established,related accept'"
                    + " lets it through", edits));
        }
        return out;
    }

    /** Whether firewall {@code fw} already gives connections to the population's port the FTP helper: the fix would change nothing. */
    private static boolean helperAssigned(final Diagnosis d, final String fw, final FirewallSpec f) {
        final int port = d.clients().port();
        if (!f.conntrack().helpers().contains("ftp")) {
            return false;
        }
        final java.util.regex.Pattern dport = java.util.regex.Pattern.compile("\\bdport " + port + "\\b");
        return f.conntrack().autoHelperPorts().contains(port) || ScenarioEdit.items(d.text(), d.fileName(),
                "firewall." + fw + ".prerouting").stream().anyMatch(r -> r.contains("ct helper set \"ftp\"")
                        && dport.matcher(r).find());
    }

    /** Behind DNAT: the server announces the address the client dials (vsftpd pasv_address). */
    static List<Fix> pasvAddress(final Diagnosis d) {
        if (!d.dataFailure() || !d.passive() || d.clients().serverAddress6() != null
                || d.clients().serverAddress() == d.serverAddress()
                || Integer.valueOf(d.clients().serverAddress()).equals(d.server().pasvAddress())) {
            return List.of(); // no DNAT, or the server announces that address already
        }
        return List.of(new Fix("announce the public address in 227 replies", "vsftpd's pasv_address: the client"
                + " connects to the address it dialled, which the DNAT forwards",
                List.of(ScenarioEdit.set(d.serverPath() + ".pasv-address", d.dialled()))));
    }

    /**
     * An LVS director without its FTP helper in front of a failed data connection: ip_vs_ftp
     * rewrites the backend's 227 to the virtual address and sends the data connection (and an
     * active one's, from port 20) to the backend that holds the control connection.
     */
    static List<Fix> lvsFtpHelper(final Diagnosis d) {
        if (!d.dataFailure()) {
            return List.of();
        }
        final List<Fix> out = new ArrayList<>();
        d.scenario().balancers().forEach((router, b) -> {
            if (b.config().lvs().tcpStates() && b.config().lvs().ftpPorts().isEmpty()
                    && b.config().virtualAddress() == d.clients().serverAddress()) {
                out.add(new Fix("the IPVS FTP helper on " + router, "modprobe ip_vs_ftp: the director rewrites the"
                        + " backend's passive address to the virtual one and sends the data connection to that backend",
                        List.of(ScenarioEdit.set("balancers." + router + ".ftp-helper", "true"))));
            }
        });
        return out;
    }

    /**
     * A connection that failed where a router's bridge runs without br_netfilter: a frame between two
     * stations of the bridge meets none of the router's conntrack and NAT, so the answer to a
     * DNATed connection reaches the client from the server's own address (the client resets it).
     * dockerd turns br_netfilter on (libnetwork's drivers/bridge/setup_bridgenetfiltering.go).
     */
    static List<Fix> brNetfilter(final Diagnosis d) {
        if (d.codes().stream().noneMatch(c -> c.startsWith("control_connect") || c.startsWith("data_connect"))) {
            return List.of();
        }
        final List<Fix> out = new ArrayList<>();
        d.scenario().bridges().forEach((sw, br) -> {
            if (!br.brNetfilter()) {
                out.add(new Fix("br_netfilter on " + sw, "modprobe br_netfilter (net.bridge.bridge-nf-call-iptables=1,"
                        + " as dockerd sets it): frames bridged between two stations of " + sw + " run "
                        + br.router() + "'s conntrack and NAT, so the answer to a DNATed connection is de-NATed",
                        List.of(ScenarioEdit.set("switches." + sw + ".br-netfilter", "true"))));
            }
        });
        return out;
    }

    /**
     * HAProxy in front of a backend with no FTP server on the port its clients reach (its kernel
     * refuses each connect): health checks ({@code check port N}) mark it down at its first failed
     * check, after which round robin skips it, and {@code option redispatch} sends a refused retry
     * to another server at once (both measured with HAProxy 2.6.12 in front of vsftpd 3.0.3).
     */
    static List<Fix> haproxyDeadBackend(final Diagnosis d) {
        final List<Fix> out = new ArrayList<>();
        d.scenario().balancers().forEach((router, b) -> {
            if (!"haproxy".equals(b.profile()) || b.config().virtualAddress() != d.clients().serverAddress()) {
                return;
            }
            final int port = d.clients().port() + b.config().portOffset();
            final Set<Integer> serving = new java.util.HashSet<>();
            for (final FtpSpec.Server sv : d.scenario().ftp().servers()) {
                if (sv.port() == port && d.scenario().hosts().get(sv.host())
                        instanceof dev.ftpsim.scenario.HostSpec.Single h) {
                    serving.add(h.address().address());
                }
            }
            final List<Integer> backends = b.config().backends();
            final List<String> dead = new ArrayList<>();
            for (int i = 0; i < backends.size(); i++) {
                if (!b.down().contains(i) && !serving.contains(backends.get(i))) {
                    dead.add(Ipv4.format(backends.get(i)));
                }
            }
            if (dead.isEmpty()) {
                return;
            }
            final String which = (dead.size() == 1 ? "backend " : "backends ") + String.join(", ", dead)
                    + (dead.size() == 1 ? " runs" : " run") + " no FTP server on port "
                    + port;
            if (b.haproxy().check() == null) {
                out.add(new Fix("health checks at HAProxy on " + router, which + ": 'check port " + port + "' on every"
                        + " server line marks it down at its first failed check, and round robin then skips it",
                        List.of(ScenarioEdit.set("balancers." + router + ".health-check", "{ port: " + port + " }"))));
            }
            if (!b.haproxy().redispatch()) {
                out.add(new Fix("option redispatch at HAProxy on " + router, which + ": a connect it refuses is tried"
                        + " again at once on another server",
                        List.of(ScenarioEdit.set("balancers." + router + ".redispatch", "true"))));
            }
        });
        return out;
    }

    /**
     * HAProxy closed connections that waited in its queue ({@code timeout queue}): every server up
     * held its {@code maxconn}. An FTP session holds two connections at once, its control and its
     * data connection, so a server with {@code maxconn m} serves m / 2 sessions at a time, and with
     * m = 1 a session's data connection waits behind its own control connection until the queue
     * times out. Doubling each server's maxconn (or lifting it) gives every session its second slot.
     */
    static List<Fix> haproxyQueue(final Diagnosis d) {
        final List<Fix> out = new ArrayList<>();
        d.scenario().balancers().forEach((router, b) -> {
            final dev.ftpsim.run.BalancerLog log = d.summary().balancers().get(router);
            if (log == null || log.queueTimeouts() == 0 || !"haproxy".equals(b.profile())
                    || b.config().virtualAddress() != d.clients().serverAddress()) {
                return;
            }
            final List<ScenarioEdit> doubled = new ArrayList<>();
            final List<ScenarioEdit> lifted = new ArrayList<>();
            final List<String> was = new ArrayList<>();
            for (int i = 0; i < b.config().backends().size(); i++) {
                final int m = b.haproxy().maxconn(i);
                if (m > 0) {
                    doubled.add(ScenarioEdit.set("balancers." + router + ".backends[" + i + "].maxconn", String.valueOf(2 * m)));
                    lifted.add(ScenarioEdit.set("balancers." + router + ".backends[" + i + "].maxconn", "0"));
                    was.add(m + " on " + Ipv4.format(b.config().backends().get(i)));
                }
            }
            if (doubled.isEmpty()) {
                return;
            }
            final String why = router + " closed " + log.queueTimeouts() + " queued connections at timeout queue (maxconn "
                    + String.join(", ", was) + "): an FTP session holds its control and its data connection at once,"
                    + " so each session needs two of a server's slots";
            out.add(new Fix("double maxconn at HAProxy on " + router, why, doubled));
            out.add(new Fix("no maxconn at HAProxy on " + router, why + "; without a limit no connection waits", lifted));
        });
        return out;
    }

    /**
     * A balancer that sent the data connection to a backend that did not announce it: source-address
     * affinity sends every connection of a client to one backend (AWS NLB's source-IP stickiness,
     * Azure's SourceIP distribution mode, LVS persistence, HAProxy's {@code balance source}).
     */
    static List<Fix> affinity(final Diagnosis d) {
        if (!d.codes().contains("data_connect_wrong_backend")) {
            return List.of();
        }
        final List<Fix> out = new ArrayList<>();
        d.scenario().balancers().forEach((router, b) -> {
            if (b.config().lvs().tcpStates() && b.config().lvs().persistenceNanos() == 0) {
                out.add(new Fix("persistence at the LVS director on " + router, "ipvsadm -p 300: a client's"
                        + " connections follow its first one's real server while its template lives",
                        List.of(ScenarioEdit.set("balancers." + router + ".persistence", "300s"))));
            }
            if (b.config().algorithm() != Algorithm.SOURCE) {
                out.add(new Fix("source-address affinity at the balancer on " + router, "every connection of a client"
                        + " reaches the same backend, so the data connection reaches the server that announced its port",
                        List.of(ScenarioEdit.set("balancers." + router + ".algorithm", "source"))));
            }
        });
        return out;
    }

    /**
     * A server that answers EPSV and EPRT with 502 (older than RFC 2428) to a client that cannot fall
     * back to PASV or PORT, as curl cannot over IPv6: a server that implements them.
     */
    static List<Fix> extended(final Diagnosis d) {
        if (!d.codes().contains("data_setup_refused") || !Boolean.FALSE.equals(d.server().access().epsvEprt())) {
            return List.of();
        }
        return List.of(new Fix("let the server answer EPSV and EPRT", "RFC 2428's commands, which every current"
                + " server implements (vsftpd since 2.0): over IPv6 they are the only way to a data connection",
                List.of(ScenarioEdit.set(d.serverPath() + ".epsv-eprt", "true"))));
    }

    /** Another data mode: the client's side of the failure (PORT through a client-side firewall, PASV through a server-side one). */
    static List<Fix> mode(final Diagnosis d) {
        if (!d.dataFailure()) {
            return List.of();
        }
        final List<Fix> out = new ArrayList<>();
        final String current = d.clients().options().mode().name();
        for (final String[] m : new String[][] {{"passive", "PASV"}, {"epsv", "EPSV"}, {"active", "PORT"}}) {
            final boolean passive = !m[1].equals("PORT");
            if (m[1].equals(current) || passive && "windows-ftp".equals(d.clients().profile())) {
                continue;
            }
            out.add(new Fix("switch the client to " + m[0] + " mode (" + m[1] + ")", passive
                    ? "the client opens the data connection, as it opened the control connection"
                    : "the server opens the data connection to the client",
                    List.of(ScenarioEdit.set(d.clientsPath() + ".mode", m[0]))));
        }
        return out;
    }

    /**
     * Open only the server's passive range where the data connection was dropped, guarding every
     * other port above 1023 (the Firewalls FAQ's CAUTION: opening them all also exposes whatever
     * else listens there); a server without a range gets one.
     */
    static List<Fix> passiveRange(final Diagnosis d) {
        if (!d.dataFailure() || !d.passive() || d.clients().serverAddress() != d.serverAddress()
                || d.serverAddress() == 0) {
            return List.of();
        }
        final FtpSpec.PortRange range = d.server().pasvPorts();
        final String ports = range == null ? "30000-30100" : range.min() + "-" + range.max();
        final String server = Ipv4.format(d.serverAddress());
        final List<Fix> out = new ArrayList<>();
        for (final String fw : d.droppedAt()) {
            final FirewallSpec f = d.editable(fw);
            if (f == null) {
                continue;
            }
            final List<ScenarioEdit> edits = new ArrayList<>();
            if (range == null) {
                edits.add(ScenarioEdit.set(d.serverPath() + ".passive-ports", ports));
            }
            edits.addAll(openPorts(fw, f, server, ports));
            out.add(new Fix("open the passive range " + ports + " at " + fw, "only the server's passive ports, not"
                    + " every port above 1023: the second source's CAUTION, other services listen there", edits));
        }
        return out;
    }

    /** The rules that let connections to {@code server}'s {@code ports} through {@code fw} (and, stateless, their replies back). */
    private static List<ScenarioEdit> openPorts(final String fw, final FirewallSpec f, final String server,
            final String ports) {
        final List<ScenarioEdit> edits = new ArrayList<>();
        if (!f.stateful()) {
            edits.add(ScenarioEdit.prepend("firewall." + fw + ".forward",
                    "'ip saddr " + server + " tcp sport " + ports + " accept'"));
        }
        edits.add(ScenarioEdit.prepend("firewall." + fw + ".forward",
                "'ip daddr " + server + " tcp dport " + ports + " accept'"));
        return edits;
    }

    /**
     * A passive range smaller than the population's sessions, which may all want a port at once:
     * vsftpd gives up after 9 busy ports ("500 OOPS: vsf_sysutil_bind"), proftpd listens outside
     * the range. A range of four ports per session (at least 16), clear of the other ranges of the
     * server's host, opened at every firewall whose rules a fix can add to.
     */
    static List<Fix> widenRange(final Diagnosis d) {
        final FtpSpec.PortRange range = d.server().pasvPorts();
        if (!d.dataFailure() || !d.passive() || range == null || d.serverAddress() == 0
                || d.clients().serverAddress() != d.serverAddress()
                || range.max() - range.min() + 1 >= d.clients().sessions()) {
            return List.of();
        }
        final int size = Math.max(16, 4 * d.clients().sessions());
        int min = range.min();
        for (boolean moved = true; moved;) {
            moved = false;
            for (final FtpSpec.Server s : d.scenario().ftp().servers()) {
                final FtpSpec.PortRange r = s.pasvPorts();
                if (s != d.server() && r != null && s.host().equals(d.server().host()) && r.min() < min + size
                        && min <= r.max()) {
                    min = r.max() + 1;
                    moved = true;
                }
            }
        }
        if (min + size - 1 > 65535) {
            return List.of();
        }
        final String ports = min + "-" + (min + size - 1);
        final List<ScenarioEdit> edits = new ArrayList<>(List.of(ScenarioEdit.set(d.serverPath() + ".passive-ports",
                ports)));
        d.scenario().firewalls().forEach((fw, spec) -> {
            final FirewallSpec f = d.editable(fw);
            if (f != null) {
                edits.addAll(openPorts(fw, f, Ipv4.format(d.serverAddress()), ports));
            }
        });
        final String server = "proftpd".equals(d.server().profile())
                ? "proftpd then listens outside the range (unable to find open port in PassivePorts range)"
                : "vsftpd gives up after 9 busy ports (500 OOPS: vsf_sysutil_bind)";
        return List.of(new Fix("widen the passive range to " + ports, (range.max() - range.min() + 1) + " passive"
                + " ports for " + d.clients().sessions() + " sessions that may all want one at once: " + server, edits));
    }

    /** A server that refuses the data connection's peer or port: vsftpd's promiscuity switches and port 20. */
    static List<Fix> promiscuous(final Diagnosis d) {
        if (!d.codes().contains("data_connect_failed_425")) {
            return List.of();
        }
        final FtpSpec.Server s = d.server();
        final List<Fix> out = new ArrayList<>();
        if (d.passive()) {
            out.add(new Fix("let the server accept a data connection from another address", "vsftpd's pasv_promiscuous"
                    + " (proftpd AllowForeignAddress): the data connection's source may differ from the control"
                    + " connection's, as behind a NAT pool", List.of(ScenarioEdit.set(d.serverPath() + ".pasv-promiscuous",
                            "true"))));
        } else {
            if (!Boolean.TRUE.equals(s.access().portPromiscuous())) {
                out.add(new Fix("let the server connect to another address than the client's", "vsftpd's"
                        + " port_promiscuous (proftpd AllowForeignAddress)", List.of(ScenarioEdit.set(d.serverPath() + ".port-promiscuous", "true"))));
            }
            if (!Boolean.TRUE.equals(s.connectFromPort20())) {
                out.add(new Fix("connect from port 20", "vsftpd's connect_from_port_20: the data connection comes"
                        + " from the port a packet filter's port-20 rules expect",
                        List.of(ScenarioEdit.set(d.serverPath() + ".connect-from-port-20", "true"))));
            }
        }
        return out;
    }

    /**
     * Keep the control connection's entry alive during long transfers: TCP keepalive (curl's
     * --keepalive-time) or NOOPs, at half the shortest established timeout on the path.
     */
    static List<Fix> keepalive(final Diagnosis d) {
        if (d.codes().stream().noneMatch(IDLE_CUTS::contains)) {
            return List.of();
        }
        long shortest = Long.MAX_VALUE;
        for (final FirewallSpec f : d.scenario().firewalls().values()) {
            if (f.stateful()) {
                shortest = Math.min(shortest, f.conntrack().config().tcpTimeout(TcpCtState.ESTABLISHED));
            }
        }
        final long seconds = shortest == Long.MAX_VALUE ? 60 : Math.max(1, Math.min(60, shortest / 2_000_000_000L));
        return List.of(
                new Fix("TCP keepalive every " + seconds + " s on the control connection", "its probes and their"
                        + " answers refresh every box's conntrack entry (curl --keepalive-time " + seconds + ")",
                        List.of(ScenarioEdit.set(d.clientsPath() + ".tcp-keepalive", seconds + "s"))),
                new Fix("NOOP every " + seconds + " s during transfers", "a command on the idle control connection"
                        + " refreshes the entry (lftp, FileZilla keepalive)",
                        List.of(ScenarioEdit.set(d.clientsPath() + ".keepalive", seconds + "s"))));
    }

    /** A conntrack table or expectation table that filled: four times the limit. */
    static List<Fix> conntrackLimits(final Diagnosis d) {
        final List<Fix> out = new ArrayList<>();
        for (final Map.Entry<String, Map<String, Long>> e : d.summary().conntrack().entrySet()) {
            final FirewallSpec f = d.editable(e.getKey());
            if (f == null) {
                continue;
            }
            final Map<String, Long> c = e.getValue();
            final String fw = e.getKey();
            if (c.getOrDefault("table_full", 0L) + c.getOrDefault("early_drop", 0L) > 0) {
                final long max = 4L * f.conntrack().max();
                out.add(new Fix("raise " + fw + "'s conntrack limit to " + max, "nf_conntrack_max: the table held "
                        + f.conntrack().max() + " entries and dropped new connections",
                        List.of(ScenarioEdit.set("firewall." + fw + ".conntrack.max", String.valueOf(max)))));
            }
            if (c.getOrDefault("expect_table_full", 0L) > 0) {
                final long max = 4L * f.conntrack().expectMax();
                out.add(new Fix("raise " + fw + "'s expectation limit to " + max, "nf_conntrack_expect_max: "
                        + f.conntrack().expectMax() + " pending expectations refused the next ones",
                        List.of(ScenarioEdit.set("firewall." + fw + ".conntrack.expect-max", String.valueOf(max)))));
            }
        }
        return out;
    }

    /** FTPS hides PORT and 227 from every helper: CCC clears the control connection after the login. */
    static List<Fix> clearControl(final Diagnosis d) {
        if (!d.dataFailure() || !d.clients().tls() || d.clients().ccc()) {
            return List.of();
        }
        return List.of(new Fix("clear the control connection after the login (CCC)", "curl --ftp-ssl-ccc: the helper"
                + " reads PORT and 227 again; the server must accept CCC",
                List.of(ScenarioEdit.set(d.clientsPath() + ".ccc", "true"),
                        ScenarioEdit.set(d.serverPath() + ".ccc", "true"))));
    }
}
