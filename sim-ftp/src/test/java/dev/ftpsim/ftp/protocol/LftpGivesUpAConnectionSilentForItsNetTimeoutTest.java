package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2's net:timeout (default 5m, resource.cc) bounds every wait on the server: recorded
 * against a scripted server with {@code set net:timeout 3}, silent after PASS or after RETR, lftp
 * said "Timeout - reconnecting" 3 s later and closed the connection without QUIT; with a black-holed
 * passive data port it gave up the data connect after net:timeout as well.
 */
class LftpGivesUpAConnectionSilentForItsNetTimeoutTest {
    private static final long FIVE_MINUTES = 300_000_000_000L;

    private static List<Action> feed(final ClientSession c, final String lines) {
        return c.handle(new Input.ControlBytes(lines.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aRepliesWaitAndADataConnectEndAfterFiveMinutes() {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/f")), 0x0A00000A, 40000,
                0xCB00710A);
        c.start();
        feed(c, "220 hi\r\n211 End\r\n"); // lftp sends FEAT first
        assertTrue(feed(c, "331 pw\r\n").contains(new Action.StartTimer(Timer.REPLY, FIVE_MINUTES)));
        feed(c, "230 in\r\n257 \"/\"\r\n200 binary\r\n213 1\r\n213 19700101000000\r\n"); // PWD, TYPE, SIZE, MDTM
        assertTrue(feed(c, "227 Entering Passive Mode (203,0,113,10,117,48).\r\n")
                .contains(new Action.StartTimer(Timer.DATA_CONNECT, FIVE_MINUTES)));
        final List<Action> as = c.handle(new Input.DataConnected(0xCB00710A, 30000));
        assertTrue(as.contains(new Action.StartTimer(Timer.REPLY, FIVE_MINUTES)), as.toString());
        final List<Action> end = c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
        assertTrue(end.contains(new Action.CloseControl()), end.toString());
        assertTrue(end.stream().noneMatch(a -> a instanceof Action.SendCommand), "no QUIT: " + end);
    }
}
