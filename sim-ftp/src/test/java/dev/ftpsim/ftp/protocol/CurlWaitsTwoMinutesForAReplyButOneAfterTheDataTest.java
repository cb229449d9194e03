package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * curl's reply timeouts. Recorded with curl 7.88.1 (no --ftp-response-timeout) against a scripted
 * server that stops answering: silent after PASS, after RETR, or in a greeting's continuation
 * lines, curl gave up each time 120 s later with exit 28 ("Timeout was reached"), not 60 s. Its
 * source: RESP_TIMEOUT (120*1000) in lib/urldata.h, and 60 s only for the reply that follows the
 * transfer's data (lib/ftp.c ftp_done: "give it only a minute for now").
 */
class CurlWaitsTwoMinutesForAReplyButOneAfterTheDataTest {
    private static final long S = 1_000_000_000L;
    private ClientSession c;

    private List<Action> reply(final String line) {
        return c.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static long replyTimer(final List<Action> as) {
        return as.stream().filter(a -> a instanceof Action.StartTimer t && t.timer() == Timer.REPLY)
                .mapToLong(a -> ((Action.StartTimer) a).nanos()).reduce((x, y) -> y).orElse(-1);
    }

    @Test
    void aSilentServerIsGivenTwoMinutesForEachCommandAndOneForTheReplyAfterTheData() {
        c = new ClientSession(ClientProfiles.curl().build(), List.of(new ClientOp.Login("anonymous", "a@b"),
                new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        assertEquals(120 * S, replyTimer(c.start()), "greeting");
        reply("220 hi");
        assertEquals(120 * S, replyTimer(reply("331 pw")), "PASS");
        reply("230 in");
        reply("257 \"/\" is the current directory");
        reply("229 Entering Extended Passive Mode (|||30000|)");
        assertEquals(120 * S, replyTimer(c.handle(new Input.DataConnected(0xCB00710A, 30000))), "TYPE");
        reply("200 binary");
        assertEquals(120 * S, replyTimer(reply("213 1")), "RETR");
        reply("150 here");
        assertEquals(60 * S, replyTimer(c.handle(new Input.DataClosed(false))), "226 after the data");
        c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
    }

    @Test
    void aResponseTimeoutOfTheUsersBoundsTheReplyAfterTheDataToo() {
        c = new ClientSession(ClientProfiles.curl().replyNanos(5 * S).endReplyNanos(0).build(),
                List.of(new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        reply("220 hi");
        reply("229 Entering Extended Passive Mode (|||30000|)");
        c.handle(new Input.DataConnected(0xCB00710A, 30000));
        reply("200 binary");
        reply("213 1");
        reply("150 here");
        final List<Action> as = c.handle(new Input.DataClosed(false));
        assertEquals(5 * S, replyTimer(as));
    }
}
