package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pause in a client script: nothing is sent until it ends, and a server's 421 meanwhile ends the session. */
class AWaitStepPausesBetweenCommandsTest {
    private static final long PAUSE = 30_000_000_000L;

    private static List<Action> reply(final ClientSession c, final String line) {
        return c.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> commands(final List<Action> as) {
        return as.stream().filter(Action.SendCommand.class::isInstance).map(a -> ((Action.SendCommand) a).line())
                .toList();
    }

    private static ClientSession loggedInAndWaiting(final List<Action> afterLogin) {
        final ClientSession c = new ClientSession(ClientOptions.defaults(), List.of(new ClientOp.Login("alice", "pw"),
                new ClientOp.Wait(PAUSE), new ClientOp.Cwd("/pub")), 0x0a000002, 40000, 0x0a000001);
        c.start();
        assertEquals(List.of("USER alice"), commands(reply(c, "220 ready")));
        assertEquals(List.of("PASS pw"), commands(reply(c, "331 Please specify the password.")));
        afterLogin.addAll(reply(c, "230 Login successful."));
        return c;
    }

    @Test
    void theNextCommandGoesOnlyWhenThePauseEnds() {
        final List<Action> afterLogin = new java.util.ArrayList<>();
        final ClientSession c = loggedInAndWaiting(afterLogin);
        assertEquals(List.of(), commands(afterLogin));
        assertEquals(1, afterLogin.stream().filter(new Action.StartTimer(Timer.PAUSE, PAUSE)::equals).count());
        assertEquals(ClientSession.Step.WAITING, c.step());
        assertEquals(List.of("CWD /pub"), commands(c.handle(new Input.TimerFired(Timer.PAUSE))));
    }

    @Test
    void aServerTimeoutDuringThePauseEndsTheSession() {
        final ClientSession c = loggedInAndWaiting(new java.util.ArrayList<>());
        reply(c, "421 No transfer timeout (10 seconds): closing control connection");
        assertEquals(FailureReason.SERVICE_UNAVAILABLE, c.record().reason());
        assertEquals(ClientSession.Step.DONE, c.step());
        assertEquals(List.of(), commands(c.handle(new Input.TimerFired(Timer.PAUSE))));
    }
}
