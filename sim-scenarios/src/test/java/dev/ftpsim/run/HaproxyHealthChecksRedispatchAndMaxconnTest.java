package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HAProxy's health checks, {@code option redispatch} and {@code maxconn}, each as HAProxy 2.6.12
 * did in front of vsftpd 3.0.3 on 10.1.1.10 and nothing on 10.1.2.10 (its kernel refusing),
 * {@code mode tcp}, {@code balance roundrobin}, {@code timeout connect 5s}, {@code timeout
 * client/server 90s}, curl 7.88 as client, tshark on each of HAProxy's interfaces:
 * <ul>
 * <li>{@code check port 21} on both servers: a check to 10.1.1.10 at start and every 2.002 s,
 * each SYN, SYN-ACK, [R.] (no ACK: vsftpd logged no CONNECT); one to 10.1.2.10 1.0 s after
 * start, refused, and "Server ftps/s2 is DOWN, reason: Layer4 connection problem" at once; a curl
 * 0.3 s after start failed after 60.07 s with "(19) RETR response: 425", its data connection
 * tried on s2 four times 1 s apart though s2 was down (log "ftps/s2 1/-1/3003 0 SC ... 0/3"); curls
 * at 5 s and 10 s got the file.</li>
 * <li>{@code option redispatch}, no checks: the data connect refused by s2 went to s1 0.1 ms later
 * (log "ftps/s1 ... +1"), and curl got the file.</li>
 * <li>{@code server s1 10.1.1.10 maxconn 1}, one server: the first curl's data connection and a
 * second curl's control connection 0.2 s later each got [F.] 5.000 s after their SYN ("<NOSRV>
 * ... sQ", {@code timeout queue} unset, so {@code timeout connect}); the second curl "(56)" after
 * 5.002 s, the first "(19) RETR response: 425" after 60.07 s.</li>
 * </ul>
 */
class HaproxyHealthChecksRedispatchAndMaxconnTest {
    private static final long MS = 1_000_000L;
    private static final int LB_TO_FTP1 = Ipv4.parse("10.1.1.1");

    /** A segment seen on a host's interface. */
    record Seen(String host, boolean outgoing, int src, int sport, int dst, int dport, int flags, int len, long at) {
        boolean syn() {
            return (flags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
        }

        boolean has(final int f) {
            return (flags & f) != 0;
        }
    }

    /** Taps each host's interface, as tcpdump on each would. */
    static final class Wire implements Recorder {
        final List<Seen> seen = new ArrayList<>();
        final List<String> hosts;

        Wire(final List<String> hosts) {
            this.hosts = hosts;
        }

        @Override
        public void wired(final NetworkBuilder net) {
            for (final String h : hosts) {
                net.node(h).interfaces().get(0).addTap((i, out, p, t) -> {
                    if (p.protocol == Packet.PROTO_TCP) {
                        seen.add(new Seen(h, out, p.src, p.sport, p.dst, p.dport, p.flags, p.payloadLength, t));
                    }
                });
            }
        }
    }

    record Run(List<Results.Row> rows, Wire wire) {
        /** The session's reason code, or "ok". */
        String reason(final int session) {
            final var r = rows.stream().filter(x -> x.record().identity().session() == session).findFirst()
                    .orElseThrow().record();
            return r.ok() ? "ok" : r.reasonCode();
        }

        long took(final int session) {
            final var r = rows.stream().filter(x -> x.record().identity().session() == session).findFirst()
                    .orElseThrow().record();
            return r.timings().end() - r.timings().start();
        }
    }

