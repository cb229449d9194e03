package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proftpd profile answers as proftpd 1.3.8 does. Each expected text is what the real server
 * sent: proftpd 1.3.8 (Debian 1.3.8+dfsg-4+deb12u5), run as {@code proftpd -n -c FILE} with
 * ServerName "ProFTPD Default Installation", UseIPv6 on (its default), an {@code <Anonymous>}
 * block with {@code UserAlias anonymous ftp} and {@code <Limit WRITE> DenyAll}, MaxLoginAttempts 3,
 * a user in an AuthUserFile, and TimeoutIdle 3 for the idle text; the same commands were then sent
 * to {@code ftpsim serve --profile proftpd} and the replies compared byte for byte. Before, the
 * profile answered most of them with vsftpd's texts.
 */
class ProftpdAnswersAsProftpd138DoesTest {

    private static ServerOptions.Builder proftpd() {
        return ServerProfiles.proftpd().users(Map.of("alice", "secret")).anonymous(true);
    }

    private final ServerHarness h = new ServerHarness(proftpd().build());

    private String reply(String line) {
        Reply r = firstReply(h.send(line));
        return r == null ? null : r.toString();
    }

    private ServerHarness anonymous() {
        h.send("USER anonymous");
        h.send("PASS a@b");
        return h;
    }

    @Test
    void theGreetingNamesTheLocalAddressAsUseIpv6PrintsIt() {
        // src/session.c: "ProFTPD Server (%s) [%s]"; the real one said [::ffff:127.0.0.1]
        assertEquals("220 ProFTPD Server (ProFTPD Default Installation) [::ffff:192.0.2.1]",
                firstReply(h.last).toString());
    }

    @Test
    void beforeLoginOnlyTheCommandsWithoutAuthRun() {
        assertEquals("200 NOOP command successful", reply("NOOP"));
        assertEquals("215 UNIX Type: L8", reply("SYST"));
        assertEquals("200 Type set to I", reply("TYPE I"));
        assertEquals("500 'TYPE' not understood", reply("TYPE"));
        assertEquals("500 FOO not understood", reply("foo bar"));
        assertEquals("502 REIN command not implemented", reply("REIN"));
        assertEquals("502 ACCT command not implemented", reply("ACCT x"));
        for (String gated : new String[] {"PWD", "CWD /pub", "SMNT x", "ABOR", "STAT", "MODE S", "PASV"}) {
            assertEquals("530 Please login with USER and PASS", reply(gated), gated);
        }
        assertEquals("503 Login with USER first", reply("PASS x"));
        assertEquals("500 USER: command requires a parameter", reply("USER"));
    }

    @Test
    void loginRepliesAndWhatComesAfterIt() {
        assertEquals("331 Password required for alice", reply("USER alice"));
        assertEquals("530 Login incorrect.", reply("PASS bad"));
        assertEquals("503 Login with USER first", reply("PASS bad"));
        reply("USER alice");
        assertEquals("230 User alice logged in", reply("PASS secret"));
        assertEquals("501 Reauthentication not supported", reply("USER bob"));
        assertEquals("503 You are already logged in", reply("PASS secret"));
    }

    @Test
    void theThirdFailedLoginIsAnsweredAndTheSessionEnds() {
        for (int i = 1; i <= 3; i++) {
            reply("USER alice");
            assertEquals("530 Login incorrect.", reply("PASS bad"));
        }
        assertTrue(h.last.contains(new Action.CloseControl()));
    }

    @Test
    void blankLinesAndLeadingBlanksAreInvalidCommands() {
        // src/main.c make_ftp_cmd returns NULL, cmd_loop answers; vsftpd says nothing
        assertEquals("500 Invalid command: try being more creative", reply(""));
        assertEquals("500 Invalid command: try being more creative", reply("   "));
        assertEquals("500 Invalid command: try being more creative", reply(" NOOP"));
        assertEquals("500 Invalid command: try being more creative", reply("\u000bNOOP")); // C's isspace
        assertEquals("500 \u001cNOOP not understood", reply("\u001cNOOP")); // not a space to C
    }

    @Test
    void aTooLongLineIsIgnoredAndTheSecondInARowEndsTheSession() {
        String longLine = "NOOP " + "a".repeat(5000);
        assertEquals(List.of(), codes(h.send(longLine)));
        assertEquals("200 NOOP command successful", reply("NOOP"));
        assertEquals(List.of(), codes(h.send(longLine)));
        List<Action> as = h.send(longLine);
        assertEquals(List.of(), codes(as));
        assertTrue(as.contains(new Action.CloseControl()));
    }

