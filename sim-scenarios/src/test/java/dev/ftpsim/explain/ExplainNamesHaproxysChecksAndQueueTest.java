package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain's chain behind HAProxy: a server a check marked down is named with HAProxy's own log
 * line; the checks a dead server refused are counted as checks, not as connections that "reached
 * this box instead of the one behind it"; connections closed in the maxconn queue are named as
 * the cause, and raising maxconn is tried.
 */
class ExplainNamesHaproxysChecksAndQueueTest {
    private static PopulationVerdict explain(final Path file) throws Exception {
        final Explainer e = Explainer.of(file);
        return e.explain(e.scenario().seed()).populations().get(0);
    }

    @Test
    void theDeadServersMarkAndItsRefusedChecksAreNamed() throws Exception {
        final List<String> chain = explain(Path.of("..", "examples", "haproxy-health-checks.yaml")).chain();
        final String text = String.join("\n", chain);
        assertTrue(chain.contains("at 1.002 s, while the session ran, lb's health check marked server 10.1.2.10 down;"
                + " HAProxy's log: Server lb/10.1.2.10 is DOWN, reason: Layer4 connection problem, info: \"Connection"
                + " refused\", check duration: 2ms. 1 active and 0 backup servers left. 1 sessions active, 0 requeued,"
                + " 0 remaining in queue."), text);
        // 54 segments found no socket at ftp2: 50 checks (1 s, 3 s, ... 99 s) and HAProxy's data
        // connect with its 3 retries
        assertTrue(chain.contains("ftp2.eth0 refused 50 of lb's health checks in the run (nothing listens on the checked"
                + " port there); 4 other TCP segments found no socket there: connections lb sent to that server,"
                + " refused as its checks were"), text);
        assertFalse(text.contains("instead of the one behind it"), text);
    }

    @Test
    void checksNoOneAnsweredAreCountedWithTheirSyns(@TempDir final Path dir) throws Exception {
        // the second server's address holds no host: no SYN-ACK, no reset
        final Path file = dir.resolve("silent.yaml");
        Files.writeString(file, Files.readString(Path.of("..", "examples", "haproxy-health-checks.yaml"))
                .replace("backends: [10.1.1.10, 10.1.2.10]", "backends: [10.1.1.10, 10.1.2.99]"));
        final List<String> chain = explain(file).chain();
        // each check gives up after inter, 2 s, having sent its SYN and the retransmission at 1 s;
        // then down-interval (inter) after it ended: at 1, 5, ... 97 s
        assertTrue(chain.contains("lb's health checks of 10.1.2.99 went unanswered 25 times in the run (50 SYNs,"
                + " retransmissions included): they are among the packets lost below, or the server dropped them"
                + " silently"), String.join("\n", chain));
        assertTrue(chain.stream().anyMatch(l -> l.contains("is DOWN, reason: Layer4 timeout, check duration: 2000ms.")),
                String.join("\n", chain));
    }

    @Test
    void aSessionClosedInTheQueueNamesItAndMaxconnIsRaised(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("queue.yaml");
        // one server with maxconn 1: a session's data connection waits behind its own control
        // connection until timeout queue (= timeout connect, 5 s) closes it
        Files.writeString(file, """
                name: haproxy-queue
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
                    connect-timeout: 5s
                ftp:
                  servers:
                    - { host: ftp1, passive-ports: 30000-30100, pasv-address: 203.0.113.100, files: { /f: 10KB } }
                  clients:
                    - { host: client, server: 203.0.113.100, mode: passive, sessions: 2, arrivals: every 5s,
                        script: [login anonymous, get /f] }
                """);
        final PopulationVerdict v = explain(file);
        final String text = String.join("\n", v.chain());
        assertTrue(text.contains("lb closed 2 of the 2 connections that waited in its queue (every server up held its"
                + " maxconn) when timeout queue passed"), text);
        final FixTrial doubled = v.fixes().stream().filter(f -> f.fix().equals("double maxconn at HAProxy on lb"))
                .findFirst().orElseThrow(() -> new AssertionError(v.fixes().toString()));
        assertEquals("balancers.lb.backends[0].maxconn", doubled.edits().get(0).path());
        assertTrue(doubled.works(), doubled.toString());
        assertTrue(doubled.why().contains("each session needs two of a server's slots"), doubled.why());
    }
}
