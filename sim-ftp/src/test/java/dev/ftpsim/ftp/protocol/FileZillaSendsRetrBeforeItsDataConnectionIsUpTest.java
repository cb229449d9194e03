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
 * FileZilla sends RETR as soon as its passive data connect has begun (rawtransfer.cpp,
 * rawtransfer_transfer); curl and the others send it once the connection is up. Driven reply by reply.
 */
class FileZillaSendsRetrBeforeItsDataConnectionIsUpTest {
    private final List<String> sent = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private ClientSession c;

    private void start(final ClientOptions o) {
        c = new ClientSession(o, List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")),
                0xC633640A, 40000, 0xCB00710A);
        c.start();
        reply("220 hi");
        if (o.filezillaSequence()) {
            reply("530 Please login with USER and PASS."); // AUTH TLS
            reply("530 Please login with USER and PASS."); // AUTH SSL
        }
        reply("331 pw");
        reply("230 in");
        if (o.filezillaSequence()) {
            reply("215 UNIX Type: L8"); // SYST
            reply("211-Features:\r\n EPSV\r\n PASV\r\n211 End"); // FEAT
        }
        reply("200 binary");
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
    }

    private void reply(final String line) {
        feed(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private void feed(final Input in) {
        final List<Action> as = c.handle(in);
        actions.addAll(as);
        as.stream().filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
    }

    private int indexOf(final Class<? extends Action> type) {
        for (int i = 0; i < actions.size(); i++) {
            if (type.isInstance(actions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void filezillaSendsRetrRightAfterStartingTheConnect() {
        start(ClientProfiles.filezilla().build());
        assertEquals("RETR /f", sent.get(sent.size() - 1), "RETR goes out before any DataConnected");
        assertTrue(indexOf(Action.ConnectData.class) >= 0 && indexOf(Action.ConnectData.class) < actions.size() - 1);
        assertTrue(c.dataOpen(), "the connect is still under way");
    }

    @Test
    void curlWaitsForTheDataConnectionBeforeRetr() {
        start(ClientProfiles.curl().mode(ClientOptions.DataMode.PASV).build());
        assertEquals("PASV", sent.get(sent.size() - 1));
        feed(new Input.DataConnected(0xCB00710A, 30001));
        // curl 7.88.1: the TYPE and SIZE follow the data connection, then the RETR of the file's name
        assertEquals("TYPE I", sent.get(sent.size() - 1));
        reply("200 Switching to Binary mode.");
        reply("213 3");
        assertEquals("RETR f", sent.get(sent.size() - 1));
    }

    @Test
    void theServers425EndsTheTransferWithThatReplyAndTheClientSaysQuit() {
        // one try: the queue's retries are FileZillaRetriesAFailedTransferFromItsQueueTest's
        start(ClientProfiles.filezilla().replyNanos(0).maxRetries(0).build());
        reply("425 Failed to establish connection.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertTrue(actions.stream().anyMatch(a -> a instanceof Action.CloseData cd && cd.abort()), "the connect is dropped");
        reply("221 Goodbye.");
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
        assertEquals(425, c.record().lastReply().code());
        assertFalse(c.dataOpen());
    }

    @Test
    void theDownloadWorksWhenTheConnectionComesUpAfterRetr() {
        start(ClientProfiles.filezilla().build());
        feed(new Input.DataConnected(0xCB00710A, 30001));
        reply("150 Opening BINARY mode data connection for /f (3 bytes).");
        feed(new Input.DataReceived(new byte[] {1, 2, 3}, 3));
        feed(new Input.DataClosed(false));
        reply("226 Transfer complete.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        reply("221 Goodbye.");
        assertEquals(FailureReason.NONE, c.record().reason());
        assertEquals(3, c.record().dataBytes());
    }

    @Test
    void aRefusedConnectStillWaitsForTheReplyToRetrAsFileZillasTransferEndDoes() {
        // one try: the queue's retries are FileZillaRetriesAFailedTransferFromItsQueueTest's
        start(ClientProfiles.filezilla().maxRetries(0).build());
        final int before = sent.size();
        feed(new Input.DataConnectFailed("refused"));
        assertEquals(before, sent.size(), "no QUIT yet: rawtransfer_waittransferpre");
        reply("425 Failed to establish connection.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
    }

    @Test
    void theTwentySecondTimeoutEndsAConnectThatNeverCameUpWithoutQuit() {
        start(ClientProfiles.filezilla().build());
        final int before = sent.size();
        feed(new Input.TimerFired(Timer.REPLY));
        assertEquals(before, sent.size(), "FileZilla closes on a timeout, it does not say QUIT");
        assertTrue(actions.stream().anyMatch(a -> a instanceof Action.CloseControl));
        assertEquals(FailureReason.DATA_CONNECT_TIMEOUT, c.record().reason());
        assertEquals(227, c.record().lastReply().code());
    }
}