    private static Run run(final String text, final String... hosts) throws Exception {
        final Scenario s = ScenarioLoader.parse(text, "haproxy-health-checks.yaml", Path.of("..", "examples"));
        final Wire wire = new Wire(List.of(hosts));
        final List<Results.Row> rows = new ArrayList<>();
        new Simulation(s, s.seed(), FirewallBuilder.of(HelperRegistry.standard()), ProbeRegistry.standard(),
                List.of(wire)).run(null, RunSink.sessions(rows::add));
        return new Run(rows, wire);
    }

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "examples", "haproxy-health-checks.yaml"));
    }

    /** The segments of each connection {@code host} received on {@code port}, by the sender's port, in order. */
    private static Map<Integer, List<Seen>> connections(final Run r, final String host, final int port) {
        final Map<Integer, List<Seen>> out = new LinkedHashMap<>();
        for (final Seen x : r.wire().seen) {
            if (x.host().equals(host) && (!x.outgoing() && x.dport() == port || x.outgoing() && x.sport() == port)) {
                out.computeIfAbsent(x.outgoing() ? x.dport() : x.sport(), k -> new ArrayList<>()).add(x);
            }
        }
        return out;
    }

    @Test
    void aCheckIsASynThenAResetInsteadOfTheLastAckSoVsftpdNeverAcceptsIt() throws Exception {
        final Run r = run(example(), "ftp1");
        final List<List<Seen>> checks = connections(r, "ftp1", 21).values().stream()
                .filter(c -> c.stream().anyMatch(x -> !x.outgoing() && x.has(Packet.RST))).toList();
        assertTrue(checks.size() >= 45, "one check every 2 s of the 100 s run: " + checks.size());
        for (final List<Seen> c : checks) {
            assertEquals(3, c.size(), "SYN, SYN-ACK, [R.] and nothing else: " + c);
            assertTrue(c.get(0).syn() && c.get(0).src() == LB_TO_FTP1, "from HAProxy's address toward ftp1");
            assertTrue(c.get(1).outgoing() && c.get(1).has(Packet.SYN) && c.get(1).has(Packet.ACK));
            assertEquals(Packet.RST | Packet.ACK, c.get(2).flags(), "the reset in place of the handshake's ACK");
        }
        assertTrue(checks.get(0).get(0).at() < 2 * MS, "the first server is checked as HAProxy starts (1 ms link): "
                + checks.get(0).get(0).at());
        final long gap = checks.get(1).get(0).at() - checks.get(0).get(0).at();
        assertTrue(gap >= 2000 * MS && gap < 2010 * MS, "then every inter (2 s) after the last check ended: " + gap);
    }

    /**
     * HAProxy 2.6.12 with {@code option tcp-check} and {@code tcp-check expect string 220}: SYN,
     * SYN-ACK, ACK, vsftpd's 20-byte greeting, ACK, [R.]; vsftpd logged 'CONNECT: Client
     * "10.1.1.1"' and "220 (vsFTPd 3.0.3)" for each check.
     */
    @Test
    void aCheckExpecting220ReadsVsftpdsGreetingThenResets() throws Exception {
        final Run r = run(example().replace("health-check: { port: 21 }", "health-check: { port: 21, expect: \"220\" }"),
                "ftp1");
        final List<List<Seen>> checks = connections(r, "ftp1", 21).values().stream()
                .filter(c -> c.stream().anyMatch(x -> !x.outgoing() && x.has(Packet.RST))).toList();
        assertTrue(checks.size() >= 45, "one check every 2 s: " + checks.size());
        for (final List<Seen> c : checks) {
            // the real kernel ACKed the greeting before HAProxy's reset (quick-ack after the handshake);
            // here that ACK is delayed and the reset goes first
            assertEquals("S SA A 20 R", String.join(" ", c.stream().map(x -> x.has(Packet.RST) ? "R"
                    : x.has(Packet.SYN) ? (x.has(Packet.ACK) ? "SA" : "S") : x.len() > 0 ? String.valueOf(x.len())
                    : "A").toList()), "the greeting read, then the reset: " + c);
        }
        assertEquals("ok", r.reason(1));
    }

    @Test
    void aDeadServerIsDownAfterItsFirstCheckAndOnlySessionsBeforeThatFail() throws Exception {
        final Run r = run(example(), "ftp2");
        final List<Seen> checks = r.wire().seen.stream().filter(x -> !x.outgoing() && x.dport() == 21 && x.syn())
                .toList();
        assertTrue(checks.get(0).at() >= 1001 * MS && checks.get(0).at() < 1002 * MS, "the second of two servers"
                + " first at inter / 2 (1 ms link): " + checks.get(0));
        final List<Seen> data = r.wire().seen.stream().filter(x -> !x.outgoing() && x.dport() != 21 && x.syn()).toList();
        assertEquals(4, data.size(), "only the first session's data connection reached ftp2: " + data);
        assertTrue(data.get(3).at() > checks.get(0).at(), "its retries stayed on ftp2 after the check marked it down");
        assertEquals("data_connect_wrong_backend", r.reason(0), "curl: (19) RETR response: 425");
        assertTrue(r.took(0) > 60_000 * MS && r.took(0) < 61_000 * MS, "vsftpd's 60 s accept_timeout: " + r.took(0));
        assertEquals("ok", r.reason(1), "at 5 s ftp2 was down: both connections to ftp1");
        assertEquals("ok", r.reason(2));
    }

    @Test
    void withoutHealthChecksEverySessionMeetsTheDeadServer() throws Exception {
        final Run r = run(example().replace("    health-check: { port: 21 }", ""), "ftp2");
        for (int i = 0; i < 3; i++) {
            assertEquals("data_connect_wrong_backend", r.reason(i), "session " + i);
        }
        assertTrue(r.wire().seen.stream().noneMatch(x -> !x.outgoing() && x.dport() == 21), "nothing checked ftp2");
    }

    @Test
    void redispatchSendsTheRefusedRetryToTheOtherServerAtOnce() throws Exception {
        final Run r = run(example().replace("    health-check: { port: 21 }", "    redispatch: true"), "ftp1", "ftp2");
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", r.reason(i), "session " + i);
        }
        final List<Seen> refusals = r.wire().seen.stream().filter(x -> x.host().equals("ftp2") && x.outgoing()
                && x.has(Packet.RST)).toList();
        assertTrue(refusals.size() >= 3, "round robin sent a connection of each session to ftp2: " + refusals);
        for (final Seen refused : refusals) {
            final Seen toFtp1 = r.wire().seen.stream().filter(x -> x.host().equals("ftp1") && !x.outgoing() && x.syn()
                    && x.dport() == refused.sport() && x.at() > refused.at()).findFirst().orElseThrow();
            final long after = toFtp1.at() - refused.at();
            assertTrue(after >= 2 * MS && after < 3 * MS, "no turn-around timer, only the two 1 ms links: " + after);
        }
        assertEquals(refusals.size(), r.wire().seen.stream().filter(x -> x.host().equals("ftp2") && !x.outgoing()
                && x.syn()).count(), "no connection tried ftp2 twice");
    }

    /** Two backends that refuse port 21 (the one FTP server listens on 2121), as HAProxy's front port 2200 did. */
    private static final String BOTH_REFUSE = """
            name: haproxy-both-refuse
            seed: 1
            stop: 20s
            hosts:
              client: { address: 198.51.100.10/24, gateway: 198.51.100.1 }
              ftp1: { address: 10.1.1.10/24, gateway: 10.1.1.1 }
              ftp2: { address: 10.1.2.10/24, gateway: 10.1.2.1 }
            routers:
              lb: { interfaces: { front: 198.51.100.1/24, b1: 10.1.1.1/24, b2: 10.1.2.1/24 } }
            links:
              - { ends: [client, lb.front], bandwidth: 100Mbps, delay: 10ms }
              - { ends: [lb.b1, ftp1], bandwidth: 1Gbps, delay: 1ms }
              - { ends: [lb.b2, ftp2], bandwidth: 1Gbps, delay: 1ms }
            balancers:
              lb: { profile: haproxy, virtual: 203.0.113.100, ports: [21], backends: [10.1.1.10, 10.1.2.10],
                    idle-timeout: 90s, redispatch: true, algorithm: %s }
            ftp:
              servers:
                - { host: ftp1, port: 2121, files: { /pub/file.bin: 300KB } }
              clients:
                - { host: client, server: 203.0.113.100, sessions: 1, script: [login anonymous] }
            """;

    /** Each SYN the backends got, as "host +ms" after the first. */
    private static List<String> syns(final Run r) {
        final List<Seen> syns = r.wire().seen.stream().filter(x -> !x.outgoing() && x.syn()).toList();
        return syns.stream().map(x -> x.host() + " +" + Math.round((x.at() - syns.get(0).at()) / 1e6)).toList();
    }

    /**
     * HAProxy 2.6.12, option redispatch, both servers refusing: with balance roundrobin SYNs to s1,
     * s2, s1, s2 within 0.2 ms (log "+3"); with balance source four to one server, 1 s apart but
     * the last, sent 0.1 ms after the third (log "3").
     */
    @Test
    void redispatchMovesEveryRetryOnWithRoundRobinButOnlyHurriesTheLastWithSource() throws Exception {
        assertEquals(List.of("ftp1 +0", "ftp2 +2", "ftp1 +4", "ftp2 +6"),
                syns(run(BOTH_REFUSE.formatted("round-robin"), "ftp1", "ftp2")), "each refusal takes 2 ms to come back");
        final List<String> source = syns(run(BOTH_REFUSE.formatted("source"), "ftp1", "ftp2"));
        final String host = source.get(0).split(" ")[0];
        assertEquals(List.of(host + " +0", host + " +1002", host + " +2004", host + " +2006"), source);
        final List<String> plain = syns(run(BOTH_REFUSE.formatted("source").replace("redispatch: true, ", ""),
                "ftp1", "ftp2"));
        assertEquals(List.of(host + " +0", host + " +1002", host + " +2004", host + " +3006"), plain,
                "without redispatch the last retry waits its second too");
    }

    private static final String ONE_SERVER_MAXCONN_1 = """
            name: haproxy-maxconn
            seed: 1
            stop: 100s
            hosts:
              client: { address: 198.51.100.10/24, gateway: 198.51.100.1 }
              ftp1: { address: 10.1.1.10/24, gateway: 10.1.1.1 }
            routers:
              lb: { interfaces: { front: 198.51.100.1/24, b1: 10.1.1.1/24 } }
            links:
              - { ends: [client, lb.front], bandwidth: 100Mbps, delay: 10ms }
              - { ends: [lb.b1, ftp1], bandwidth: 1Gbps, delay: 1ms }
            balancers:
              lb:
                profile: haproxy
                virtual: 203.0.113.100
                ports: [21, 30000-30100]
                backends: [{ address: 10.1.1.10, maxconn: 1 }]
                idle-timeout: 90s
                connect-timeout: 5s
            ftp:
              servers:
                - { host: ftp1, passive-ports: 30000-30100, pasv-address: 203.0.113.100, files: { /pub/file.bin: 300KB } }
              clients:
                - { host: client, server: 203.0.113.100, mode: passive, sessions: 2, arrivals: every 200ms,
                    script: [login anonymous, get /pub/file.bin] }
            """;

    @Test
    void beyondMaxconnAConnectionWaitsTheQueueTimeoutThenGetsAFin() throws Exception {
        final Run r = run(ONE_SERVER_MAXCONN_1, "client", "ftp1");
        assertEquals("control_lost", r.reason(1), "curl: (56) after 5.002 s");
        assertTrue(r.took(1) >= 5000 * MS && r.took(1) < 5100 * MS, "timeout queue = timeout connect: " + r.took(1));
        assertEquals(425, r.rows().stream().filter(x -> x.record().identity().session() == 0).findFirst().orElseThrow()
                .record().outcome().lastReplyCode(), "the first session's own data connection waited behind its control"
                + " connection: curl (19) RETR response: 425");
        assertTrue(r.took(0) > 60_000 * MS && r.took(0) < 61_000 * MS, r.took(0) + "");
        final List<Seen> dataFin = r.wire().seen.stream().filter(x -> x.host().equals("client") && !x.outgoing()
                && x.sport() >= 30000 && x.has(Packet.FIN)).toList();
        final Seen dataSyn = r.wire().seen.stream().filter(x -> x.host().equals("client") && x.outgoing()
                && x.dport() >= 30000 && x.syn()).findFirst().orElseThrow();
        final long queued = dataFin.get(0).at() - dataSyn.at();
        assertTrue(queued >= 5040 * MS && queued < 5041 * MS, "the FIN 5 s after the accept, the handshake's and the"
                + " FIN's 10 ms crossings besides: " + queued);
        assertFalse(r.wire().seen.stream().anyMatch(x -> x.host().equals("ftp1") && !x.outgoing() && x.syn()
                && x.dport() != 21), "no data connection reached ftp1");
        assertEquals(1, r.wire().seen.stream().filter(x -> x.host().equals("ftp1") && !x.outgoing() && x.syn()).count(),
                "only the first control connection reached ftp1");
    }
}
