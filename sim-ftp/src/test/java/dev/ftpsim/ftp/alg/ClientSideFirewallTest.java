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
 * The second source's client-side firewalls: the client may open any outbound connection; what
 * comes in is either a reply, or (active mode) the server's data connection.
 */
class ClientSideFirewallTest {
    private static final ServerOptions SERVER = ServerOptions.builder().pasvPorts(30000, 30100)
            .connectFromPort20(true).build();
    private static final ClientOptions ACTIVE = ClientOptions.defaults().withMode(DataMode.PORT).toBuilder()
            .replyNanos(120 * NS_PER_S).build();

    private static FtpLab lab(final boolean helper, final String inbound) {
        final FtpLab lab = FtpLab.routed(1);
        lab.stateful(helper, ConntrackConfig.linux(),
                FtpLab.chain("pre", false, Hook.PREROUTING, 0, false,
                        helper ? "tcp dport 21 ct helper set \"ftp\"" : "tcp dport 21 accept"),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept",
                        "iif lan oif wan ct state new accept",
                        inbound));
        lab.serve(SERVER, 500_000);
        return lab;
    }

    @Test
    void activeModeFailsWhenOnlyOutboundConnectionsAreAllowed() {
        final FtpSessionRecord r = lab(false, "iif wan drop").get(ACTIVE, 300 * NS_PER_S);
        assertFalse(r.ok());
        assertEquals("425 data connection failed", r.reasonText());
    }

    @Test
    void activeModeNeedsInboundConnectionsToTheClientAbove1023() {
        final FtpSessionRecord r = lab(false, "iif wan oif lan tcp dport 1024-65535 ct state new accept")
                .get(ACTIVE, 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
    }

    @Test
    void passiveModeNeedsOnlyOutboundConnections() {
        final FtpSessionRecord r = lab(false, "iif wan drop")
                .get(ClientOptions.defaults().withMode(DataMode.PASV), 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
    }

    @Test
    void withTheHelperActiveModeNeedsNoWidePortRange() {
        final FtpLab lab = lab(true, "iif wan drop");
        final FtpSessionRecord r = lab.get(ACTIVE, 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(1, lab.firewall.conntrack().stats().expectUsed);
    }
}
