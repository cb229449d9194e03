package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ftpsim.core.net.Ipv6Addresses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's replies to data setup commands on an IPv6 control connection (vsftpd postlogin.c),
 * and a server without RFC 2428 that answers EPSV and EPRT with 502.
 */
class ServerOverIpv6RepliesTest {
    private final Ipv6Addresses v6 = new Ipv6Addresses();
    private final int local = v6.parse("2001:db8:2::10");
    private final int peer = v6.parse("2001:db8:1::10");
    private ServerSession s;

    private void start(final ServerOptions o, final boolean ipv6) {
        s = ipv6 ? new ServerSession(o, new MemoryFileSystem(0), local, peer, new java.util.SplittableRandom(7), v6)
                : new ServerSession(o, new MemoryFileSystem(0), ServerHarness.LOCAL, ServerHarness.PEER,
                new java.util.SplittableRandom(7), v6);
        s.start();
        send("USER anonymous");
        send("PASS a@b");
    }

    private List<Action> send(final String line) {
        return s.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private String reply(final List<Action> as) {
        final Reply r = ServerHarness.firstReply(as);
        return r.code() + " " + String.join(" ", r.lines());
    }

    @Test
    void eprtWithThePeersIpv6AddressIsAccepted() {
        start(ServerOptions.builder().build(), true);
        assertEquals("200 EPRT command successful. Consider using EPSV.", reply(send("EPRT |2|2001:db8:1::10|45678|")));
    }

    @Test
    void eprtWithAnotherIpv6AddressIsRefused() {
        start(ServerOptions.builder().build(), true);
        assertEquals("500 Illegal EPRT command.", reply(send("EPRT |2|2001:db8:1::99|45678|")));
    }

    @Test
    void portOnAnIpv6ControlConnectionIsIllegal() {
        start(ServerOptions.builder().portPromiscuous(true).build(), true);
        assertEquals("500 Illegal PORT command.", reply(send("PORT 198,51,100,2,178,110")));
    }

    @Test
    void pasvOnAnIpv6ControlConnectionAdvertisesAllZeros() {
        start(ServerOptions.builder().build(), true);
        final List<Action> as = send("PASV");
        assertNotNull(ServerHarness.find(as, Action.ListenData.class));
        assertEquals("227 Entering Passive Mode (0,0,0,0,117,48).", reply(s.handle(new Input.DataListening(30000))));
    }

    @Test
    void epsvWithEitherFamilyIsAcceptedOverIpv6AndAnotherIsNot() {
        // vsftpd 3.0 handle_pasv refuses only a family other than 1 and 2 there
        start(ServerOptions.builder().build(), true);
        assertNotNull(ServerHarness.find(send("EPSV 1"), Action.ListenData.class));
        start(ServerOptions.builder().build(), true);
        assertNotNull(ServerHarness.find(send("EPSV 2"), Action.ListenData.class));
        start(ServerOptions.builder().build(), true);
        assertEquals("522 Bad network protocol.", reply(send("EPSV 3")));
    }

    @Test
    void aServerWithoutExtendedCommandsAnswersEpsvAndEprtWith502AndLeavesThemOutOfFeat() {
        start(ServerOptions.builder().extended(false).build(), false);
        assertEquals("502 Command not implemented.", reply(send("EPSV")));
        assertEquals("502 Command not implemented.", reply(send("EPRT |1|198.51.100.2|45678|")));
        assertFalse(ServerHarness.firstReply(send("FEAT")).lines().contains(" EPSV"));
    }
}
