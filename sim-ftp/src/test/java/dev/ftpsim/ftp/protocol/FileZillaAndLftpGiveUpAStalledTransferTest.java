package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FileZilla's timeout is one of inactivity, and the data counts as activity (3.62
 * controlsocket.cpp OnTimer, "Connection timed out after 20 seconds of inactivity";
 * transfersocket.cpp calls SetAlive for the data), and lftp's net:timeout is reset by the data's
 * I/O too (ftpclass.cc DATA_OPEN_STATE, timeout_timer.Reset). So a transfer whose data stops (a
 * path that broke mid-transfer) ends one timeout later, while one whose data keeps moving never
 * times out. ftpsim's clients armed no timer between the 150 and the end of the data: a stalled
 * transfer waited for TCP to give up (about 15 minutes) or for the server.
 */
class FileZillaAndLftpGiveUpAStalledTransferTest {
    private static final int CLIENT = 0x0A00000A, SERVER = 0x0A00000B;

    private static List<Action> feed(final ClientSession c, final String lines) {
        return c.handle(new Input.ControlBytes(lines.getBytes(StandardCharsets.US_ASCII)));
    }

    private static ClientSession downloading(final ClientOptions o, final String... login) {
        final ClientSession c = new ClientSession(o, List.of(new ClientOp.Login("anonymous", "a@b"),
                new ClientOp.Retr("/f")), CLIENT, 40000, SERVER);
        c.start();
        for (final String r : login) {
            feed(c, r + "\r\n");
        }
        c.handle(new Input.DataConnected(SERVER, 30000));
        final List<Action> after150 = feed(c, "150 Opening BINARY mode data connection.\r\n");
        assertTrue(after150.contains(new Action.StartTimer(Timer.REPLY, o.replyNanos())), after150.toString());
        return c;
    }

    private static void stallsAfterProgress(final ClientSession c) {
        c.handle(new Input.DataReceived(new byte[1000], 1000));
        final List<Action> moving = c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.NONE, c.record().reason(), "the data moved: no timeout");
        assertTrue(moving.stream().anyMatch(a -> a instanceof Action.StartTimer s && s.timer() == Timer.REPLY),
                moving.toString());
        final List<Action> stalled = c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
        assertTrue(stalled.contains(new Action.CloseControl()), stalled.toString());
        assertTrue(stalled.stream().noneMatch(a -> a instanceof Action.SendCommand), "no QUIT: " + stalled);
    }

    @Test
    void fileZillaEndsADownloadWhoseDataStoppedAfterItsTwentySeconds() {
        final ClientSession c = downloading(ClientProfiles.filezilla().build(), "220 hi", "530 no", "530 no",
                "331 pw", "230 in", "215 UNIX Type: L8", "211 End", "200 binary",
                "227 Entering Passive Mode (10,0,0,11,117,48).");
        stallsAfterProgress(c);
    }

    @Test
    void lftpEndsADownloadWhoseDataStoppedAfterNetTimeout() {
        final ClientSession c = downloading(ClientProfiles.lftp().build(), "220 hi", "211 End", "331 pw", "230 in",
                "257 \"/\"", "200 binary", "213 1000000", "213 19700101000000",
                "227 Entering Passive Mode (10,0,0,11,117,48).");
        stallsAfterProgress(c);
    }

    @Test
    void anUploadsAcknowledgedBytesCountAsProgress() {
        final ClientSession c = new ClientSession(ClientProfiles.filezilla().build(), List.of(
                new ClientOp.Login("anonymous", "a@b"), new ClientOp.Stor("/up", null, 10_000_000)), CLIENT, 40000, SERVER);
        c.start();
        for (final String r : new String[] {"220 hi", "530 no", "530 no", "331 pw", "230 in", "215 UNIX Type: L8",
                "211 End", "200 binary", "227 Entering Passive Mode (10,0,0,11,117,48)."}) {
            feed(c, r + "\r\n");
        }
        c.handle(new Input.DataConnected(SERVER, 30000));
        feed(c, "150 Ok to send data.\r\n");
        c.bulkSent(65536);
        c.handle(new Input.TimerFired(Timer.REPLY));
        assertEquals(FailureReason.NONE, c.record().reason());
    }

    @Test
    void ftplibStillArmsNoTimerDuringTheData() {
        final ClientSession c = new ClientSession(ClientProfiles.pythonFtplib().replyNanos(60_000_000_000L).build(),
                List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")), CLIENT, 40000, SERVER);
        c.start();
        for (final String r : new String[] {"220 hi", "331 pw", "230 in", "200 binary",
                "227 Entering Passive Mode (10,0,0,11,117,48)."}) {
            feed(c, r + "\r\n");
        }
        c.handle(new Input.DataConnected(SERVER, 30000));
        final List<Action> after150 = feed(c, "150 Opening BINARY mode data connection.\r\n");
        assertTrue(after150.stream().noneMatch(a -> a instanceof Action.StartTimer s && s.timer() == Timer.REPLY),
                after150.toString());
    }
}
