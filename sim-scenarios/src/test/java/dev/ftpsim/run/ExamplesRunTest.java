package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example scenario runs, and shows what its comment says it shows. */
class ExamplesRunTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /** File, then "ok" (every session succeeds) or the one failure reason every session has. */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("active-client-fw", "425 data connection failed"),
                Arguments.of("active-client-masquerade", "data setup refused"),
                Arguments.of("active-client-masquerade-helper", "ok"),
                Arguments.of("active-stateful-server-fw", "ok"),
                Arguments.of("active-stateless-server-filter", "ok"),
                Arguments.of("active-stateless-ephemeral-source", "425 data connection failed"),
                Arguments.of("ftps-through-helper", "data connect timed out"),
                Arguments.of("ftps-ccc-through-helper", "ok"),
                Arguments.of("expectation-table-full", "ok"),
                Arguments.of("kernel-helper-by-port", "data connect timed out"),
                Arguments.of("kernel-syn-schedule", "data connect timed out"),
                Arguments.of("kernel-syn-sent-renewal", "data connect timed out"),
                Arguments.of("long-transfer-trap", "control connection lost"),
                Arguments.of("long-transfer-trap-keepalive", "ok"),
                Arguments.of("long-transfer-trap-tcp-keepalive", "ok"),
                Arguments.of("nft-ruleset", "ok"),
                Arguments.of("passive-client-fw", "ok"),
                Arguments.of("passive-client-fw-port21-only", "data connect timed out"),
                Arguments.of("passive-server-dnat", "data connect timed out"),
                Arguments.of("passive-server-dnat-helper", "ok"),
                Arguments.of("passive-server-dnat-pasv-address", "ok"),
                Arguments.of("passive-stateful-server-fw", "data connect timed out"),
                Arguments.of("passive-stateful-server-fw-helper", "ok"),
                Arguments.of("passive-stateless-server-filter", "ok"),
                Arguments.of("passive-stateless-exposes-high-ports", "ok"),
                Arguments.of("scale-5000-clients", "ok"),
                Arguments.of("sweep-mode-x-loss", "ok"),
                Arguments.of("passive-curl-epsv-then-pasv", "data connect timed out"),
                Arguments.of("curl-connect-timeout", "data connect timed out"),
                Arguments.of("curl-max-time", "timed out (max-time)"),
                Arguments.of("filezilla-mode-fallback", "ok"),
                Arguments.of("filezilla-data-connect-timeout", "data connect timed out"),
                Arguments.of("filezilla-accept-timeout", "425 data connection failed"),
                Arguments.of("filezilla-tls-if-available", "data connect timed out"),
                Arguments.of("active-port-promiscuous", "425 data connection failed"),
                Arguments.of("accounts", "ok"),
                Arguments.of("passive-balancer-source-affinity", "ok"),
                Arguments.of("haproxy-ftp-passive", "data connection reached a backend that did not announce it"),
                Arguments.of("lvs-passive-ftp-helper", "ok"),
                Arguments.of("lvs-passive-no-helper", "data connect unreachable"),
                Arguments.of("lvs-passive-persistence", "ok"),
                Arguments.of("azure-idle-long-transfer", "no reply after the transfer"),
                Arguments.of("azure-idle-long-transfer-keepalive", "ok"),
                Arguments.of("fw4-home-router", "ok"),
                Arguments.of("firewalld-ftp-server", "ok"),
                Arguments.of("iptables-gateway-ct-helper", "ok"),
                Arguments.of("docker-publish-ftp", "ok"),
                Arguments.of("docker-publish-ftp-remapped", "data connect refused"),
                Arguments.of("docker-no-userland-proxy", "ok"),
                Arguments.of("office-lan-switch", "ok"),
                Arguments.of("ipv6-client-inet-fw-helper", "ok"),
                Arguments.of("ipv6-client-inet-fw", "425 data connection failed"));
    }

    private static RunSummary run(final String name) throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve(name + ".yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        return Results.summarize(s.name(), s.seed(), o.rows(), o.firewalls());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void theExampleShowsWhatItsCommentSays(final String name, final String expected) throws Exception {
        assertTrue(Files.readString(EXAMPLES.resolve(name + ".yaml")).contains("Expected"), "documented");
        final RunSummary r = run(name);
        assertTrue(r.sessions() > 0);
        if (expected.equals("ok")) {
            assertEquals(r.sessions(), r.succeeded(), r.failuresByReason().toString());
        } else {
            assertEquals(Map.of(expected, r.sessions()), r.failuresByReason());
        }
    }

    @org.junit.jupiter.api.Test
    void withThePassiveRangeForwardedOnlyTheClientThatTrusts227Fails() throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve("passive-server-dnat-range.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final Map<String, String> reasons = new java.util.TreeMap<>();
        o.rows().forEach(r -> reasons.put(r.record().identity().client(),
                r.record().ok() ? "ok" : r.record().reasonText()));
        assertEquals(Map.of("truster", "data connect timed out", "ignorer", "ok", "epsv", "ok"), reasons);
    }

    @org.junit.jupiter.api.Test
    void droppingTheInternalPortFirstKeepsPassiveFtpAndShutsOutTheOutsider() throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve("passive-stateless-guarded-high-ports.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final Map<String, Results.Row> byClient = new java.util.HashMap<>();
        o.rows().forEach(r -> byClient.put(r.record().identity().client(), r));
        assertTrue(byClient.get("client").record().ok(), byClient.get("client").record().reasonText());
        assertEquals("control connect timed out", byClient.get("outsider").record().reasonText());
        assertEquals(11, o.firewalls().get("fw").drops().get("forward rule 1: ip daddr 203.0.113.10 tcp dport 8021 drop"),
                "the SYN and its ten retries (tcp_syn_retries 6 + tcp_syn_linear_timeouts 4)");
    }

    @org.junit.jupiter.api.Test
    void theTrapShowsInTheTimeSeriesAsTheControlConnectionsNatMappingVanishingMidTransfer() throws Exception {
        for (final String name : List.of("long-transfer-trap", "long-transfer-trap-keepalive",
                "long-transfer-trap-tcp-keepalive")) {
            final Scenario s = ScenarioLoader.load(EXAMPLES.resolve(name + ".yaml"));
            final List<String> rows = ScenarioRunner.run(s, s.seed(), null).timeseries().csv().lines().toList();
            assertEquals("time_s,conntrack_fw,expectations_fw,nat_fw,expired_fw,sessions_finished", rows.get(0));
            // Seconds 1-15: the download runs (about 17 s). Both mappings, control and data, should be there.
            final List<Integer> nat = rows.subList(2, 16).stream().map(r -> Integer.parseInt(r.split(",")[3])).toList();
            if (name.endsWith("keepalive")) {
                assertTrue(nat.stream().allMatch(n -> n == 2), name + ": " + nat);
            } else {
                assertEquals(2, (int) nat.get(0), name + ": " + nat);
                assertEquals(1, (int) nat.get(nat.size() - 1), name + ": the control mapping expired: " + nat);
                // The plot marks the expiry from this column: conntrack counted it by then.
                assertTrue(Integer.parseInt(rows.get(16).split(",")[4]) > 0, name + ": " + rows.get(16));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theHelperReadsNothingUnderTlsAndExpectsTheDataConnectionAfterCcc() throws Exception {
        for (final String name : List.of("ftps-through-helper", "ftps-ccc-through-helper", "filezilla-tls-if-available")) {
            final Scenario s = ScenarioLoader.load(EXAMPLES.resolve(name + ".yaml"));
            final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
            final var stats = o.firewalls().get("fw").conntrack().stats();
            final int expected = name.startsWith("ftps-ccc") ? 1 : 0;
            assertEquals(expected, stats.expectCreated, name);
            assertEquals(expected, stats.expectUsed, name);
        }
    }

    @org.junit.jupiter.api.Test
    void aConnectionStormFillsTheTableAndLaterSessionsTimeOut() throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve("conntrack-storm.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final RunSummary r = Results.summarize(s.name(), s.seed(), o.rows(), o.firewalls());
        assertTrue(r.succeeded() > 0, "early sessions succeed");
        assertTrue(r.failuresByReason().getOrDefault("control connect timed out", 0) > 0, r.failuresByReason().toString());
        final int max = o.firewalls().get("fw").conntrack().config().max();
        assertEquals(max, r.conntrackPeak().get("fw"));
        assertTrue(o.firewalls().get("fw").conntrack().stats().tableFull > 0);
        final List<String> series = o.timeseries().csv().lines().toList();
        assertTrue(series.stream().skip(1).anyMatch(l -> l.split(",")[1].equals(String.valueOf(max))),
                "the occupancy time series reaches the maximum");
    }

    @org.junit.jupiter.api.Test
    void aJobOnTheDockerHostReachesVsftpdThroughDockerProxyAndGets425() throws Exception {
        final Scenario s = ScenarioLoader.load(EXAMPLES.resolve("docker-proxy-localhost.yaml"));
        final ScenarioRunner.Outcome o = ScenarioRunner.run(s, s.seed(), null);
        final Map<String, String> reasons = new java.util.TreeMap<>();
        o.rows().forEach(r -> reasons.merge(r.record().identity().client(),
                r.record().ok() ? "ok" : r.record().reasonText() + " (" + r.record().outcome().lastReplyCode() + ")",
                (a, b) -> a.equals(b) ? a : a + " / " + b));
        assertEquals(Map.of("client", "ok", "docker-host", "425 data connection failed (425)"), reasons);
    }

    @org.junit.jupiter.api.Test
    void aForeignDataAddressGets425UnlessTheServerIsPasvPromiscuous() throws Exception {
        final RunSummary r = run("passive-foreign-data-address");
        assertEquals(2, r.succeeded());
        assertEquals(Map.of("425 data connection failed", 2), r.failuresByReason());
    }

    @org.junit.jupiter.api.Test
    void anExhaustedPassiveRangeEndsVsftpdSessionsAndSendsProftpdOnesOutsideIt() throws Exception {
        final RunSummary r = run("passive-range-exhausted");
        assertEquals(4, r.succeeded());
        assertEquals(Map.of("data setup refused", 6, "data connect timed out", 6), r.failuresByReason());
    }
}
