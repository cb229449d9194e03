package dev.ftpsim.ftp.alg;

import dev.ftpsim.ftp.lab.FtpLab;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import org.junit.jupiter.api.Test;

/**
 * The long-transfer trap: while a 200 MB download runs (about 17 s at 100 Mbps) the control
 * connection is idle, and a NAT box that forgets idle connections after 10 s loses it, so the
 * final 226 never reaches the client. NOOPs during the transfer keep it alive.
 */
class LongTransferTrapTest {
    private static FtpLab lab() {
        final FtpLab lab = FtpLab.clientBehindNat(3);
        lab.stateful(false, ConntrackConfig.linux().withTcpTimeout(TcpCtState.ESTABLISHED, 10 * NS_PER_S),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "iif lan oif wan ct state new accept"),
                FtpLab.chain("post", true, Hook.POSTROUTING, 100, false, "oif wan masquerade"));
        lab.serve(ServerOptions.builder().pasvPorts(30000, 30100).build(), 200_000_000L);
        return lab;
    }

    @Test
    void anIdleControlConnectionExpiresAndTheFinalReplyIsLost() {
        final FtpLab lab = lab();
        final FtpSessionRecord r = lab.get(ClientOptions.defaults().withMode(DataMode.PASV), 200 * NS_PER_S);
        assertFalse(r.ok());
        assertEquals(200_000_000L, r.transfer().bytes(), "every data byte arrived");
        assertEquals("no reply after the transfer", r.reasonText());
        assertTrue(lab.firewall.conntrack().stats().expired >= 1);
    }

    @Test
    void keepaliveNoopsDuringTheTransferKeepTheControlConnectionTracked() {
        final FtpLab lab = lab();
        final ClientOptions keepalive = ClientOptions.defaults().withMode(DataMode.PASV).toBuilder()
                .keepaliveNanos(5 * NS_PER_S).build();
        final FtpSessionRecord r = lab.get(keepalive, 200 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(200_000_000L, r.transfer().bytes());
    }
}
