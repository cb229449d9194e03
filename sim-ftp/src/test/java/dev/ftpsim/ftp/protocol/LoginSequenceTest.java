package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 959 §5.4 login sequence, and RFC 2577 §5's limit on password guessing. */
class LoginSequenceTest {

    @Test
    void theServerGreetsWith220AndStartsTheIdleTimer() {
        var h = new ServerHarness();
        assertEquals(List.of(220), codes(h.last));
        assertEquals(new Action.StartTimer(Timer.CONTROL_IDLE, 300_000_000_000L), h.last.get(1));
    }

    @Test
    void userThenPassLogsAConfiguredUserIn() {
        var h = new ServerHarness();
        assertEquals(List.of(331), codes(h.send("USER alice")));
        assertEquals(List.of(230), codes(h.send("PASS secret")));
        assertEquals(ServerStates.Login.READY, h.s.state());
    }

    @Test
    void retrListAndCwdBeforeLoginGet530() {
        var h = new ServerHarness();
        assertEquals(List.of(530), codes(h.send("RETR /pub/hello.txt")));
        assertEquals(List.of(530), codes(h.send("LIST")));
        assertEquals(List.of(530), codes(h.send("CWD /pub")));
        assertEquals(List.of(530), codes(h.send("PASV")));
    }

    @Test
    void passWithoutUserGets503() {
        assertEquals(List.of(503), codes(new ServerHarness().send("PASS x")));
    }

    @Test
    void aWrongPasswordGets530AndNeedsANewUser() {
        var h = new ServerHarness();
        h.send("USER alice");
        assertEquals(List.of(530), codes(h.send("PASS wrong")));
        assertEquals(ServerStates.Login.NEED_USER, h.s.state());
    }

    @Test
    void theThirdFailedPasswordGets421AndClosesTheSession() {
        var h = new ServerHarness();
        for (int i = 0; i < 2; i++) {
            h.send("USER alice");
            assertEquals(List.of(530), codes(h.send("PASS wrong")));
        }
        h.send("USER alice");
        var as = h.send("PASS wrong");
        assertEquals(List.of(421), codes(as));
        assertNotNull(ServerHarness.find(as, Action.CloseControl.class));
        assertEquals(ServerStates.Login.CLOSED, h.s.state());
        assertEquals(List.of(), h.send("NOOP"));
    }

    @Test
    void anonymousLoginAcceptsAnyPasswordButRefusesWrites() {
        var h = new ServerHarness().login();
        assertEquals(ServerStates.Login.READY, h.s.state());
        assertEquals(List.of(550), codes(h.send("MKD /new")));
        assertEquals(List.of(550), codes(h.send("DELE /pub/hello.txt")));
    }

    @Test
    void anotherUserAfterLoginIsRefused() {
        var h = new ServerHarness().login();
        assertEquals(List.of(530), codes(h.send("USER alice")));
    }

    @Test
    void aSessionOverTheLimitGets421AndIsClosed() {
        var as = ServerSession.refuse(ServerOptions.builder().maxSessions(1).build());
        assertEquals(List.of(421), codes(as));
        assertEquals(new Action.CloseControl(), as.get(1));
    }
}
