package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RETR after PASV, and the client's data connection never comes: vsftpd answers 425 after
 * accept_timeout and the session goes on (privops.c vsf_privop_accept_pasv, ftpdataio.c);
 * proftpd's TimeoutStalled ends the session without a reply (data.c stalled_timeout_cb).
 */
class AServerWaitingForAPassiveConnectionGivesUpAsItsSourceSaysTest {
    private static List<Action> retrThenTimeout(final ServerHarness h) {
        h.login();
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        final List<Action> retr = h.send("RETR /pub/hello.txt");
        assertTrue(retr.stream().anyMatch(a -> a instanceof Action.StartTimer t && t.timer() == Timer.DATA_CONNECT),
                "the accept waits under a timer");
        assertNull(firstReply(retr), "nothing is answered until the connection comes or the timer runs out");
        return h.feed(new Input.TimerFired(Timer.DATA_CONNECT));
    }

    @Test
    void vsftpdAnswers425AndKeepsTheSession() {
        final ServerHarness h = new ServerHarness(ServerProfiles.vsftpd().build());
        final List<Action> as = retrThenTimeout(h);
        assertEquals(Reply.of(425, "Failed to establish connection."), firstReply(as));
        assertFalse(as.contains(new Action.CloseControl()));
        assertEquals(200, firstReply(h.send("NOOP")).code());
    }

    @Test
    void proftpdEndsTheSessionWithoutAReply() {
        final ServerHarness h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build());
        final List<Action> as = retrThenTimeout(h);
        assertNull(firstReply(as), as.toString());
        assertTrue(as.contains(new Action.CloseControl()), as.toString());
    }
}
