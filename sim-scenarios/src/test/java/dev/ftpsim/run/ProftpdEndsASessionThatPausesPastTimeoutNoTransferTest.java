package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user pausing after login ({@code wait}) meets proftpd's TimeoutNoTransfer when the pause is too long. */
class ProftpdEndsASessionThatPausesPastTimeoutNoTransferTest {

    @Test
    void aShortPauseDownloadsAndALongOneGets421() throws Exception {
        final List<FtpSessionRecord> r = OneRouter.run(false, "", "forward: []", """
                server:
                  host: server
                  profile: proftpd
                  no-transfer-timeout: 10s
                  users: [{ name: alice, password: s3cret }]
                  files: { /f.bin: 10KB }
                clients:
                  - { host: client, script: [login alice s3cret, wait 5s, get /f.bin] }
                  - { host: client, script: [login alice s3cret, wait 20s, get /f.bin] }
                """);
        assertEquals(2, r.size());
        assertEquals(1, r.stream().filter(FtpSessionRecord::ok).count(), r::toString);
        final FtpSessionRecord shortPause = r.stream().filter(FtpSessionRecord::ok).findFirst().orElseThrow();
        final FtpSessionRecord longPause = r.stream().filter(x -> !x.ok()).findFirst().orElseThrow();
        assertEquals(10_000, shortPause.transfer().bytes());
        assertEquals(421, longPause.outcome().lastReplyCode());
        assertTrue(longPause.outcome().lastReplyText().startsWith("No transfer timeout (10 seconds)"),
                longPause.outcome().lastReplyText());
    }
}
