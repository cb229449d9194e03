package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.balancer.Algorithm;
import dev.ftpsim.core.balancer.OnIdle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The balancers block: profile defaults, overrides, and every mistake at its line, column and key. */
class BalancerErrorsTest {
    @Test
    void aProfileGivesItsDefaultsAndWrittenKeysOverrideThem() throws Exception {
        final Scenario s = Fixture.load(Fixture.NET + """
                balancers:
                  fw:
                    profile: azure
                    virtual: 203.0.113.100
                    ports: [21, 30000-30100]
                    backends: [203.0.113.10, { address: 203.0.113.11, down: true }]
                    on-idle: reset
                """);
        final BalancerSpec b = s.balancers().get("fw");
        assertEquals("azure", b.profile());
        assertEquals(240_000_000_000L, b.config().idleTimeoutNanos());
        assertEquals(OnIdle.RESET, b.config().onIdle());
        assertEquals(Algorithm.HASH, b.config().algorithm());
        assertEquals(List.of(1), b.down());
        assertEquals(2, b.config().frontPorts().size());
    }

    /** HAProxy closes an idle connection with a FIN to the client (2.6.12 captured), not a reset to both ends. */
    @Test
    void haproxyClosesAndOnIdleCloseCanBeWritten() throws Exception {
        final String b = """
                balancers:
                  fw: { profile: %s, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10]%s }
                """;
        assertEquals(OnIdle.CLOSE, Fixture.load(Fixture.NET + b.formatted("haproxy", "")).balancers().get("fw")
                .config().onIdle());
        assertEquals(OnIdle.CLOSE, Fixture.load(Fixture.NET + b.formatted("lvs", ", on-idle: close")).balancers()
                .get("fw").config().onIdle());
        assertEquals(List.of("t.yaml:10:93: balancers.fw.on-idle: unknown idle behaviour 'fin'; expected one of drop,"
                + " reset, reset-on-next, close"), Fixture.errors(Fixture.NET + b.formatted("lvs", ", on-idle: fin")));
    }

    /**
     * HAProxy is a proxy: at its timeout it closes its two connections (FIN to the client, FIN and
     * reset to the server), whatever a NAT balancer's on-idle would say, and keepalive probes,
     * answered by its kernel, never reach it.
     */
    @Test
    void haproxyRefusesANatBalancersIdleBehaviour() {
        final String b = """
                balancers:
                  fw: { profile: haproxy, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10], %s }
                """;
        assertEquals(List.of("t.yaml:10:97: balancers.fw.on-idle: 'reset' is a NAT balancer's: haproxy is a proxy and"
                + " at its timeout closes both of its connections (on-idle: close)"),
                Fixture.errors(Fixture.NET + b.formatted("on-idle: reset")));
        assertEquals(List.of("t.yaml:10:105: balancers.fw.idle-needs-data: haproxy is a proxy: the kernel answers"
                + " keepalive probes and only data wakes it, so it cannot be false"),
                Fixture.errors(Fixture.NET + b.formatted("idle-needs-data: false")));
    }

    /** HAProxy listens on the router itself: a docker-proxy of the same router on one of its ports cannot also. */
    @Test
    void haproxysPortsMayNotBeARouterProxysToo() {
        final String net = Fixture.NET.replace("fw: { interfaces: {", "fw: { proxies: [{ listen: 30000-30009, to: 203.0.113.10:21 }], interfaces: {");
        assertEquals(List.of("t.yaml:10:84: balancers.fw.ports: port 30005 is also a proxy of routers.fw.proxies: haproxy"
                + " listens on its front ports itself, and one port takes one listener"), Fixture.errors(net + """
                balancers:
                  fw: { profile: haproxy, virtual: 203.0.113.100, backends: [203.0.113.10], ports: [21, 30005-30100] }
                """));
    }