    @Test
    void anHttpOrSmtpCommandEndsTheSessionWithoutAReply() {
        List<Action> as = h.send("GET / HTTP/1.0");
        assertEquals(List.of(), codes(as));
        assertTrue(as.contains(new Action.CloseControl()));
        ServerHarness other = new ServerHarness(proftpd().build());
        assertEquals("500 GET not understood", firstReply(other.send("get / HTTP/1.0")).toString());
        assertTrue(other.send("HELO x").contains(new Action.CloseControl()));
    }

    @Test
    void directoriesAndTypes() {
        anonymous();
        assertEquals("250 CWD command successful", reply("CWD pub"));
        assertEquals("550 nope: No such file or directory", reply("CWD nope"));
        assertEquals("550 hello.txt: Not a directory", reply("CWD hello.txt"));
        assertEquals("250 CDUP command successful", reply("CDUP"));
        assertEquals("200 Type set to a", reply("TYPE a"));
        assertEquals("200 Type set to L", reply("TYPE L 8"));
        assertEquals("504 TYPE not implemented for 'X' parameter", reply("TYPE X"));
        assertEquals("500 'TYPE a b c' not understood", reply("TYPE a b c"));
        assertEquals("200 UTF8 set to on", reply("OPTS UTF8 ON"));
    }

    @Test
    void sizeAndRestAreRefusedInAsciiMode() {
        anonymous();
        assertEquals("550 SIZE not allowed in ASCII mode", reply("SIZE /pub/hello.txt"));
        assertEquals("501 REST: Resuming transfers not allowed in ASCII mode", reply("REST 5"));
        assertEquals("350 Restarting at 0. Send STORE or RETRIEVE to initiate transfer", reply("REST 0"));
        reply("TYPE I");
        assertEquals("213 12", reply("SIZE /pub/hello.txt"));
        assertEquals("550 pub: not a regular file", reply("SIZE pub"));
        assertEquals("550 nope: No such file or directory", reply("SIZE nope"));
        assertEquals("550 pub: not a plain file", reply("MDTM pub"));
        assertEquals("550 nope: No such file or directory", reply("MDTM nope"));
        assertEquals("350 Restarting at 5. Send STORE or RETRIEVE to initiate transfer", reply("REST 5"));
        assertEquals("501 REST requires a value greater than or equal to 0", reply("REST -1"));
        assertEquals("501 REST requires a value greater than or equal to 0", reply("REST 5x"));
        assertEquals("350 Restarting at 18446744073709551615. Send STORE or RETRIEVE to initiate transfer",
                reply("REST 99999999999999999999"));
    }

    @Test
    void retrLooksAtTheFileBeforeTheDataConnection() {
        anonymous();
        assertEquals("550 nope: No such file or directory", reply("RETR nope"));
        assertEquals("550 pub: Not a regular file", reply("RETR pub"));
        // no PORT or PASV: proftpd connects to the client's control port, where nothing listens
        assertEquals("425 Unable to build data connection: Connection refused", reply("RETR pub/hello.txt"));
    }

    @Test
    void aFailedActiveConnectIsAnsweredWithProftpdsTextAndTheErrorItGot() {
        // src/data.c data_active_open: "Unable to build data connection: %s", strerror(errno);
        // the engine answered every profile with vsftpd's "425 Failed to establish connection."
        anonymous();
        for (String[] c : new String[][] {{"refused", "Connection refused"}, {"timed out", "Connection timed out"},
                {"unreachable", "No route to host"}, {"address not available", "Cannot assign requested address"}}) {
            assertEquals("200 PORT command successful", reply("PORT 198,51,100,2,200,10"));
            h.send("RETR pub/hello.txt");
            assertEquals("425 Unable to build data connection: " + c[1],
                    firstReply(h.feed(new Input.DataConnectFailed(c[0]))).toString(), c[0]);
        }
    }

