package dev.ftpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vsftpd.conf the lab writes says what the scenario's server says, in vsftpd.conf(5)'s keys. */
class VsftpdConfFollowsTheServerProfileTest {
    private static Map<String, String> keys(final String server, final Map<String, String> extra) throws Exception {
        final Scenario s = ScenarioLoader.parse(SynSchedule.CLIENT_ROUTER_SERVER + """
                ftp:
                  server: %s
                  clients:
                    - { host: client }
                """.formatted(server), "t.yaml", Path.of("."));
        final FtpSpec.Server sv = s.ftp().servers().get(0);
        return VsftpdConf.keys(sv.options(), sv.port(), Path.of("/r"), Path.of("/e"), Path.of("/l"), false, extra);
    }

    @Test
    void thePassiveRangeAddressAndPort20ComeFromTheScenario() throws Exception {
        final Map<String, String> k = keys("{ host: server, passive-ports: 30000-30100, pasv-address: 198.51.100.1,"
                + " connect-from-port-20: true, idle-timeout: 120s, files: { /f: 1KB } }", Map.of());
        assertEquals("30000", k.get("pasv_min_port"));
        assertEquals("30100", k.get("pasv_max_port"));
        assertEquals("198.51.100.1", k.get("pasv_address"));
        assertEquals("YES", k.get("connect_from_port_20"));
        assertEquals("120", k.get("idle_session_timeout"));
        assertEquals("YES", k.get("listen"));
        assertEquals("YES", k.get("anonymous_enable"));
    }

    @Test
    void vsftpdsOwnDefaultsStandWhereTheScenarioSaysNothing() throws Exception {
        final Map<String, String> k = keys("{ host: server, files: { /f: 1KB } }", Map.of());
        assertFalse(k.containsKey("pasv_min_port"), "any port, as pasv_min_port=0");
        assertFalse(k.containsKey("pasv_address"));
        assertEquals("NO", k.get("connect_from_port_20"));
        assertEquals("NO", k.get("port_promiscuous"));
        assertEquals("60", k.get("connect_timeout"));
        assertEquals("300", k.get("data_connection_timeout"));
    }

    @Test
    void anIpv6ClientGetsVsftpdListeningOnIpv6() throws Exception {
        final Scenario s = ScenarioLoader.parse(SynSchedule.CLIENT_ROUTER_SERVER + """
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                    - { host: client }
                """, "t.yaml", Path.of("."));
        final FtpSpec.Server sv = s.ftp().servers().get(0);
        final Map<String, String> k = VsftpdConf.keys(sv.options(), sv.port(), Path.of("/r"), Path.of("/e"),
                Path.of("/l"), true, Map.of());
        assertEquals("NO", k.get("listen"), "vsftpd refuses listen and listen_ipv6 both YES");
        assertEquals("YES", k.get("listen_ipv6"));
    }

    @Test
    void aCellsExtraKeysOverrideTheProfile() throws Exception {
        final Map<String, String> k = keys("{ host: server, files: { /f: 1KB } }", Map.of("port_promiscuous", "YES"));
        assertEquals("YES", k.get("port_promiscuous"));
        assertTrue(VsftpdConf.render(k).contains("\nport_promiscuous=YES\n"));
    }
}
