package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.FTP;
import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static dev.ftpsim.scenario.Fixture.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.EarlyDropScan;
import dev.ftpsim.core.tcp.TcpConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kernel:} on hosts and routers, and the conntrack sizes derived as the kernel derives them. */
class AKernelVersionSetsTheDefaultsThatChangedTest {
    private static final String ROUTER = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }";

    private static Scenario withRouter(final String router, final String firewall) throws ScenarioException {
        return load(NET.replace(ROUTER, router) + FTP + firewall);
    }

    @Test
    void aHostOnAKernelBefore65SendsItsSynsOnTheDoublingSchedule() throws Exception {
        final Scenario s = load(NET.replace("client: { address: 198.51.100.10/24 }",
                "client: { address: 198.51.100.10/24, kernel: 4.19 }") + FTP);
        final TcpConfig c = s.tcp().get("client").config();
        assertEquals(0, c.synLinearTimeouts());
        assertEquals(127_000_000_000L, c.synGiveUpNanos());
        assertEquals(131_000_000_000L, TcpConfig.linux().synGiveUpNanos(), "6.12, the default");
    }

    @Test
    void aTcpKeyWinsOverTheKernelsDefault() throws Exception {
        final Scenario s = load(NET.replace("client: { address: 198.51.100.10/24 }",
                "client: { address: 198.51.100.10/24, kernel: 6.1, tcp: { syn-linear-timeouts: 2, retries2: 8,"
                        + " keepalive-time: 60s, keepalive-probes: 3 } }") + FTP);
        final TcpConfig c = s.tcp().get("client").config();
        assertEquals(2, c.synLinearTimeouts());
        assertEquals(8, c.retries2());
        assertEquals(60_000_000_000L, c.keepaliveIdleNanos());
        assertEquals(75_000_000_000L, c.keepaliveIntervalNanos());
        assertEquals(3, c.keepaliveProbes());
    }

    @Test
    void aRouterBefore47AssignsALoadedFtpHelperToPort21ByItself() throws Exception {
        final String fw = "firewall:\n  fw: { conntrack: { helpers: [ftp] } }\n";
        final String old = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 4.4 }";
        assertEquals(List.of(21), withRouter(old, fw).firewalls().get("fw").conntrack().autoHelperPorts());
        assertEquals(List.of(), withRouter(ROUTER, fw).firewalls().get("fw").conntrack().autoHelperPorts());
        final String k49 = old.replace("4.4", "4.9");
        assertEquals(List.of(), withRouter(k49, fw).firewalls().get("fw").conntrack().autoHelperPorts());
    }

    @Test
    void aRouterBefore410HasNoGcEarlyDropOfClosingEntries() throws Exception {
        final String fw = "firewall:\n  fw: { conntrack: { max: 100 } }\n";
        final String k49 = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 4.9 }";
        assertEquals(false, withRouter(k49, fw).firewalls().get("fw").conntrack().config().gcEarlyDrop());
        final String k414 = k49.replace("4.9", "4.14");
        assertEquals(true, withRouter(k414, fw).firewalls().get("fw").conntrack().config().gcEarlyDrop());
        assertEquals(true, withRouter(ROUTER, fw).firewalls().get("fw").conntrack().config().gcEarlyDrop());
    }

    @Test
    void aNatHelperReplacesAClashingPortAtRandomFrom61AndByTheNextOneBefore() throws Exception {
        final String fw = "firewall:\n  fw: { conntrack: { helpers: [ftp] } }\n";
        final String k515 = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 5.15 }";
        assertEquals(false, withRouter(k515, fw).firewalls().get("fw").conntrack().config().randomExpectPorts());
        final String k61 = k515.replace("5.15", "6.1");
        assertEquals(true, withRouter(k61, fw).firewalls().get("fw").conntrack().config().randomExpectPorts());
        assertEquals(true, withRouter(ROUTER, fw).firewalls().get("fw").conntrack().config().randomExpectPorts());
    }

    @Test
    void earlyDropScansEightBucketsFrom47AndEightTuplesBefore() throws Exception {
        final String fw = "firewall:\n  fw: { conntrack: { max: 100 } }\n";
        final String k310 = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 3.10 }";
        assertEquals(EarlyDropScan.LAST_OF_CHAIN,
                withRouter(k310, fw).firewalls().get("fw").conntrack().config().earlyDropScan());
        assertEquals(EarlyDropScan.FIRST_OF_CHAIN,
                withRouter(k310.replace("3.10", "4.4"), fw).firewalls().get("fw").conntrack().config().earlyDropScan());
        assertEquals(EarlyDropScan.BUCKETS,
                withRouter(k310.replace("3.10", "4.9"), fw).firewalls().get("fw").conntrack().config().earlyDropScan());
        assertEquals(EarlyDropScan.BUCKETS, withRouter(ROUTER, fw).firewalls().get("fw").conntrack().config().earlyDropScan());
    }

    @Test
    void conntrackSizesFollowTheKernelAndTheBuckets() throws Exception {
        final var d612 = withRouter(ROUTER, "firewall:\n  fw: { mode: stateful }\n").firewalls().get("fw").conntrack();
        assertEquals(List.of(262144, 262144, 4096), List.of(d612.buckets(), d612.max(), d612.expectMax()));
        final String old = "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 5.10 }";
        final var d510 = withRouter(old, "firewall:\n  fw: { mode: stateful }\n").firewalls().get("fw").conntrack();
        assertEquals(List.of(65536, 262144, 1024), List.of(d510.buckets(), d510.max(), d510.expectMax()));
        final var given = withRouter(ROUTER, "firewall:\n  fw: { conntrack: { buckets: 1024 } }\n")
                .firewalls().get("fw").conntrack();
        assertEquals(List.of(1024, 8192, 16), List.of(given.buckets(), given.max(), given.expectMax()));
        assertEquals(16, given.config().expectMax());
    }

    @Test
    void anUnknownVersionIsAnErrorThatNamesTheKeyAndTheVersions() {
        final List<String> e = errors(NET.replace(ROUTER,
                "fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 }, kernel: 5.3 }") + FTP);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("t.yaml:5:"), e.get(0));
        assertTrue(e.get(0).contains("routers.fw.kernel"), e.get(0));
        assertTrue(e.get(0).contains("5.3"), e.get(0));
    }
}