    @Test
    void transfersAndListingsSayWhatProftpdSays() {
        anonymous();
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("RETR pub/hello.txt");
        assertEquals("150 Opening ASCII mode data connection for pub/hello.txt (12 bytes)",
                firstReply(h.feed(new Input.DataConnected(ServerHarness.PEER, 1))).toString());
        assertEquals("226 Transfer complete", firstReply(h.feed(new Input.DataClosed(false))).toString());
        reply("TYPE I");
        h.send("PASV");
        h.feed(new Input.DataListening(30002));
        h.send("LIST /pub");
        List<Action> list = h.feed(new Input.DataConnected(ServerHarness.PEER, 2));
        assertEquals("150 Opening BINARY mode data connection for file list", firstReply(list).toString());
        // mod_ls.c listfile(): "%s %3d %-8s %-8s %8s %s %2d %5d %s" for a file older than half a year
        // (real: "-rw-r--r--   1 alice    alice          12 Mar  5  2020 hello.txt")
        assertEquals("-rw-r--r--   1 ftp      ftp      100000000 Nov 14  2023 big.bin\r\n"
                + "-rw-r--r--   1 ftp      ftp            12 Nov 14  2023 hello.txt\r\n",
                new String(find(list, Action.SendData.class).bytes(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("226 Transfer complete", firstReply(h.feed(new Input.DataClosed(false))).toString());
    }

    @Test
    void mlstNamesThePathAsSent() {
        anonymous();
        Reply r = firstReply(h.send("MLST pub/hello.txt"));
        assertEquals("Start of list for pub/hello.txt", r.lines().get(0));
        assertTrue(r.lines().get(1).endsWith(" /pub/hello.txt"), r.lines().get(1));
        assertEquals("550 'nope' cannot be listed", reply("MLST nope"));
    }

    @Test
    void writingCommandsOfAnAnonymousUserAreRefusedInProftpdsWords() {
        anonymous();
        assertEquals("550 x.txt: Operation not permitted", reply("STOR x.txt"));
        assertEquals("550 x.txt: Operation not permitted", reply("APPE x.txt"));
        assertEquals("550 pub/hello.txt: Operation not permitted", reply("DELE pub/hello.txt"));
        assertEquals("550 pub/hello.txt: Operation not permitted", reply("RNFR pub/hello.txt"));
        assertEquals("550 d: Permission denied", reply("MKD d"));
        assertEquals("550 pub: Permission denied", reply("RMD pub"));
        assertEquals("502 SMNT command not implemented", reply("SMNT x"));
        assertEquals("500 LPRT not understood", reply("LPRT x"));
    }

    @Test
    void writingCommandsOfAnAccountSayWhatProftpdSays() {
        reply("USER alice");
        reply("PASS secret");
        assertEquals("257 \"/newd\" - Directory successfully created", reply("MKD newd"));
        assertEquals("550 newd: File exists", reply("MKD newd"));
        assertEquals("550 no/such: No such file or directory", reply("MKD no/such"));
        assertEquals("550 pub: Directory not empty", reply("RMD pub"));
        assertEquals("550 pub/hello.txt: Not a directory", reply("RMD pub/hello.txt"));
        assertEquals("250 XRMD command successful", reply("XRMD newd"));
        assertEquals("550 newd: No such file or directory", reply("RMD newd"));
        assertEquals("503 Bad sequence of commands", reply("RNTO x"));
        assertEquals("550 nope: No such file or directory", reply("RNFR nope"));
        assertEquals("350 File or directory exists, ready for destination name", reply("RNFR pub/hello.txt"));
        assertEquals("250 Rename successful", reply("RNTO pub/h2.txt"));
        assertEquals("550 pub: Is a directory", reply("DELE pub"));
        assertEquals("250 DELE command successful", reply("DELE pub/h2.txt"));
        assertEquals("550 pub/h2.txt: No such file or directory", reply("DELE pub/h2.txt"));
    }

    @Test
    void modeStruAlloAndAbor() {
        anonymous();
        assertEquals("200 Mode set to S", reply("MODE S"));
        assertEquals("504 'MODE B' unsupported transfer mode", reply("MODE B"));
        assertEquals("200 Structure set to F", reply("STRU F"));
        assertEquals("504 'STRU R' unsupported structure type", reply("STRU R"));
        assertEquals("202 No storage allocation necessary", reply("ALLO 5"));
        assertEquals("226 Abort successful", reply("ABOR"));
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("RETR /pub/big.bin");
        h.feed(new Input.DataConnected(ServerHarness.PEER, 1));
        List<Action> abor = h.send("ABOR");
        assertEquals(List.of(Reply.of(426, "Transfer aborted. Data connection closed"), Reply.of(226, "Abort successful")),
                abor.stream().filter(a -> a instanceof Action.SendReply).map(a -> ((Action.SendReply) a).reply()).toList());
        h.send("PASV");
        h.feed(new Input.DataListening(30002));
        h.send("RETR /pub/big.bin");
        h.feed(new Input.DataConnected(ServerHarness.PEER, 2));
        assertEquals("426 Transfer aborted. Data connection closed",
                firstReply(h.feed(new Input.DataClosed(true))).toString());
    }

    @Test
    void portEprtAndEpsvArguments() {
        anonymous();
        assertEquals("200 PORT command successful", reply("PORT 198,51,100,2,200,10"));
        assertEquals("500 Illegal PORT command", reply("PORT 198,51,100,3,200,10"));
        assertEquals("500 Illegal PORT command", reply("PORT 198,51,100,2,0,20"));
        assertEquals("501 Illegal PORT command", reply("PORT 1,2,3"));
        assertEquals("501 Illegal PORT command", reply("PORT 0,0,0,0,200,1"));
        assertEquals("501 Invalid number of parameters", reply("PORT"));
        assertEquals("200 EPRT command successful", reply("EPRT |1|198.51.100.2|5000|"));
        assertEquals("200 EPRT command successful", reply("EPRT !1!198.51.100.2!5000!"));
        assertEquals("522 Network protocol not supported, use (1,2)", reply("EPRT |3|::1|5000|"));
        assertEquals("522 Network protocol not supported, use (1,2)", reply("EPRT x"));
        assertEquals("500 Illegal EPRT command", reply("EPRT |2|::1|5000|"));
        assertEquals("500 Illegal EPRT command", reply("EPRT |1|198.51.100.2|80|"));
        assertEquals("501 Illegal EPRT command", reply("EPRT |1|300.0.0.1|5000|"));
        assertEquals("501 Illegal EPRT command", reply("EPRT |1|198.51.100.2|5000"));
        assertEquals("501 Invalid number of parameters", reply("EPRT"));
        assertEquals("522 Network protocol not supported, use (1,2)", reply("EPSV 3"));
        assertEquals("501 EPSV: unknown network protocol", reply("EPSV 1x"));
        assertNotNull(find(h.send("EPSV 2"), Action.ListenData.class)); // UseIPv6 on takes family 2 too
    }

    @Test
    void afterEpsvAllTheOtherSetupsAreIllegal() {
        anonymous();
        assertEquals("200 EPSV ALL command successful", reply("EPSV ALL"));
        assertEquals("500 Illegal PASV command, EPSV ALL in effect", reply("PASV"));
        assertEquals("500 Illegal PORT command, EPSV ALL in effect", reply("PORT 198,51,100,2,200,10"));
        assertEquals("500 Illegal EPRT command, EPSV ALL in effect", reply("EPRT |1|198.51.100.2|5000|"));
    }

    @Test
    void aPrivateAddressInPortFromAPublicClientIsTheClientsAddress() {
        // mod_core.c core_port: neither end on RFC 1918 but the PORT names such an address, so
        // proftpd connects to the control peer (real: PORT 10,0,0,1,200,10 from 127.0.0.1 got 200)
        anonymous();
        assertEquals("200 PORT command successful", reply("PORT 10,0,0,1,200,10"));
        Action.ConnectData c = find(h.send("RETR /pub/hello.txt"), Action.ConnectData.class);
        assertEquals(new Action.ConnectData(ServerHarness.PEER, 51210, ServerHarness.LOCAL, 20), c);
        ServerHarness inside = new ServerHarness(proftpd().pasvAddress(0xC0A80001).build());
        inside.login();
        assertEquals("500 Illegal PORT command", firstReply(inside.send("PORT 10,0,0,1,200,10")).toString());
    }

    @Test
    void timeoutsNameTheirSecondsAndAStallEndsTheSessionWithoutAReply() {
        ServerHarness idle = new ServerHarness(proftpd().idleNanos(3_000_000_000L).build());
        assertEquals("421 Idle timeout (3 seconds): closing control connection",
                firstReply(idle.feed(new Input.TimerFired(Timer.CONTROL_IDLE))).toString());
        // TimeoutLogin 300 (mod_auth.c auth_login_timeout_cb), from the connection on
        assertTrue(h.last.contains(new Action.StartTimer(Timer.LOGIN, 300_000_000_000L)));
        assertEquals("421 Login timeout (300 seconds): closing control connection",
                firstReply(h.feed(new Input.TimerFired(Timer.LOGIN))).toString());
        assertTrue(h.last.contains(new Action.CloseControl()));
        ServerHarness in = new ServerHarness(proftpd().build()).login();
        assertTrue(in.last.contains(new Action.CancelTimer(Timer.LOGIN)));
        assertNull(firstReply(in.feed(new Input.TimerFired(Timer.LOGIN))));
        in.send("PASV");
        in.feed(new Input.DataListening(30001));
        in.send("RETR /pub/big.bin");
        in.feed(new Input.DataConnected(ServerHarness.PEER, 1));
        List<Action> stall = in.feed(new Input.TimerFired(Timer.DATA_STALL));
        assertEquals(List.of(), codes(stall)); // src/data.c stalled_timeout_cb: log, then disconnect
        assertTrue(stall.contains(new Action.CloseControl()));
    }

    @Test
    void featListsWhatProftpdListsOfWhatTheEngineOffers() {
        List<String> feat = firstReply(h.send("FEAT")).lines();
        assertEquals(List.of("Features:", " CLNT", " EPRT", " EPSV", " HOST", " LANG C.UTF-8*", " MDTM", " MFMT",
                " MLST modify*;size*;type*;", " REST STREAM", " SIZE", " TVFS", " UTF8", "End"), feat);
    }
}
