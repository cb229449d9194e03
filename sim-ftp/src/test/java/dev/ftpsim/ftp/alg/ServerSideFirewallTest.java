package dev.ftpsim.ftp.alg;

import dev.ftpsim.ftp.lab.FtpLab;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import org.junit.jupiter.api.Test;

/**
 * The second source's server-side stateful firewall: only new connections to port 21 are let in
 * (plus established and related traffic).
 */
class ServerSideFirewallTest {
    private static final ServerOptions SERVER = ServerOptions.builder().pasvPorts(30000, 30100)
            .connectFromPort20(true).build();

    private static FtpLab lab(final boolean helper, final boolean serverMayConnectOut) {
        final FtpLab lab = FtpLab.routed(1);
        lab.stateful(helper, ConntrackConfig.linux(),
                FtpLab.chain("pre", false, Hook.PREROUTING, 0, false, helper
                        ? new String[] {"tcp dport 21 ct helper set \"ftp\""} : new String[] {"ct state new accept"}),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept",
                        "iif lan oif wan tcp dport 21 ct state new accept",
                        serverMayConnectOut ? "iif wan oif lan ct state new accept" : "iif wan oif lan drop"));
        lab.serve(SERVER, 1_000_000);
        return lab;
    }

    @Test
    void activeModeWorksWhenTheServerMayOpenOutboundConnections() {
        final FtpSessionRecord r = lab(false, true).get(ClientOptions.defaults().withMode(DataMode.PORT), 120 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(1_000_000, r.transfer().bytes());
    }

    @Test
    void activeModeFailsWhenOutboundNewConnectionsAreDropped() {
        final FtpLab lab = lab(false, false);
        // A client that waits longer than vsftpd's 60 s connect_timeout hears the server give up.
        final ClientOptions patient = ClientOptions.defaults().withMode(DataMode.PORT).toBuilder()
                .replyNanos(120 * NS_PER_S).build();
        final FtpSessionRecord r = lab.get(patient, 300 * NS_PER_S);
        assertFalse(r.ok());
        assertEquals(425, r.outcome().lastReplyCode(), r.reasonText());
        assertEquals("425 data connection failed", r.reasonText());
        // The server did try: its SYNs from port 20 left it and died at the firewall.
        assertTrue(lab.serverSyns().stream().anyMatch(s -> s.startsWith("203.0.113.10:20>198.51.100.10:")),
                lab.serverSyns().toString());
    }

    @Test
    void passiveModeFailsWithoutTheHelperBecauseTheDataConnectionIsNew() {
        final FtpLab lab = lab(false, true);
        final FtpSessionRecord r = lab.get(ClientOptions.defaults().withMode(DataMode.PASV), 300 * NS_PER_S);
        assertFalse(r.ok());
        assertEquals("data connect timed out", r.reasonText());
        // Only the control connection's SYN reached the server.
        assertEquals(1, lab.serverSyns().size(), lab.serverSyns().toString());
    }

    @Test
    void passiveModeWorksWithTheHelperAndNothingButPort21Open() {
        final FtpLab lab = lab(true, false);
        final FtpSessionRecord r = lab.get(ClientOptions.defaults().withMode(DataMode.PASV), 120 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(1, lab.firewall.conntrack().stats().expectUsed);
        assertEquals(1, lab.helper.expectationsCreated());
    }

    @Test
    void epsvWorksWithTheHelperToo() {
        final FtpLab lab = lab(true, false);
        final FtpSessionRecord r = lab.get(ClientOptions.defaults().withMode(DataMode.EPSV), 120 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(1, lab.firewall.conntrack().stats().expectUsed);
    }

    @Test
    void activeModeWorksWithTheHelperEvenWhenOutboundNewConnectionsAreDropped() {
        final FtpLab lab = lab(true, false);
        final FtpSessionRecord r = lab.get(ClientOptions.defaults().withMode(DataMode.PORT), 120 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
    }
}