    /** HAProxy's timeout connect belongs to a proxy: a NAT balancer opens no connection of its own. */
    @Test
    void connectTimeoutIsAProxysKey() throws Exception {
        final String b = """
                balancers:
                  fw: { profile: %s, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10], connect-timeout: 5s }
                """;
        assertEquals(5_000_000_000L, Fixture.load(Fixture.NET + b.formatted("haproxy")).balancers().get("fw")
                .connectTimeoutNanos());
        assertEquals(List.of("t.yaml:10:101: balancers.fw.connect-timeout: lvs rewrites the client's packets and connects"
                + " to no backend itself: only a proxy (haproxy) has a connect timeout"),
                Fixture.errors(Fixture.NET + b.formatted("lvs")));
    }

    @Test
    void everyMistakeIsReportedWhereItIsWritten() {
        assertEquals(List.of(
                "t.yaml:10:3: balancers.lbx: unknown router 'lbx': a balancer runs on a router of 'routers'",
                "t.yaml:12:14: balancers.fw.profile: unknown balancer profile 'azur' (did you mean 'azure'?); expected one of aws-nlb, aws-elb, azure, lvs, haproxy",
                "t.yaml:13:14: balancers.fw.virtual: bad IPv4 address '203.0.113': expected four dotted octets like 192.0.2.1",
                "t.yaml:14:13: balancers.fw.ports[0]: port range 30100-30000 is reversed: its start is above its end",
                "t.yaml:15:30: balancers.fw.backends[1]: backend 203.0.113.10 is listed twice",
                "t.yaml:16:16: balancers.fw.algorithm: unknown algorithm 'least-conn'; expected one of hash, round-robin, source, wlc, lc"),
                Fixture.errors(Fixture.NET + """
                balancers:
                  lbx: { profile: lvs }
                  fw:
                    profile: azur
                    virtual: 203.0.113
                    ports: [30100-30000]
                    backends: [203.0.113.10, 203.0.113.10]
                    algorithm: least-conn
                """));
    }

    /** Each of these left the scenario without its balancer, silently, and the run went on (exit 0). */
    @Test
    void aBalancerWithNothingToServeOrNoAddressIsAnError() {
        assertEquals(List.of(
                "t.yaml:12:14: balancers.fw.virtual: 0.0.0.0 is the unspecified address: clients cannot dial it",
                "t.yaml:13:12: balancers.fw.ports: no front ports: expected at least one port or port range, like"
                        + " [21, 30000-30100]",
                "t.yaml:14:15: balancers.fw.backends: no backends: expected at least one backend address"),
                Fixture.errors(Fixture.NET + """
                balancers:
                  fw:
                    profile: lvs
                    virtual: 0.0.0.0
                    ports: []
                    backends: []
                """));
        assertEquals(List.of("t.yaml:10:83: balancers.fw.backends[1]: 0.0.0.0 is the unspecified address: it cannot"
                + " be a backend"), Fixture.errors(Fixture.NET + """
                balancers:
                  fw: { profile: lvs, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10, 0.0.0.0] }
                """));
    }

    @Test
    void aRouterWithAFirewallCannotAlsoBalance() {
        assertEquals(List.of("t.yaml:12:3: balancers.fw: router 'fw' also has a firewall: put the balancer on a router"
                + " of its own (its rewriting would bypass the firewall's connection tracking)"),
                Fixture.errors(Fixture.NET + """
                firewall:
                  fw: { forward: { policy: accept } }
                balancers:
                  fw: { profile: lvs, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10] }
                """));
    }

