package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code haproxy} balancer profile is a terminating proxy, as HAProxy 2.6.12 in {@code mode
 * tcp} is: measured with {@code balance roundrobin}, {@code timeout client/server 90s} and no
 * {@code timeout connect}, in front of two vsftpd 3.0.3 (pasv_address the virtual address, ports
 * 30000-30100), curl 7.88 as client, tshark on every interface of HAProxy's namespace. Each curl
 * session's control connection went to the first server and its passive data connection to the
 * second, which refused: HAProxy sent SYNs from its own address (10.1.2.1) at 0, 1.002, 2.004 and
 * 3.007 s, each answered [R.], then sent the client [F.] (the client's connect had succeeded);
 * vsftpd on the first server logged 'CONNECT: Client "10.1.1.1"' and answered RETR "425 Failed to
 * establish connection." after 60 s; curl: "(19) RETR response: 425" after 60.07 s. With both
 * servers {@code disabled}: SYN, SYN-ACK, ACK, then [F.] from HAProxy 0.4 ms later; curl: "(56)
 * response reading failed".
 */
class HaproxyRelaysAsAProxyNotANatTest {
    private static final long MS = 1_000_000L;
    private static final int CLIENT = Ipv4.parse("198.51.100.10");
    private static final int VIP = Ipv4.parse("203.0.113.100");

    /** A segment seen on a host's interface. */
    record Seen(String host, boolean outgoing, int src, int sport, int dst, int dport, int flags, long at) {
        boolean syn() {
            return (flags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
        }
    }

    /** Taps every host's interface, as tcpdump on each would. */
    static final class Wire implements Recorder {
        final List<Seen> seen = new ArrayList<>();

        @Override
        public void wired(final NetworkBuilder net) {
            for (final String h : List.of("client", "ftp1", "ftp2")) {
                net.node(h).interfaces().get(0).addTap((i, out, p, t) -> {
                    if (p.protocol == Packet.PROTO_TCP) {
                        seen.add(new Seen(h, out, p.src, p.sport, p.dst, p.dport, p.flags, t));
                    }
                });
            }
        }
    }

    record Run(List<Results.Row> rows, Wire wire) {}

    private static Run run(final String text) throws Exception {
        final Scenario s = ScenarioLoader.parse(text, "haproxy-ftp-passive.yaml", Path.of("..", "examples"));
        final Wire wire = new Wire();
        final List<Results.Row> rows = new ArrayList<>();
        new Simulation(s, s.seed(), FirewallBuilder.of(HelperRegistry.standard()), ProbeRegistry.standard(),
                List.of(wire)).run(null, RunSink.sessions(rows::add));
        return new Run(rows, wire);
    }

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "examples", "haproxy-ftp-passive.yaml"));
    }

    @Test
    void theServersSeeTheProxysAddressNeverTheClients() throws Exception {
        final Run r = run(example());
        final List<Seen> arriving = r.wire().seen.stream().filter(x -> !x.host().equals("client") && !x.outgoing())
                .toList();
        assertTrue(arriving.size() > 10, "the servers received the sessions' segments");
        for (final Seen x : arriving) {
            assertEquals(x.host().equals("ftp1") ? Ipv4.parse("10.1.1.1") : Ipv4.parse("10.1.2.1"), x.src(),
                    "HAProxy's address toward " + x.host() + ", as vsftpd logged 'CONNECT: Client \"10.1.1.1\"'");
        }
    }

    @Test
    void aRefusedDataConnectIsTriedFourTimesASecondApartThenTheClientGetsAFin() throws Exception {
        final Run r = run(example());
        final List<Seen> toFtp2 = r.wire().seen.stream()
                .filter(x -> x.host().equals("ftp2") && !x.outgoing() && x.syn() && x.at() < 60_000 * MS).toList();
        assertEquals(4, toFtp2.size(), "one connect and three retries (HAProxy's retries 3): " + toFtp2);
        for (int i = 1; i < 4; i++) {
            final long gap = toFtp2.get(i).at() - toFtp2.get(i - 1).at();
            assertTrue(gap >= 1000 * MS && gap < 1010 * MS, "a second after the refusal, not at once: " + gap);
            assertEquals(toFtp2.get(0).dport(), toFtp2.get(i).dport(), "the same server and port each time");
        }
        final Seen dataSyn = r.wire().seen.stream()
                .filter(x -> x.host().equals("client") && x.outgoing() && x.syn() && x.dport() != 21).findFirst()
                .orElseThrow();
        final List<Seen> toClient = r.wire().seen.stream().filter(x -> x.host().equals("client") && !x.outgoing()
                && x.src() == VIP && x.sport() == dataSyn.dport() && x.dport() == dataSyn.sport()).toList();
        assertTrue(toClient.stream().anyMatch(x -> (x.flags() & (Packet.SYN | Packet.ACK)) == (Packet.SYN | Packet.ACK)),
                "the client's data connect was accepted at once");
        assertTrue(toClient.stream().noneMatch(x -> (x.flags() & Packet.RST) != 0), "never refused: " + toClient);
        final Seen fin = toClient.stream().filter(x -> (x.flags() & Packet.FIN) != 0).findFirst().orElseThrow();
        final long after = fin.at() - dataSyn.at();
        assertTrue(after > 3000 * MS && after < 3100 * MS, "the FIN after the last retry (3.006 s measured): " + after);
    }

    @Test
    void theClientWaitsOutVsftpdsAcceptTimeoutAndGets425() throws Exception {
        final Run r = run(example());
        assertEquals(2, r.rows().size());
        for (final Results.Row row : r.rows()) {
            assertEquals("data_connect_wrong_backend", row.record().reasonCode());
            assertEquals(425, row.record().outcome().lastReplyCode(), "vsftpd's answer to RETR");
            assertNotEquals(FailReason.REFUSED, row.record().outcome().cause(), "HAProxy accepted the data connection");
            final long took = row.record().timings().end() - row.record().timings().start();
            assertTrue(took > 60_000 * MS && took < 61_000 * MS, "vsftpd's accept_timeout of 60 s (curl: 60.07 s): " + took);
        }
    }

    @Test
    void withEveryServerDownTheConnectionIsAcceptedAndClosedAtOnce() throws Exception {
        final Run r = run(example().replace("backends: [10.1.1.10, 10.1.2.10]",
                "backends: [{ address: 10.1.1.10, down: true }, { address: 10.1.2.10, down: true }]"));
        for (final Results.Row row : r.rows()) {
            assertEquals("control_lost", row.record().reasonCode(), "curl: (56) response reading failed");
        }
        final List<Seen> toClient = r.wire().seen.stream().filter(x -> x.host().equals("client") && !x.outgoing())
                .toList();
        assertTrue(toClient.stream().noneMatch(x -> (x.flags() & Packet.RST) != 0), "no refusal: " + toClient);
        final Seen synAck = toClient.stream().filter(x -> (x.flags() & Packet.SYN) != 0).findFirst().orElseThrow();
        final Seen fin = toClient.stream().filter(x -> (x.flags() & Packet.FIN) != 0).findFirst().orElseThrow();
        final long after = fin.at() - synAck.at();
        assertTrue(after >= 20 * MS && after < 21 * MS, "the FIN as soon as the client's ACK arrived (one round trip): "
                + after);
        assertTrue(r.wire().seen.stream().noneMatch(x -> !x.host().equals("client")), "no server saw a packet");
    }

    @Test
    void atTheIdleTimeoutTheClientGetsAFinAndTheServerAFinThenAReset() throws Exception {
        final Run r = run(example().replace("idle-timeout: 90s", "idle-timeout: 10s"));
        for (final Results.Row row : r.rows()) {
            assertEquals("control_lost", row.record().reasonCode());
        }
        final Seen lastRequest = r.wire().seen.stream()
                .filter(x -> x.host().equals("ftp1") && !x.outgoing() && x.dport() == 21 && x.at() < 60_000 * MS)
                .filter(x -> (x.flags() & (Packet.FIN | Packet.RST)) == 0).reduce((a, b) -> b).orElseThrow();
        final List<Seen> closing = r.wire().seen.stream().filter(x -> x.host().equals("ftp1") && !x.outgoing()
                && x.at() < 60_000 * MS && (x.flags() & (Packet.FIN | Packet.RST)) != 0).toList();
        assertTrue(closing.size() >= 2, closing.toString());
        assertEquals(Packet.FIN | Packet.ACK, closing.get(0).flags() & (Packet.FIN | Packet.ACK | Packet.RST), "[F.] first");
        assertTrue((closing.get(1).flags() & Packet.RST) != 0, "then [R.]");
        assertTrue(closing.get(0).at() - lastRequest.at() >= 10_000 * MS, "not before the timeout");
        assertTrue(r.wire().seen.stream().anyMatch(x -> x.host().equals("client") && !x.outgoing() && x.sport() == 21
                && (x.flags() & Packet.FIN) != 0 && (x.flags() & Packet.RST) == 0), "the client got a FIN");
    }

    /** What an application on one end reads: its text, its EOF or failure. */
    private static final class Ends implements dev.ftpsim.core.tcp.TcpHandler {
        final List<String> events = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        @Override
        public void received(final dev.ftpsim.core.tcp.TcpConnection conn, final byte[] data) {
            text.append(new String(data, java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void peerClosed(final dev.ftpsim.core.tcp.TcpConnection conn) {
            events.add("EOF");
        }

        @Override
        public void failed(final dev.ftpsim.core.tcp.TcpConnection conn, final FailReason reason) {
            events.add("failed " + reason.text());
        }
    }

    /**
     * HAProxy 2.6.12 with a Python server on 2121 behind it, captured on both sides: a client
     * closing with SO_LINGER 0 was followed at once by [R.] to the server (docker-proxy sends a
     * FIN there); a server sending "bye\n" then closing with SO_LINGER 0 left the client with
     * "bye\n" and a FIN.
     */
    @Test
    void aClientsResetReachesTheServerAsAResetAndAServersAsAFin() {
        final long s = 1_000_000_000L;
        final UserlandProxy.Dial haproxy = new UserlandProxy.Dial(Ipv4.parse("10.0.2.2"), 21, Balancers.HAPROXY_RETRIES,
                Balancers.HAPROXY_RETRY_DELAY, 0, 0, true, null);
        final DockerHostNet n = new DockerHostNet(100_000_000, 100_000_000, haproxy);
        final Ends server = new Ends();
        n.container.listen(21, c -> server);
        final dev.ftpsim.core.tcp.TcpConnection c = n.client.connect(Ipv4.parse("10.0.1.1"), 21,
                new dev.ftpsim.core.tcp.TcpHandler() { });
        n.sim.runUntil(s);
        c.abort();
        n.sim.runUntil(2 * s);
        assertEquals(List.of("failed reset"), server.events, "the client's reset passed on as a reset");

        final DockerHostNet m = new DockerHostNet(100_000_000, 100_000_000, haproxy);
        m.container.listen(21, x -> new dev.ftpsim.core.tcp.TcpHandler() {
            @Override
            public void connected(final dev.ftpsim.core.tcp.TcpConnection conn) {
                conn.send("bye\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                m.sim.schedule(s / 5, conn::abort);
            }
        });
        final Ends client = new Ends();
        m.client.connect(Ipv4.parse("10.0.1.1"), 21, client);
        m.sim.runUntil(2 * s);
        assertEquals("bye\n", client.text.toString());
        assertEquals(List.of("EOF"), client.events, "the server's reset passed on as a FIN");
    }

    /** When the client's side of a connection through {@code dial}'s proxy ended, and the SYNs the backend got. */
    private static long[] closedAfter(final UserlandProxy.Dial dial, final boolean dropSyns) {
        final DockerHostNet n = new DockerHostNet(100_000_000, 100_000_000, dial);
        final java.util.Set<Integer> synPorts = new java.util.TreeSet<>();
        n.container.node().hooks().register(dev.ftpsim.core.net.Hook.PREROUTING, 0, (hook, p, in, out) -> {
            if ((p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN) {
                synPorts.add(p.sport);
            }
            return dropSyns ? dev.ftpsim.core.net.Verdict.DROP : dev.ftpsim.core.net.Verdict.ACCEPT;
        });
        final long[] eof = {-1};
        n.client.connect(Ipv4.parse("10.0.1.1"), 21, new dev.ftpsim.core.tcp.TcpHandler() {
            @Override
            public void peerClosed(final dev.ftpsim.core.tcp.TcpConnection conn) {
                eof[0] = n.sim.now();
            }
        });
        n.sim.runUntil(60_000 * MS);
        return new long[] {eof[0], synPorts.size()};
    }

    /**
     * HAProxy 2.6.12, {@code timeout connect 2s}, in front of a server whose firewall dropped SYNs:
     * new connects (new source ports) at 0, 2.002, 4.003 and 6.005 s, each SYN sent again once in
     * its 2 s, then the client's FIN at 8.006 s; a refusing server with {@code timeout connect
     * 300ms}: the client's FIN after 0.905 s (the turn-around timer is min(timeout connect, 1 s)).
     */
    @Test
    void aConnectTimeoutGivesUpASilentServerAndShortensTheWaitAfterARefusal() {
        final long timeout = 2000 * MS;
        final long[] silent = closedAfter(new UserlandProxy.Dial(Ipv4.parse("10.0.2.2"), 21,
                Balancers.HAPROXY_RETRIES, Balancers.haproxyRetryDelay(timeout), timeout, 0, true, null), true);
        assertEquals(4, silent[1], "four connects, each from a port of its own");
        assertTrue(silent[0] >= 8000 * MS && silent[0] < 8010 * MS, "the FIN after four timeouts in a row: " + silent[0]);
        final long[] refusing = closedAfter(new UserlandProxy.Dial(Ipv4.parse("10.0.2.2"), 21,
                Balancers.HAPROXY_RETRIES, Balancers.haproxyRetryDelay(300 * MS), 300 * MS, 0, true, null), false);
        assertEquals(4, refusing[1]);
        assertTrue(refusing[0] >= 900 * MS && refusing[0] < 920 * MS, "three waits of 300 ms: " + refusing[0]);
    }
}
