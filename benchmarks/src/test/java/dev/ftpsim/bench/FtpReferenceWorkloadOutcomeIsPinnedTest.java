package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP reference workload at a small N gives the same outcome as when it was fixed: every
 * session succeeds, each delivers its 100 KB, and the streamed {@code sessions.csv} is the same
 * byte for byte, so speed work cannot change the results without this test saying so.
 */
class FtpReferenceWorkloadOutcomeIsPinnedTest {
    private static final int N = 200;
    /**
     * sessions.csv of N = 200 and the run's event count as they were when the workload was fixed.
     * A change that alters them on purpose (a TCP or FTP behaviour fixed) updates them here and says so.
     */
    // 7c8054a2... until vsftpd's 150 named the RETR argument as sent (a reply a few bytes longer),
    // then 71c38a38... until the curl profile sent PWD, CWD, SIZE as curl 7.88.1 does (three round
    // trips more per session), then 7400a4ff... until sessions.csv gained control_connections and
    // last_mode (1 and PASV in every row), then 0eef1be4... until it gained retries (0 in every row;
    // without that column the file hashes to 0eef1be4... still); outcomes and bytes stayed the same
    private static final String SESSIONS_SHA256 = "c340d6b56d6d6514c68e9fcce969361ea8b64eab8ae4482e511f7832f0d2e681";
    // 161,681 until TCP Small Queues (their wakes after a sender's TX completions), 165,881 until
    // curl's PWD, CWD and SIZE (three more exchanges per session)
    private static final long EVENTS = 173_081;

    @Test
    void everySessionSucceedsAndTheResultsAreTheSameByteForByte(@TempDir final Path tmp) throws Exception {
        final Path out = tmp.resolve("out");
        final FtpReferenceWorkload.Result r = FtpReferenceWorkload.run(N, out);
        assertEquals(N, r.summary().sessions());
        assertEquals(N, r.summary().succeeded(), () -> "failures: " + r.summary().failuresByReason());
        assertEquals(N * FtpReferenceWorkload.BYTES_PER_SESSION, r.bytes());
        final List<String> rows = Files.readAllLines(out.resolve("sessions.csv"));
        assertEquals(N + 1, rows.size(), "a header and a row per session, streamed to the file");
        assertEquals(N * 2L, r.summary().conntrack().get("fw").get("inserted"), "a control and a data connection each");
        assertEquals(N, r.summary().conntrack().get("fw").get("expect_used"), "each data connection came as expected");
        final String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(out.resolve("sessions.csv"))));
        assertEquals(SESSIONS_SHA256, sha, "sessions.csv");
        assertEquals(EVENTS, r.events(), "events");
    }
}