    /** ipvsadm's own: wlc by default, the FTP helper (ip_vs_ftp, ports=21 unless told) and persistence (-p). */
    @Test
    void lvsTakesItsFtpHelperAndPersistence() throws Exception {
        final String b = """
                balancers:
                  fw: { profile: %s, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10]%s }
                """;
        final BalancerSpec plain = Fixture.load(Fixture.NET + b.formatted("lvs", "")).balancers().get("fw");
        assertEquals(Algorithm.WLC, plain.config().algorithm());
        assertEquals(List.of(), plain.config().lvs().ftpPorts());
        assertEquals(0, plain.config().lvs().persistenceNanos());
        final BalancerSpec both = Fixture.load(Fixture.NET + b.formatted("lvs", ", ftp-helper: true, persistence: 300s"))
                .balancers().get("fw");
        assertEquals(List.of(21), both.config().lvs().ftpPorts());
        assertEquals(300_000_000_000L, both.config().lvs().persistenceNanos());
        assertEquals(360_000_000_000L, Fixture.load(Fixture.NET + b.formatted("lvs", ", persistence: true")).balancers()
                .get("fw").config().lvs().persistenceNanos(), "ipvsadm -p without a timeout: IPVS_SVC_PERSISTENT_TIMEOUT");
        assertEquals(0, Fixture.load(Fixture.NET + b.formatted("lvs", ", persistence: false")).balancers()
                .get("fw").config().lvs().persistenceNanos());
        assertEquals(List.of(3, 1), Fixture.load(Fixture.NET + b.formatted("lvs", "").replace("[203.0.113.10]",
                "[{ address: 203.0.113.10, weight: 3 }, 203.0.113.11]")).balancers().get("fw").config().lvs().weights());
        assertEquals(List.of(21, 2121), Fixture.load(Fixture.NET + b.formatted("lvs", ", ftp-helper: [21, 2121]"))
                .balancers().get("fw").config().lvs().ftpPorts());
        assertEquals(List.of(), Fixture.load(Fixture.NET + b.formatted("lvs", ", ftp-helper: false")).balancers()
                .get("fw").config().lvs().ftpPorts());
        assertEquals(dev.ftpsim.core.balancer.BalancerConfig.Lvs.NONE, Fixture.load(Fixture.NET + b.formatted("azure", ""))
                .balancers().get("fw").config().lvs());
    }

    @Test
    void lvsKeysElsewhereOrWrongAreReportedWhereTheyAreWritten() {
        final String b = """
                balancers:
                  fw: { profile: %s, virtual: 203.0.113.100, ports: 21, backends: [203.0.113.10], %s }
                """;
        assertEquals(List.of("t.yaml:10:98: balancers.fw.ftp-helper: the IPVS FTP helper (ip_vs_ftp) is LVS's: only the lvs"
                + " profile has it"), Fixture.errors(Fixture.NET + b.formatted("azure", "ftp-helper: true")));
        assertEquals(List.of("t.yaml:10:101: balancers.fw.persistence: persistence templates (ipvsadm -p) are LVS's: only the"
                + " lvs profile has them; for client-IP affinity on aws-nlb write 'algorithm: source'"),
                Fixture.errors(Fixture.NET + b.formatted("aws-nlb", "persistence: 300s")));
        assertEquals(List.of("t.yaml:10:96: balancers.fw.ftp-helper: no ports: expected true, or the control ports the"
                + " helper watches, like [21]"), Fixture.errors(Fixture.NET + b.formatted("lvs", "ftp-helper: []")));
        assertEquals(List.of("t.yaml:10:101: balancers.fw.ftp-helper[1]: port 21 is listed twice"),
                Fixture.errors(Fixture.NET + b.formatted("lvs", "ftp-helper: [21, 21]")));
        assertEquals(1, Fixture.errors(Fixture.NET + b.formatted("lvs", "ftp-helper: [0]")).size());
        assertEquals(List.of("t.yaml:10:104: balancers.fw.backends[0].weight: weights (ipvsadm -w) are LVS's: only the lvs"
                + " profile has them"), Fixture.errors(Fixture.NET + b.formatted("azure",
                "algorithm: hash").replace("[203.0.113.10]", "[{ address: 203.0.113.10, weight: 2 }]")));
        assertEquals(1, Fixture.errors(Fixture.NET + b.formatted("lvs", "algorithm: wlc").replace("[203.0.113.10]",
                "[{ address: 203.0.113.10, weight: 65536 }]")).size());
        assertEquals(List.of("t.yaml:10:96: balancers.fw.ftp-helper: 9 ports: ip_vs_ftp takes at most 8"
                + " (IP_VS_APP_MAX_PORTS)"), Fixture.errors(Fixture.NET + b.formatted("lvs",
                "ftp-helper: [21, 22, 23, 24, 25, 26, 27, 28, 29]")));
        assertEquals(1, Fixture.errors(Fixture.NET + b.formatted("lvs", "ftp-helper: yes please")).size());
        assertEquals(1, Fixture.errors(Fixture.NET + b.formatted("lvs", "persistence: -5s")).size());
    }
}
