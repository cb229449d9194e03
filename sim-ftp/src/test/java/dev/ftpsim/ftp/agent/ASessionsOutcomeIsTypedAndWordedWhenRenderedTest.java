package dev.ftpsim.ftp.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.protocol.FailureReason;
import org.junit.jupiter.api.Test;

/**
 * A session record keeps the engine's failure and the TCP stack's reason as values; its words and
 * its stable code are made from them when it is rendered.
 */
class ASessionsOutcomeIsTypedAndWordedWhenRenderedTest {
    private static FtpSessionRecord record(final boolean finished, final FailureReason reason, final FailReason cause,
            final int lastReply, final long firstByte, final int dataConnections) {
        return new FtpSessionRecord(new FtpSessionRecord.Identity("client", 0, "PASV"),
                new FtpSessionRecord.Timings(0, 1, 2, firstByte, finished ? 9 : -1),
                new FtpSessionRecord.Transfer(firstByte < 0 ? 0 : 1000, dataConnections),
                new FtpSessionRecord.Outcome(finished, reason, cause, lastReply, ""), new FtpSessionRecord.DataPath(0));
    }

    private static void assertRendered(final String code, final String words, final FtpSessionRecord r) {
        assertEquals(code, r.reasonCode());
        assertEquals(words, r.reasonText());
    }

    @Test
    void aSuccessHasNoWordsAndNoCode() {
        final FtpSessionRecord r = record(true, FailureReason.NONE, null, 226, 5, 1);
        assertTrue(r.ok());
        assertRendered("", "", r);
    }

    @Test
    void theStacksReasonCompletesAConnectFailure() {
        assertRendered("control_connect_refused", "control connect refused",
                record(true, FailureReason.CONTROL_CONNECT_FAILED, FailReason.REFUSED, 0, -1, 0));
        assertRendered("data_connect_unreachable", "data connect unreachable",
                record(true, FailureReason.DATA_CONNECT_FAILED, FailReason.UNREACHABLE, 227, -1, 0));
    }

    @Test
    void theServers425IsToldFromTheClientsOwnFailure() {
        assertRendered("data_connect_failed_425", "425 data connection failed",
                record(true, FailureReason.DATA_CONNECT_FAILED, null, 425, -1, 0));
        assertRendered("data_connection_failed", "data connection failed",
                record(true, FailureReason.DATA_CONNECT_FAILED, null, 150, -1, 0));
    }

    @Test
    void aReplyTimeoutAfterDataMovedIsTheLongTransferTrap() {
        assertRendered("no_reply_after_transfer", "no reply after the transfer",
                record(true, FailureReason.REPLY_TIMEOUT, null, 150, 5, 1));
        assertRendered("reply_timeout", "reply timed out", record(true, FailureReason.REPLY_TIMEOUT, null, 220, -1, 0));
    }

    @Test
    void aSessionStillRunningIsNotFinishedWhateverItsEngineSaid() {
        final FtpSessionRecord r = record(false, FailureReason.NONE, null, 150, 5, 1);
        assertFalse(r.ok());
        assertRendered("not_finished", "not finished by the stop time", r);
    }
}
