package dev.ftpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.FailureReason;
import org.junit.jupiter.api.Test;

/** curl's exit code and transcript give the failure class the cells compare (curl(1) EXIT CODES). */
class CurlExitCodesMapToFailureClassesTest {
    private static final String PORT_REFUSED = """
            > PORT 192,0,2,10,149,19
            < 500 Illegal PORT command.
            * Failed to do PORT
            curl: (30) sa_addr inet_ntop() failed with errno 97: Address family not supported by protocol
            """;

    @Test
    void aRefusedPortIsTheServersReplyAndNoDataConnection() {
        assertEquals(new Verdict("reply 500", "none"), Verdict.ofCurl(30, PORT_REFUSED, 0, 0, true));
        assertEquals(500, Verdict.lastReply(PORT_REFUSED));
    }

    @Test
    void aBlackHoledEpsvOverIpv6IsATimeoutThoughCurlExitsWith8() {
        // curl 7.88.1, measured in the lab (cell "IPv6, server firewall without helper, EPSV
        // black-holed"): over IPv6 it cannot fall back to PASV and exits 8 (lib/ftp.c ftp_epsv_disable).
        assertEquals(new Verdict("timeout", "NEW"), Verdict.ofCurl(8, """
                < 229 Entering Extended Passive Mode (|||30027|)
                * Connecting to 2001:db8:2::10 (2001:db8:2::10) port 30027
                *   Trying [2001:db8:2::10]:30027...
                * connect to 2001:db8:2::10 port 30027 failed: Connection timed out
                * Failed to connect to 2001:db8:2::10 port 21 after 7155 ms: Couldn't connect to server
                * Failed EPSV attempt, exiting
                * Closing connection 0
                curl: (8) Failed to connect to 2001:db8:2::10 port 21 after 7155 ms: Couldn't connect to server
                """, 6, 0, true));
        assertEquals(new Verdict("refused", "NEW"), Verdict.ofCurl(8, """
                * connect to 2001:db8:2::10 port 30027 failed: Connection refused
                * Failed EPSV attempt, exiting
                """, 1, 0, true));
        assertEquals(new Verdict("unreachable", "NEW"), Verdict.ofCurl(8, """
                * connect to 2001:db8:2::10 port 30100 failed: Permission denied
                * Failed EPSV attempt, exiting
                """, 2, 0, true), "EACCES: ICMPv6 administratively prohibited");
    }

    @Test
    void anOperationTimeoutIsATimeout() {
        assertEquals(new Verdict("timeout", "NEW"), Verdict.ofCurl(28,
                "curl: (28) Failed to connect to 203.0.113.10 port 30064 after 7140 ms: Couldn't connect to server\n",
                3, 0, true));
    }

    @Test
    void a421IsTheServersReplyThoughCurlExitsWithItsTimeoutCode() {
        // curl 7.88.1 against a server answering EPSV with 421 and closing: exit 28; lib/ftp.c
        // ftp_readresp turns any 421 into CURLE_OPERATION_TIMEDOUT ("We got a 421 - timeout").
        assertEquals(new Verdict("reply 421", "none"), Verdict.ofCurl(28, """
                > EPSV
                < 421 Timeout.
                * We got a 421 - timeout
                curl: (28) Timeout was reached
                """, 0, 0, true));
    }

    @Test
    void aRefusedCwdIsTheReply550OnBothSidesNotARefusedConnection() {
        // curl 7.88.1 against a server answering CWD with 550: exit 9, "Server denied you to change
        // to the given directory"; ftpsim records it as 'command refused' after the same reply.
        assertEquals(new Verdict("reply 550", "none"), Verdict.ofCurl(9, """
                > CWD d
                < 550 Failed to change directory.
                curl: (9) Server denied you to change to the given directory
                """, 0, 0, true));
        final FtpSessionRecord sim = new FtpSessionRecord(new FtpSessionRecord.Identity("client", 0, "EPSV"),
                new FtpSessionRecord.Timings(0, 1, 2, -1, 9), new FtpSessionRecord.Transfer(0, 0),
                new FtpSessionRecord.Outcome(true, FailureReason.COMMAND_REFUSED, null, 550,
                        "Failed to change directory."), new FtpSessionRecord.DataPath(0));
        assertEquals(new Verdict("reply 550", "none"), Verdict.ofSimulation(sim, "no data connection"));
    }

    @Test
    void aServerThatStopsAnsweringIsATimeoutOnBothSides() {
        // curl 7.88.1 against a server silent after RETR: exit 28 ("Timeout was reached") 120 s
        // later; ftpsim's curl gives up on the reply at the same time with 'reply timed out'.
        assertEquals(new Verdict("timeout", "none"), Verdict.ofCurl(28, """
                > RETR f.bin
                curl: (28) Timeout was reached
                """, 0, 0, true));
        final FtpSessionRecord sim = new FtpSessionRecord(new FtpSessionRecord.Identity("client", 0, "EPSV"),
                new FtpSessionRecord.Timings(0, 1, 2, -1, 9), new FtpSessionRecord.Transfer(0, 1),
                new FtpSessionRecord.Outcome(true, FailureReason.REPLY_TIMEOUT, null, 213, "5"),
                new FtpSessionRecord.DataPath(0));
        assertEquals(new Verdict("timeout", "none"), Verdict.ofSimulation(sim, "no data connection"));
    }

    @Test
    void aCouldNotConnectSaysInItsVerboseLinesWhetherItWasRefusedOrTimedOut() {
        assertEquals("refused", Verdict.ofCurl(7, """
                *   Trying 198.51.100.1:30011...
                * connect to 198.51.100.1 port 30011 failed: Connection refused
                * Failed to connect to 198.51.100.1 port 30011 after 2 ms: Couldn't connect to server
                curl: (7) Failed to connect to 198.51.100.1 port 30011 after 2 ms: Couldn't connect to server
                """, 1, 0, true).outcome());
        assertEquals("timeout", Verdict.ofCurl(7, """
                * connect to 198.51.100.1 port 30011 failed: Connection timed out
                curl: (7) Failed to connect to 198.51.100.1 port 30011 after 7140 ms: Couldn't connect to server
                """, 1, 0, true).outcome());
    }

    @Test
    void aFailedRetrIsTheReplyThatEndedIt() {
        final String t = "< 200 PORT command successful. Consider using PASV.\n> RETR file.bin\n"
                + "< 425 Failed to establish connection.\ncurl: (19) RETR response: 425\n";
        assertEquals(new Verdict("reply 425", "NEW"), Verdict.ofCurl(19, t, 3, 0, true));
    }

    @Test
    void aRelatedSynCountsAsRelatedEvenWhenItsRetransmissionWasNew() {
        assertEquals("RELATED", Verdict.ofCurl(0, "", 1, 1, true).dataState());
        assertEquals("-", Verdict.ofCurl(0, "", 1, 0, false).dataState());
    }

    @Test
    void theCellTableNotationReadsBack() {
        assertEquals(new Verdict("reply 425", "NEW"), Verdict.parse("reply 425, NEW"));
        assertEquals("timeout, none", new Verdict("timeout", "none").toString());
    }
}
