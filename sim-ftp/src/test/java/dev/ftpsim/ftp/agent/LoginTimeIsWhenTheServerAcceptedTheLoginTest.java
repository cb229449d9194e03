package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sessions.csv's login_s is when the server accepted the login. lftp sends FEAT before USER, and
 * FileZilla AUTH TLS and AUTH SSL: each of those round trips comes before the 230, so their login
 * time is one and two round trips later than ftplib's USER and PASS alone. ftpsim took the first
 * step past the greeting for the login, so lftp and FileZilla seemed logged in at the greeting.
 */
class LoginTimeIsWhenTheServerAcceptedTheLoginTest {

    private static FtpSessionRecord.Timings run(final ClientOptions opts) {
        final SimNet n = new SimNet(1);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().pasvPorts(30000, 30100).build(),
                new MemoryFileSystem(0).bulk("/pub/file.bin", 1000), 21);
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, opts,
                List.of(new ClientOp.Login("anonymous", "guest@"), new ClientOp.Retr("/pub/file.bin")), 0, out::add);
        n.sim.runUntil(60 * NS_PER_S);
        assertEquals(1, out.size());
        assertTrue(out.get(0).ok(), out.get(0).reasonText());
        return out.get(0).timings();
    }

    @Test
    void eachCommandBeforeUserDelaysTheLoginByItsRoundTrip() {
        final var ftplib = run(ClientProfiles.pythonFtplib().build());
        final var lftp = run(ClientProfiles.lftp().build());
        final var filezilla = run(ClientProfiles.filezilla().build());
        final long base = ftplib.loggedIn() - ftplib.connected();
        final long oneMore = lftp.loggedIn() - lftp.connected() - base; // FEAT
        final long twoMore = filezilla.loggedIn() - filezilla.connected() - base; // AUTH TLS, AUTH SSL
        assertTrue(oneMore > 0, "lftp's FEAT comes before its login: " + oneMore);
        assertEquals(2 * oneMore, twoMore, 1_000_000, "FileZilla's two AUTHs: " + twoMore);
    }
}
