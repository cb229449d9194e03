package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lftp goes on with a download that had moved data from the bytes it has: {@code REST n} before
 * {@code RETR} (ftpclass.cc real_pos, "REST %lld"). Measured with lftp 4.9.2 against vsftpd 3.0.3
 * ({@code lftp -e 'get /pub/f.bin; bye' HOST}, a 20 MB file at 2 MB/s) in two namespaces:
 * <ul>
 *   <li>an nft rule resetting the data connection after 3 s: "data-socket: Connection reset by
 *   peer", "Closing data socket", vsftpd's "426 Failure writing network stream." 3 s later, 2 s
 *   after that PASV, "REST 6094472", "350 Restart position accepted (6094472).", RETR, 226, on the
 *   same control connection; the file came whole;</li>
 *   <li>an nft rule dropping the data for 9 s with vsftpd's data_connection_timeout=6: "421 Data
 *   timeout. Reconnect. Sorry.", and 15 s later a new connection: FEAT, USER, PASS, TYPE I, PASV,
 *   "REST 6160008", RETR (no PWD, SIZE or MDTM), 226; the file came whole.</li>
 * </ul>
 */
class LftpResumesADownloadWithRestTest {
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

    /** Logged in, TYPE, SIZE, MDTM and PASV answered, RETR answered 150 and {@code n} bytes in. */
    private static ClientSession downloading(final long n) {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/pub/f.bin")), CLIENT, 40000, SERVER);
        c.start();
        feed(c, "220 (vsFTPd 3.0.3)\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\" is the current directory\r\n"
                + "200 Switching to Binary mode.\r\n213 20000000\r\n213 20261208001545\r\n");
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,53).\r\n");
        assertEquals(List.of("RETR pub/f.bin"), sent(c.handle(new Input.DataConnected(SERVER, 30005))));
        feed(c, "150 Opening BINARY mode data connection for pub/f.bin (20000000 bytes).\r\n");
        c.handle(new Input.DataReceived(null, n));
        return c;
    }

    @Test
    void aResetDataConnectionIsResumedWithRestOnTheSameConnectionAfterThe426() {
        final ClientSession c = downloading(6_094_472);
        final List<Action> reset = c.handle(new Input.DataClosed(true));
        assertEquals(List.of(), sent(reset), "lftp closes the data socket and waits for the reply");
        assertTrue(reset.stream().noneMatch(a -> a instanceof Action.Finished), reset.toString());
        final List<Action> after = feed(c, "426 Failure writing network stream.\r\n");
        assertTrue(after.contains(new Action.StartTimer(Timer.PAUSE, 2_000_000_000L)), after.toString());
        assertEquals(List.of("PASV"), sent(c.handle(new Input.TimerFired(Timer.PAUSE))));
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,55).\r\n");
        assertEquals(List.of("REST 6094472"), sent(c.handle(new Input.DataConnected(SERVER, 30007))));
        assertEquals(List.of("RETR pub/f.bin"), sent(feed(c, "350 Restart position accepted (6094472).\r\n")));
        feed(c, "150 Opening BINARY mode data connection for pub/f.bin (20000000 bytes).\r\n");
        c.handle(new Input.DataReceived(null, 20_000_000 - 6_094_472));
        c.handle(new Input.DataClosed(false));
        assertEquals(List.of("QUIT"), sent(feed(c, "226 Transfer complete.\r\n")));
        feed(c, "221 Goodbye.\r\n");
        assertEquals(FailureReason.NONE, c.record().reason());
        assertEquals(20_000_000, c.record().dataBytes(), "each byte counted once");
    }

    @Test
    void aResetWhoseReplyIs226IsResumedToo() {
        final ClientSession c = downloading(1000);
        c.handle(new Input.DataClosed(true));
        assertTrue(feed(c, "226 Transfer complete.\r\n").contains(new Action.StartTimer(Timer.PAUSE, 2_000_000_000L)));
        assertEquals(List.of("PASV"), sent(c.handle(new Input.TimerFired(Timer.PAUSE))));
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,55).\r\n");
        assertEquals(List.of("REST 1000"), sent(c.handle(new Input.DataConnected(SERVER, 30007))));
    }

    @Test
    void a421DuringTheDownloadReconnectsAndTheNextConnectionSendsRestWithoutSizeOrMdtm() {
        final ClientSession c = downloading(6_160_008);
        final List<Action> gone = feed(c, "421 Data timeout. Reconnect. Sorry.\r\n");
        assertEquals(List.of(), sent(gone), "no QUIT: lftp reconnects");
        assertTrue(c.reconnects());
        assertTrue(c.triedAtFailure(), "the 421 answered the RETR: the reconnect interval counts from it");
        assertEquals(6_160_008, c.restartPos());
        final ClientSession next = new ClientSession(ClientProfiles.lftp().build(), c.resumeScript(), CLIENT, 40002,
                SERVER).knowingHome(c.home()).knowingRestart(c.restartPos());
        next.start();
        final List<String> wire = new ArrayList<>();
        for (final String r : List.of("220 (vsFTPd 3.0.3)", "211 End", "331 pw", "230 in", "200 Switching to Binary mode.")) {
            wire.addAll(sent(feed(next, r + "\r\n")));
        }
        wire.addAll(sent(feed(next, "227 Entering Passive Mode (10,0,0,11,117,48).\r\n")));
        wire.addAll(sent(next.handle(new Input.DataConnected(SERVER, 30000))));
        wire.addAll(sent(feed(next, "350 Restart position accepted (6160008).\r\n")));
        assertEquals(List.of("FEAT", "USER anonymous", "PASS lftp@", "TYPE I", "PASV", "REST 6160008", "RETR pub/f.bin"),
                wire);
    }

    /** A connection that fails again before it gets to the download keeps the position for the next. */
    @Test
    void thePositionOutlivesAConnectionThatFailsBeforeTheDownload() {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/pub/f.bin")), CLIENT, 40000, SERVER)
                .knowingRestart(5000);
        c.start();
        feed(c, "421 Too many users\r\n");
        assertTrue(c.reconnects());
        assertEquals(5000, c.restartPos());
    }

    @Test
    void aServerRefusingRestWith5xxGetsTheWholeFileAgain() {
        final ClientSession c = downloading(1000);
        c.handle(new Input.DataClosed(true));
        feed(c, "426 Failure writing network stream.\r\n");
        c.handle(new Input.TimerFired(Timer.PAUSE));
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,55).\r\n");
        assertEquals(List.of("REST 1000"), sent(c.handle(new Input.DataConnected(SERVER, 30007))));
        // ftpclass.cc RestCheck: "Switching to NOREST mode", and RETR from the start
        assertEquals(List.of("RETR pub/f.bin"), sent(feed(c, "502 REST not implemented.\r\n")));
    }

    @Test
    void anUploadWhoseDataWasResetStillFails() {
        final var put = new ClientOp.Stor("f.bin", null, 10_000);
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), put), CLIENT, 40000, SERVER);
        c.start();
        feed(c, "220 hi\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\"\r\n200 binary\r\n");
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,53).\r\n");
        c.handle(new Input.DataConnected(SERVER, 30005));
        feed(c, "150 Ok to send data.\r\n");
        c.handle(new Input.DataClosed(true));
        assertEquals(FailureReason.TRANSFER_FAILED, c.record().reason());
        assertFalse(c.reconnects(), "lftp's STORE_FAILED");
    }
}
