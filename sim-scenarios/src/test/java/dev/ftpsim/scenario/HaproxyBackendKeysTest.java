package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HAProxy's backend keys (health-check, redispatch, retries, maxconn, queue-timeout): their
 * defaults from configuration.txt of 2.6, and every misuse an error at its key.
 */
class HaproxyBackendKeysTest {
    private static final String B = """
            balancers:
              fw: { profile: %s, virtual: 203.0.113.100, ports: [21, 30000-30100], backends: [%s], %s }
            """;

    private static String lb(final String profile, final String backends, final String keys) {
        return Fixture.NET + B.formatted(profile, backends, keys);
    }

    @Test
    void healthChecksTakeHaproxysDefaults() throws Exception {
        final BalancerSpec.Haproxy h = Fixture.load(lb("haproxy", "203.0.113.10", "health-check: { port: 21 }"))
                .balancers().get("fw").haproxy();
        assertEquals(new BalancerSpec.HealthCheck(21, 2_000_000_000L, 0, 0, 2, 3), h.check(),
                "inter 2000 ms, rise 2, fall 3 (configuration.txt, 5.2)");
        assertEquals(3, h.retries(), "retries: 3 by default");
        assertEquals(false, h.redispatch());
        assertEquals(0, h.maxconn(0), "maxconn: 0, unlimited");
    }

    @Test
    void withoutTheKeyNoServerIsChecked() throws Exception {
        assertNull(Fixture.load(lb("haproxy", "203.0.113.10", "retries: 1")).balancers().get("fw").haproxy().check());
    }

    @Test
    void theQueueWaitsAsLongAsAConnectUnlessItsOwnTimeoutIsWritten() throws Exception {
        final String backends = "{ address: 203.0.113.10, maxconn: 2 }";
        assertEquals(5_000_000_000L, Fixture.load(lb("haproxy", backends, "connect-timeout: 5s")).balancers().get("fw")
                .haproxy().queueTimeoutNanos(), "timeout queue: 'the same value as the backend's connection timeout'");
        final BalancerSpec.Haproxy h = Fixture.load(lb("haproxy", backends, "connect-timeout: 5s, queue-timeout: 30s"))
                .balancers().get("fw").haproxy();
        assertEquals(30_000_000_000L, h.queueTimeoutNanos());
        assertEquals(2, h.maxconn(0));
    }

    /** HAProxy 2.6.12: "server 's1' has neither service port nor check port" for 'server s1 10.1.1.10 check'. */
    @Test
    void aCheckNeedsItsPort() {
        assertEquals(List.of("t.yaml:10:117: balancers.fw.health-check: missing key 'port': expected the port HAProxy"
                + " checks, like 21 ('check port 21')"),
                Fixture.errors(lb("haproxy", "203.0.113.10", "health-check: { interval: 1s }")));
    }

    @Test
    void everyMisuseIsAnErrorAtItsKey() {
        assertEquals(List.of("t.yaml:10:139: balancers.fw.health-check.interval: 0 would check without pause: give a"
                + " duration above 0, like 2s"), Fixture.errors(lb("haproxy", "203.0.113.10",
                "health-check: { port: 21, interval: 0 }")));
        assertEquals(List.of("t.yaml:10:135: balancers.fw.health-check.rise: 0 is out of range: expected a count from 1 to 1000"),
                Fixture.errors(lb("haproxy", "203.0.113.10", "health-check: { port: 21, rise: 0 }")));
        assertEquals(List.of("t.yaml:10:119: balancers.fw.health-check.timeout: unknown key 'timeout'; expected one of"
                + " port, interval, fast-interval, down-interval, rise, fall, expect"),
                Fixture.errors(lb("haproxy", "203.0.113.10", "health-check: { timeout: 1s, port: 21 }")));
        assertEquals(List.of("t.yaml:10:137: balancers.fw.health-check.expect: expected 1 to 256 printable ASCII"
                + " characters, like \"220\" (tcp-check expect string 220)"), Fixture.errors(lb("haproxy", "203.0.113.10",
                "health-check: { port: 21, expect: \"\" }")));
        assertEquals(List.of("t.yaml:10:118: balancers.fw.queue-timeout: no backend has a maxconn, so no connection"
                + " ever waits in the queue: give a backend one, like {address: 10.1.1.10, maxconn: 50}"),
                Fixture.errors(lb("haproxy", "203.0.113.10", "queue-timeout: 10s")));
        assertEquals(List.of("t.yaml:10:112: balancers.fw.retries: -1 is out of range: expected a number of retries from 0 to 100"),
                Fixture.errors(lb("haproxy", "203.0.113.10", "retries: -1")));
    }

    @Test
    void theyAreHaproxysOnly() {
        assertEquals(List.of("t.yaml:10:111: balancers.fw.redispatch: 'redispatch' is HAProxy's (option redispatch): only"
                + " the haproxy profile has it"), Fixture.errors(lb("lvs", "203.0.113.10", "redispatch: true")));
        assertEquals(List.of("t.yaml:10:117: balancers.fw.health-check: 'health-check' is HAProxy's (check): only the"
                + " haproxy profile has it"), Fixture.errors(lb("aws-nlb", "203.0.113.10", "health-check: { port: 21 }")));
        assertEquals(List.of("t.yaml:10:120: balancers.fw.backends[0].maxconn: maxconn is HAProxy's (on its server"
                + " line): only the haproxy profile has it"), Fixture.errors(lb("azure",
                "{ address: 203.0.113.10, maxconn: 5 }", "idle-timeout: 5m")));
    }
}
