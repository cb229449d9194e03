package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One reply per non-transfer command, with the codes RFC 959 §5.4, RFC 3659 and RFC 2389 give. */
class CommandRepliesTest {

    private final ServerHarness h = new ServerHarness().login();

    @Test
    void systAnswers215UnixTypeL8() {
        assertEquals(Reply.of(215, "UNIX Type: L8"), firstReply(h.send("SYST")));
    }

    @Test
    void featListsTheExtensionsInRfc2389Form() {
        Reply r = firstReply(h.send("FEAT"));
        assertEquals(211, r.code());
        for (String f : List.of(" EPRT", " EPSV", " MDTM", " PASV", " REST STREAM", " SIZE")) {
            assertTrue(r.lines().contains(f), f);
        }
    }

    @Test
    void directoryCommandsMoveAndReport() {
        assertEquals(List.of(250), codes(h.send("CWD pub")));
        assertEquals("\"/pub\" is the current directory", firstReply(h.send("PWD")).text());
        assertEquals(List.of(250), codes(h.send("CDUP")));
        assertEquals("/", h.s.cwd());
        assertEquals(List.of(550), codes(h.send("CWD /nowhere")));
        assertEquals(List.of(250), codes(h.send("CWD ../../..")));
    }

    @Test
    void typeModeAndStruAcceptWhatRfc959RequiresAndRefuseTheRest() {
        assertEquals(List.of(200), codes(h.send("TYPE I")));
        assertEquals(List.of(200), codes(h.send("TYPE A")));
        assertEquals(List.of(504), codes(h.send("TYPE E")));
        assertEquals(List.of(200), codes(h.send("MODE S")));
        assertEquals(List.of(504), codes(h.send("MODE B")));
        assertEquals(List.of(200), codes(h.send("STRU F")));
        assertEquals(List.of(504), codes(h.send("STRU R")));
    }

    @Test
    void sizeMdtmAndRestFollowRfc3659() {
        assertEquals(Reply.of(213, "12"), firstReply(h.send("SIZE /pub/hello.txt")));
        assertEquals(Reply.of(213, "20231114221320"), firstReply(h.send("MDTM /pub/hello.txt")));
        assertEquals(List.of(550), codes(h.send("SIZE /pub")));
        assertEquals(List.of(350), codes(h.send("REST 5")));
        assertEquals(List.of(350), codes(h.send("REST x"))); // vsftpd: position 0
    }

    @Test
    void unknownCommandsGet500AndUnimplementedOnes502() {
        assertEquals(List.of(500), codes(h.send("FROB")));
        assertEquals(List.of(), codes(h.send(""))); // vsftpd and proftpd ignore a blank line
        assertEquals(List.of(502), codes(h.send("SMNT /x")));
        assertEquals(List.of(200), codes(h.send("noop"))); // RFC 959 §5.3: not case-sensitive
    }

    @Test
    void anOverLongLineGetsVsftpds500AndEndsTheSession() {
        // vsftpd 3.0 ftpcmdio.c control_getline: "Input line too long.", then vsf_cmdio_write_exit
        List<Action> out = h.send("RETR " + "a".repeat(10_000));
        assertTrue(out.contains(new Action.SendReply(Reply.of(500, "Input line too long."))), out.toString());
        assertTrue(out.contains(new Action.CloseControl()), out.toString());
        assertEquals(ServerStates.Login.CLOSED, h.s.state());
    }

    @Test
    void renameNeedsRnfrImmediatelyBefore() {
        var w = new ServerHarness();
        w.send("USER alice");
        w.send("PASS secret");
        assertEquals(List.of(503), codes(w.send("RNTO /x")));
        assertEquals(List.of(350), codes(w.send("RNFR /pub/hello.txt")));
        w.send("NOOP");
        assertEquals(List.of(503), codes(w.send("RNTO /x")));
        w.send("RNFR /pub/hello.txt");
        assertEquals(List.of(250), codes(w.send("RNTO /pub/bye.txt")));
        assertEquals(List.of(257), codes(w.send("MKD /pub/d")));
        assertEquals(List.of(250), codes(w.send("RMD /pub/d")));
        assertEquals(List.of(250), codes(w.send("DELE /pub/bye.txt")));
        assertEquals(List.of(550), codes(w.send("DELE /pub/bye.txt")));
    }

    @Test
    void statHelpOptsAndAbortWithoutTransferAnswer() {
        assertEquals(211, firstReply(h.send("STAT")).code());
        assertEquals(213, firstReply(h.send("STAT /pub")).code());
        assertEquals(214, firstReply(h.send("HELP")).code());
        assertEquals(List.of(200), codes(h.send("OPTS UTF8 ON")));
        assertEquals(List.of(225), codes(h.send("ABOR")));
        assertEquals(List.of(502), codes(h.send("ACCT x"))); // vsftpd: "ACCT not implemented."
    }

    @Test
    void quitAnswers221AndClosesTheControlConnection() {
        var as = h.send("QUIT");
        assertEquals(List.of(221), codes(as));
        assertTrue(as.contains(new Action.CloseControl()));
    }
}
