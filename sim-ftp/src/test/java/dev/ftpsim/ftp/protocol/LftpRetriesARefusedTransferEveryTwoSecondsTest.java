package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2 does not give up on a transfer command refused with a 4xx (ftpclass.cc NoFileCheck:
 * "retry after 2 seconds", NetAccess.cc NextTry counting against net:max-retries). Recorded with
 * {@code lftp -c 'set net:max-retries 3; open -u u,p HOST; get f.bin'} against a scripted server
 * answering every RETR with "425 Failed to establish connection.": PASV, RETR, 425, and 2 s later
 * PASV, RETR again, three times in all on the one control connection, then QUIT and "get: f.bin:
 * Fatal error: max-retries exceeded" (exit 1); with the default 1000 it went on every 2 s. A 426
 * after the 150 (no data) was retried alike; a 550 was not.
 */
class LftpRetriesARefusedTransferEveryTwoSecondsTest {
    private static final int CLIENT = 0x0A00000A, SERVER = 0x0A00000B;

    private static List<String> sent(final List<Action> as) {
        final var out = new ArrayList<String>();
        for (final Action a : as) {
            if (a instanceof Action.SendCommand c) {
                out.add(c.line());
            }
        }
        return out;
    }

    private static List<Action> feed(final ClientSession c, final String lines) {
        return c.handle(new Input.ControlBytes(lines.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Logged in, TYPE, SIZE and MDTM answered, and the first PASV's data connection up: RETR is out. */
    private static ClientSession atRetr(final ClientOptions o, final ClientOp op) {
        final ClientSession c = new ClientSession(o, List.of(new ClientOp.Login("u", "p"), op), CLIENT, 40000, SERVER);
        c.start();
        feed(c, "220 hi\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\"\r\n200 binary\r\n");
        if (op instanceof ClientOp.Retr) {
            feed(c, "213 1\r\n213 19700101000000\r\n");
        }
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,48).\r\n");
        assertEquals(List.of(op instanceof ClientOp.Retr ? "RETR f.bin" : "STOR f.bin"),
                sent(c.handle(new Input.DataConnected(SERVER, 30000))));
        return c;
    }

    /** A refused try: the 2 s wait, then PASV and the command again on the same connection. */
    private static void retried(final ClientSession c, final String reply, final String command) {
        final List<Action> after = feed(c, reply);
        assertTrue(after.contains(new Action.StartTimer(Timer.PAUSE, 2_000_000_000L)), after.toString());
        assertEquals(List.of(), sent(after), "nothing sent during the 2 s");
        assertTrue(after.stream().noneMatch(a -> a instanceof Action.CloseControl), after.toString());
        assertEquals(List.of("PASV"), sent(c.handle(new Input.TimerFired(Timer.PAUSE))));
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,49).\r\n");
        assertEquals(List.of(command), sent(c.handle(new Input.DataConnected(SERVER, 30001))));
    }

    @Test
    void threeRetrsTwoSecondsApartThenQuitWithNetMaxRetries3() {
        final ClientSession c = atRetr(ClientProfiles.lftp().maxRetries(3).build(), new ClientOp.Retr("f.bin"));
        retried(c, "425 Failed to establish connection.\r\n", "RETR f.bin");
        retried(c, "425 Failed to establish connection.\r\n", "RETR f.bin");
        assertEquals(List.of("QUIT"), sent(feed(c, "425 Failed to establish connection.\r\n")));
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
        assertEquals(425, c.record().lastReply().code());
    }

    @Test
    void theProfileKeepsTryingPastTheThirdAndASuccessEndsWell() {
        final ClientSession c = atRetr(ClientProfiles.lftp().build(), new ClientOp.Retr("f.bin"));
        for (int i = 0; i < 5; i++) {
            retried(c, "425 Failed to establish connection.\r\n", "RETR f.bin");
        }
        retried(c, "150 Opening BINARY mode data connection.\r\n426 Failure writing network stream.\r\n", "RETR f.bin");
        feed(c, "150 Opening BINARY mode data connection.\r\n");
        c.handle(new Input.DataReceived("x".getBytes(StandardCharsets.US_ASCII), 1));
        c.handle(new Input.DataClosed(false));
        assertEquals(List.of("QUIT"), sent(feed(c, "226 Transfer complete.\r\n")));
        feed(c, "221 Goodbye.\r\n");
        assertEquals(FailureReason.NONE, c.record().reason());
        assertEquals(1, c.record().dataBytes());
    }

    @Test
    void aLateAnswerToAKeepaliveNoopDuringTheWaitIsNoProtocolError() {
        final ClientSession c = atRetr(ClientProfiles.lftp().keepaliveNanos(10_000_000_000L).build(),
                new ClientOp.Retr("f.bin"));
        feed(c, "150 Opening BINARY mode data connection.\r\n");
        assertEquals(List.of("NOOP"), sent(c.handle(new Input.TimerFired(Timer.KEEPALIVE))));
        feed(c, "426 Failure writing network stream.\r\n");
        assertEquals(List.of(), sent(feed(c, "200 NOOP ok.\r\n")));
        assertEquals(FailureReason.NONE, c.record().reason());
        assertEquals(List.of("PASV"), sent(c.handle(new Input.TimerFired(Timer.PAUSE))));
    }

    @Test
    void aMissingFileIsNotRetried() {
        final ClientSession c = atRetr(ClientProfiles.lftp().build(), new ClientOp.Retr("f.bin"));
        assertEquals(List.of("QUIT"), sent(feed(c, "550 Failed to open file.\r\n")));
        assertEquals(FailureReason.FILE_UNAVAILABLE, c.record().reason());
    }

    @Test
    void anUploadRefusedBeforeItsDataIsRetriedButNotAfterA426() {
        final var put = new ClientOp.Stor("f.bin", "z".getBytes(StandardCharsets.US_ASCII), 1);
        final ClientSession c = atRetr(ClientProfiles.lftp().build(), put);
        retried(c, "425 Failed to establish connection.\r\n", "STOR f.bin");
        // ftpclass.cc TransferCheck: "426 && mode==STORE" is FATAL
        assertEquals(List.of("QUIT"), sent(feed(c, "150 Ok to send data.\r\n426 Failure writing network stream.\r\n")));
        assertEquals(FailureReason.TRANSFER_FAILED, c.record().reason());
    }

    @Test
    void otherProfilesStillFailAtTheFirst425() {
        final ClientSession c = new ClientSession(ClientProfiles.pythonFtplib().build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("f.bin")), CLIENT, 40000, SERVER);
        c.start();
        feed(c, "220 hi\r\n331 pw\r\n230 in\r\n200 binary\r\n227 Entering Passive Mode (10,0,0,11,117,48).\r\n");
        c.handle(new Input.DataConnected(SERVER, 30000));
        assertEquals(List.of("QUIT"), sent(feed(c, "425 Failed to establish connection.\r\n")));
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
    }
}
