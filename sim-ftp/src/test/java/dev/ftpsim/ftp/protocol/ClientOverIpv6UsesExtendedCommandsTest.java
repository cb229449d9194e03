package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client on an IPv6 control connection sends EPSV and EPRT |2| (RFC 2428), and a refused EPSV
 * or EPRT is not followed by PASV or PORT, while over IPv4 curl falls back to them.
 */
class ClientOverIpv6UsesExtendedCommandsTest {
    private final Ipv6Addresses v6 = new Ipv6Addresses();
    private final int client = v6.parse("2001:db8:1::10");
    private final int server = v6.parse("2001:db8:2::10");
    private final List<String> sent = new ArrayList<>();
    private ClientSession c;

    private void start(final ClientOptions o, final boolean ipv6) {
        c = ipv6 ? new ClientSession(o, List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")),
                client, 40000, server, v6)
                : new ClientSession(o, List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")),
                0x0A00000A, 40000, 0xCB00710A, v6);
        c.start();
        reply("220 hi");
        reply("331 pw");
        reply("230 in");
        reply("257 \"/\" is the current directory"); // curl asks PWD after login; TYPE comes after the setup
    }

    private void reply(final String line) {
        c.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII))).stream()
                .filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
    }

    private void feed(final Input in) {
        c.handle(in).stream().filter(a -> a instanceof Action.SendCommand)
                .forEach(a -> sent.add(((Action.SendCommand) a).line()));
    }

    private String lastSent() {
        return sent.get(sent.size() - 1);
    }

    @Test
    void aPasvModeClientSendsEpsvOverIpv6() {
        start(ClientProfiles.curl().mode(ClientOptions.DataMode.PASV).build(), true);
        assertEquals("EPSV", lastSent());
    }

    @Test
    void anActiveClientSendsEprtWithFamilyTwoAndItsIpv6Address() {
        start(ClientProfiles.curl().mode(ClientOptions.DataMode.PORT).build(), true);
        feed(new Input.DataListening(45678));
        assertEquals("EPRT |2|2001:db8:1::10|45678|", lastSent());
    }

    @Test
    void curlOverIpv4FallsBackToPasvWhenEpsvIsNotImplemented() {
        start(ClientProfiles.curl().build(), false);
        reply("502 Command not implemented.");
        assertEquals("PASV", lastSent());
    }

    @Test
    void curlOverIpv6FailsWhenEpsvIsNotImplemented() {
        start(ClientProfiles.curl().build(), true);
        reply("502 Command not implemented.");
        assertEquals(List.of("USER anonymous", "PASS a@b", "PWD", "EPSV", "QUIT"), sent);
        assertEquals(FailureReason.DATA_SETUP_REFUSED, c.record().reason());
    }

    @Test
    void curlOverIpv6NeverSendsPortAfterARefusedEprtAndWaitsForItsResponseTimeout() {
        // curl 7.88.1 -P - to [::1] answered "500" to EPRT: nothing more was sent for 120 s, then
        // curl exited 28 and closed the connection without QUIT (the same code in curl 8.x).
        start(ClientProfiles.curl().mode(ClientOptions.DataMode.EPRT).build(), true);
        feed(new Input.DataListening(45678));
        final List<Action> as = c.handle(new Input.ControlBytes(
                "502 Command not implemented.\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(as.stream().noneMatch(a -> a instanceof Action.SendCommand), as.toString());
        assertTrue(as.contains(new Action.StartTimer(Timer.REPLY, 120_000_000_000L)), as.toString());
        final List<Action> end = c.handle(new Input.TimerFired(Timer.REPLY));
        assertTrue(end.stream().noneMatch(a -> a instanceof Action.SendCommand), "no QUIT: " + end);
        assertTrue(end.contains(new Action.CloseControl()), end.toString());
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
        assertEquals(502, c.record().lastReply().code());
    }

    @Test
    void curlOverIpv6DoesNotTryPasvAfterAFailedEpsvDataConnection() {
        start(ClientProfiles.curl().build(), true);
        reply("229 Entering Extended Passive Mode (|||30000|)");
        feed(new Input.DataConnectFailed("timed out"));
        assertEquals("QUIT", lastSent());
    }
}
