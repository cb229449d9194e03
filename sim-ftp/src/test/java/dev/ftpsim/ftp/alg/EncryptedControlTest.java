package dev.ftpsim.ftp.alg;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.ftp.agent.FtpClientAgent;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.lab.FtpLab;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FTPS (AUTH TLS) hides the commands from the helper, so both modes fail through a firewall that
 * depends on it; CCC after login makes the commands readable again.
 */
class EncryptedControlTest {
    private static final ClientOptions PATIENT = ClientOptions.defaults().toBuilder().replyNanos(120 * NS_PER_S).build();

    /** A server-side firewall that opens nothing but port 21 and relies on the helper. */
    private static FtpLab lab() {
        final FtpLab lab = FtpLab.routed(1);
        lab.stateful(true, ConntrackConfig.linux(),
                FtpLab.chain("pre", false, Hook.PREROUTING, 0, false, "tcp dport 21 ct helper set \"ftp\""),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "iif lan oif wan tcp dport 21 ct state new accept"));
        lab.serve(ServerOptions.builder().pasvPorts(30000, 30100).connectFromPort20(true).tls(true).ccc(true).build(),
                100_000);
        return lab;
    }

    private static FtpSessionRecord run(final FtpLab lab, final DataMode mode, final boolean ccc) {
        final List<ClientOp> script = new ArrayList<>(List.of(new ClientOp.AuthTls(),
                new ClientOp.Login("anonymous", "guest@"), new ClientOp.Protect(true)));
        if (ccc) {
            script.add(new ClientOp.Ccc());
        }
        script.add(new ClientOp.Retr("/pub/file.bin"));
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(lab.clientTcp).start(lab.dialIp, 21, PATIENT.withMode(mode), script, 0, out::add);
        lab.sim.runUntil(300 * NS_PER_S);
        return out.get(0);
    }

    @Test
    void withAnEncryptedControlChannelBothModesFailAndTheHelperSeesNothing() {
        for (final DataMode mode : new DataMode[] {DataMode.PORT, DataMode.PASV}) {
            final FtpLab lab = lab();
            final FtpSessionRecord r = run(lab, mode, false);
            assertFalse(r.ok(), mode + " must fail");
            assertTrue(r.timings().loggedIn() > 0, "the login itself works, encrypted");
            assertEquals(0, lab.helper.announcements(), "no PORT/227 readable on the wire");
            assertEquals(0, lab.firewall.conntrack().stats().expectCreated);
        }
    }

    @Test
    void cccAfterLoginMakesTheCommandsVisibleAgain() {
        for (final DataMode mode : new DataMode[] {DataMode.PORT, DataMode.PASV}) {
            final FtpLab lab = lab();
            final FtpSessionRecord r = run(lab, mode, true);
            assertTrue(r.ok(), mode + ": " + r.reasonText());
            assertEquals(1, lab.firewall.conntrack().stats().expectUsed);
        }
    }

    @Test
    void withoutAFirewallFtpsWorksInBothModes() {
        for (final DataMode mode : new DataMode[] {DataMode.PORT, DataMode.PASV}) {
            final FtpLab lab = FtpLab.routed(1);
            lab.serve(ServerOptions.builder().tls(true).build(), 100_000);
            final FtpSessionRecord r = run(lab, mode, false);
            assertTrue(r.ok(), mode + ": " + r.reasonText());
            assertEquals(100_000, r.transfer().bytes());
        }
    }
}
