package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FTP through an LVS director in NAT mode, as the examples lvs-passive-*.yaml set it up: what each
 * session's client read and how it ended, with and without the IPVS FTP helper (ip_vs_ftp.c) and
 * persistence (ipvsadm -p).
 */
class FtpThroughAnLvsDirectorTest {
    @TempDir
    Path tmp;

    /** Sessions per reason code ("ok" for those that succeeded). */
    private static Map<String, Long> outcomes(final ScenarioRunner.Outcome o) {
        final Map<String, Long> out = new TreeMap<>();
        o.rows().forEach(r -> out.merge(r.record().ok() ? "ok" : r.record().reasonCode(), 1L, Long::sum));
        return out;
    }

    private ScenarioRunner.Outcome run(final String example, final String from, final String to) throws Exception {
        final String text = Files.readString(ExamplesRunTest.EXAMPLES.resolve(example + ".yaml"));
        assertTrue(text.contains(from), from);
        final Path f = tmp.resolve(example + ".yaml");
        Files.writeString(f, text.replace(from, to));
        final Scenario s = ScenarioLoader.load(f);
        return ScenarioRunner.run(s, s.seed(), null);
    }

    /** The text of the first session's last reply, after its code. */
    private static String lastReply(final ScenarioRunner.Outcome o) {
        assertEquals(227, o.rows().get(0).record().outcome().lastReplyCode());
        return o.rows().get(0).record().outcome().lastReplyText();
    }

    @Test
    void withoutTheHelperTheClientReadsTheRealServersPrivateAddress() throws Exception {
        final ScenarioRunner.Outcome o = run("lvs-passive-no-helper", "stop: 120s", "stop: 120s");
        assertEquals(Map.of("data_connect_unreachable", 6L), outcomes(o));
        assertTrue(lastReply(o).matches("Entering Passive Mode \\(10,1,[12],10,\\d+,\\d+\\)\\."), lastReply(o));
    }

    /**
     * With the helper every session's data connection reaches the real server that announced the
     * port (the other one has no listener there and would refuse it), and the control connection
     * goes on after the longer 227: 226 and 221 arrive, so the sequence numbers were adjusted.
     */
    @Test
    void withTheHelperEverySessionSucceeds() throws Exception {
        final ScenarioRunner.Outcome o = run("lvs-passive-ftp-helper", "stop: 120s", "stop: 120s");
        assertEquals(Map.of("ok", 6L), outcomes(o));
        o.rows().forEach(r -> assertEquals(221, r.record().outcome().lastReplyCode()));
    }

    /**
     * A real server that announces the virtual address itself: ip_vs_ftp_out makes its entry for
     * the address the 227 names, the director's own, so the data connection goes to the director's
     * TCP (ip_vs_nat_xmit, local route), where nothing listens: refused.
     */
    @Test
    void withTheHelperAServerAnnouncingTheVirtualAddressIsRefused() throws Exception {
        final ScenarioRunner.Outcome o = run("lvs-passive-ftp-helper", "files: { /pub/file.bin: 300KB }",
                "pasv-address: 203.0.113.100, files: { /pub/file.bin: 300KB }");
        assertEquals(Map.of("data_connect_refused", 6L), outcomes(o));
        assertTrue(lastReply(o).startsWith("Entering Passive Mode (203,0,113,100,"), lastReply(o));
    }

    /** A 229 names only a port: the helper's entry keeps the real server's address (ip_vs_ftp_out presets it). */
    @Test
    void withTheHelperEpsvWorksToo() throws Exception {
        assertEquals(Map.of("ok", 6L), outcomes(run("lvs-passive-ftp-helper", "mode: passive, pasv-address-policy: trust",
                "mode: epsv")));
    }

    /**
     * Active mode: the helper's entry for PORT expects the real server's data connection from the
     * control port minus one, 20 (ip_vs_ftp_in), and sends it out from the virtual address. vsftpd
     * connects from port 20 only with connect_from_port_20=YES; otherwise its SYN leaves with its
     * private source address, and the client's answer finds no route back.
     */
    @Test
    void activeModeNeedsTheServerToConnectFromPort20() throws Exception {
        assertEquals(Map.of("ok", 6L), outcomes(active(true)));
        assertEquals(Map.of("data_connect_failed_425", 6L), outcomes(active(false)));
    }

    private ScenarioRunner.Outcome active(final boolean port20) throws Exception {
        String text = Files.readString(ExamplesRunTest.EXAMPLES.resolve("lvs-passive-ftp-helper.yaml"))
                .replace("mode: passive, pasv-address-policy: trust", "mode: active");
        if (port20) {
            text = text.replace("passive-ports: 30000-30100,", "passive-ports: 30000-30100, connect-from-port-20: true,");
        }
        final Path f = tmp.resolve("active-" + port20 + ".yaml");
        Files.writeString(f, text);
        final Scenario s = ScenarioLoader.load(f);
        return ScenarioRunner.run(s, s.seed(), null);
    }

    @Test
    void persistenceKeepsTheDataConnectionOnTheAnnouncingServerAndWithoutItWlcMovesIt() throws Exception {
        assertEquals(Map.of("ok", 20L), outcomes(run("lvs-passive-persistence", "stop: 120s", "stop: 120s")));
        // wlc: the data connection goes to the real server with fewer connections, the other one
        assertEquals(Map.of("data_connect_wrong_backend", 20L),
                outcomes(run("lvs-passive-persistence", "    persistence: 300s", "")));
    }
}
