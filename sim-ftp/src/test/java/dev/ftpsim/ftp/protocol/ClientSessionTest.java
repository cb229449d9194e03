package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ClientOptions.PasvPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The client engine against the server engine, wired by {@link Loopback}. */
class ClientSessionTest {

    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);

    private static MemoryFileSystem fs() {
        return new MemoryFileSystem(0).file("/pub/hello.txt", HELLO).bulk("/pub/big.bin", 5_000_000);
    }

    private static ServerOptions so() {
        return ServerOptions.builder().users(Map.of("alice", "secret")).build();
    }

    private static List<String> commands(Loopback l) {
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line()).toList();
    }

    @ParameterizedTest
    @EnumSource(DataMode.class)
    void aScriptLogsInListsDownloadsAndUploadsInEveryMode(DataMode mode) {
        var fs = fs();
        var l = new Loopback(so(), fs, ClientOptions.defaults().withMode(mode), List.of(
                new ClientOp.Login("alice", "secret"), new ClientOp.Cwd("/pub"), new ClientOp.List("", false),
                new ClientOp.Retr("big.bin"), new ClientOp.Stor("up.txt", HELLO, HELLO.length)));
        SessionRecord r = l.run();
        assertEquals(FailureReason.NONE, r.reason(), () -> String.valueOf(l.clientActions));
        assertEquals(6, r.completed());
        assertTrue(r.listing().contains("hello.txt"));
        assertEquals(5_000_000 + HELLO.length + r.listing().length(), r.dataBytes());
        assertArrayEquals(HELLO, fs.content("/pub/up.txt"));
        assertTrue(commands(l).contains(switch (mode) {
            case PORT -> "PORT 10,0,0,2,156,64";
            case EPRT -> "EPRT |1|10.0.0.2|40000|";
            case PASV -> "PASV";
            case EPSV -> "EPSV";
        }));
    }

    @Test
    void classicActiveModeListensOnTheControlPortPlusOne() {
        var l = new Loopback(so(), fs(), ClientOptions.defaults().withMode(DataMode.PORT)
                .withActivePort(ActivePort.CLASSIC), List.of(new ClientOp.Login("anonymous", "x"),
                new ClientOp.Retr("/pub/hello.txt")));
        assertEquals(FailureReason.NONE, l.run().reason());
        assertTrue(l.clientActions.contains(new Action.ListenData(50001)));
        assertTrue(commands(l).contains("PORT 10,0,0,2,195,81"));
    }

    private static ClientSession loggedIn(ClientOptions o) {
        // A client whose script is a bare RETR: the greeting and TYPE I are answered by hand.
        var c = new ClientSession(o, List.of(new ClientOp.Retr("/x")), 1, 1000, 2);
        c.start();
        c.handle(new Input.ControlBytes("220 hi\r\n200 ok\r\n".getBytes(StandardCharsets.US_ASCII)));
        return c;
    }

    private static List<Action> reply(ClientSession c, String line) {
        return c.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void epsvRefusedWith5xxFallsBackToPasv() {
        var c = loggedIn(ClientOptions.defaults());
        assertTrue(reply(c, "500 Unknown command.").contains(new Action.SendCommand("PASV")));
    }

    @Test
    void eprtRefusedWith5xxFallsBackToPortOnTheSameListener() {
        var c = loggedIn(ClientOptions.defaults().withMode(DataMode.EPRT));
        c.handle(new Input.DataListening(40000));
        assertTrue(reply(c, "502 Not implemented.").contains(new Action.SendCommand("PORT 0,0,0,1,156,64")));
    }

    @Test
    void theAddressIn227IsIgnoredByDefaultAndTrustedOnlyWhenAsked() {
        // The server advertises a private address the client cannot reach (server behind NAT).
        var nat = so().toBuilder().pasvAddress(0x0A636363 /* 10.99.99.99 */).build();
        List<ClientOp> get = List.of(new ClientOp.Login("alice", "secret"), new ClientOp.Retr("/pub/hello.txt"));
        var ignore = new Loopback(nat, fs(), ClientOptions.defaults().withMode(DataMode.PASV), get);
        assertEquals(FailureReason.NONE, ignore.run().reason());
        var trust = new Loopback(nat, fs(), ClientOptions.defaults().withMode(DataMode.PASV)
                .withPasvPolicy(PasvPolicy.TRUST), get);
        assertEquals(FailureReason.DATA_CONNECT_FAILED, trust.run().reason());
        // 10.99.99.99 is private but so is our server's 192.168.0.1: the rule trusts it, and fails too.
        var rule = new Loopback(nat, fs(), ClientOptions.defaults().withMode(DataMode.PASV)
                .withPasvPolicy(PasvPolicy.TRUST_UNLESS_PRIVATE), get);
        assertEquals(FailureReason.DATA_CONNECT_FAILED, rule.run().reason());
    }

    @Test
    void trustUnlessPrivateReplacesAPrivateAddressWhenTheControlPeerIsPublic() {
        var c = new ClientSession(ClientOptions.defaults().withMode(DataMode.PASV)
                .withPasvPolicy(PasvPolicy.TRUST_UNLESS_PRIVATE), List.of(new ClientOp.Retr("/x")), 1, 1000,
                0xCB007101 /* 203.0.113.1 */);
        c.start();
        c.handle(new Input.ControlBytes("220 hi\r\n200 ok\r\n".getBytes(StandardCharsets.US_ASCII)));
        var as = c.handle(new Input.ControlBytes("227 Entering Passive Mode (10,0,0,5,117,48).\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertTrue(as.contains(new Action.ConnectData(0xCB007101, 30000, 0, 0)), as.toString());
    }

    @Test
    void aWrongPasswordEndsWithLoginFailedAndQuit() {
        var l = new Loopback(so(), fs(), ClientOptions.defaults(), List.of(new ClientOp.Login("alice", "nope"),
                new ClientOp.Retr("/pub/hello.txt")));
        assertEquals(FailureReason.LOGIN_FAILED, l.run().reason());
        assertEquals("QUIT", commands(l).get(commands(l).size() - 1));
    }

    @Test
    void aMissingFileIsFileUnavailable() {
        var l = new Loopback(so(), fs(), ClientOptions.defaults(), List.of(new ClientOp.Login("alice", "secret"),
                new ClientOp.Retr("/pub/none")));
        assertEquals(FailureReason.FILE_UNAVAILABLE, l.run().reason());
    }

    @Test
    void activeModeAgainstAServerThatCannotConnectIs425() {
        // Classic firewall failure: the server's connect to the client fails, it answers 425.
        var c = loggedIn(ClientOptions.defaults().withMode(DataMode.PORT));
        c.handle(new Input.DataListening(40000));
        reply(c, "200 PORT command successful.");
        reply(c, "425 Failed to establish connection.");
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
    }

    @Test
    void a421AtAnyTimeEndsTheSession() {
        var c = new ClientSession(ClientOptions.defaults(), List.of(new ClientOp.Login("a", "b")), 1, 1000, 2);
        c.start();
        var as = c.handle(new Input.ControlBytes("421 Too many users\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FailureReason.SERVICE_UNAVAILABLE, c.record().reason());
        assertTrue(as.contains(new Action.CloseControl()));
    }

    @Test
    void aMissing226AfterTheDataEndedTimesOut() {
        var c = loggedIn(ClientOptions.defaults());
        reply(c, "229 Entering Extended Passive Mode (|||30000|)");
        c.handle(new Input.DataConnected(2, 30000));
        reply(c, "150 Here it comes.");
        var as = c.handle(new Input.DataClosed(false));
        assertTrue(as.contains(new Action.StartTimer(Timer.REPLY, 60_000_000_000L)), as.toString());
        c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
    }

    @Test
    void keepaliveSendsNoopDuringATransferAndSwallowsItsRepliesBeforeOrAfterThe226() {
        var o = ClientOptions.defaults().toBuilder().keepaliveNanos(30_000_000_000L).build();
        var c = loggedIn(o);
        reply(c, "229 Entering Extended Passive Mode (|||30000|)");
        c.handle(new Input.DataConnected(2, 30000));
        assertTrue(reply(c, "150 go").contains(new Action.StartTimer(Timer.KEEPALIVE, 30_000_000_000L)));
        assertTrue(c.handle(new Input.TimerFired(Timer.KEEPALIVE)).contains(new Action.SendCommand("NOOP")));
        c.handle(new Input.TimerFired(Timer.KEEPALIVE));
        reply(c, "200 NOOP ok."); // answered during the transfer, like our server
        assertEquals(ClientSession.Step.XFER, c.step());
        c.handle(new Input.DataClosed(false));
        reply(c, "226 Transfer complete.");
        assertEquals(ClientSession.Step.NOOP_DRAIN, c.step()); // one NOOP still owed, as vsftpd answers late
        var as = reply(c, "200 NOOP ok.");
        assertTrue(as.contains(new Action.SendCommand("QUIT")), as.toString());
    }

    @Test
    void keepaliveIsOffByDefault() {
        var c = loggedIn(ClientOptions.defaults());
        reply(c, "229 Entering Extended Passive Mode (|||30000|)");
        c.handle(new Input.DataConnected(2, 30000));
        assertTrue(reply(c, "150 go").stream().noneMatch(a -> a instanceof Action.StartTimer t
                && t.timer() == Timer.KEEPALIVE));
    }
}
