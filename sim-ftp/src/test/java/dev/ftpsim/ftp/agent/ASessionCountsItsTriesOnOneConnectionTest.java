package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transfer tried again on the same control connection is a retry the session's record counts:
 * lftp in active mode whose first PORT vsftpd could not connect to ("425 Failed to establish
 * connection." after connect_timeout, 60 s) waits 2 s and sends PORT and RETR again on the same
 * connection (ftpclass.cc NoFileCheck, "retry after 2 seconds"), which works once the drop ends.
 * The session is ok on one control connection in the mode it began with: only {@code retries}
 * tells it waited.
 */
class ASessionCountsItsTriesOnOneConnectionTest {
    @Test
    void lftpsSecondPortAfterA425IsOneRetryOnOneConnection() {
        final SimNet n = new SimNet(7);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().build(),
                new MemoryFileSystem(0).bulk("/pub/f.bin", 100_000), 21);
        // the server's active data connects dropped for the first 70 s
        n.fw.hooks().register(Hook.FORWARD, 0, (h, p, in, out) -> p.protocol == Packet.PROTO_TCP
                && p.src == SimNet.SERVER && p.sport != 21 && n.sim.now() < 70 * NS_PER_S ? Verdict.DROP : Verdict.ACCEPT);
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21,
                ClientProfiles.lftp().mode(ClientOptions.DataMode.PORT).build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/pub/f.bin")), 0, done::add);
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(1, done.size());
        final FtpSessionRecord r = done.get(0);
        assertTrue(r.ok(), r.toString());
        assertEquals(1, r.transfer().controlConnections(), r.toString());
        assertEquals("PORT", r.identity().lastMode());
        assertTrue(r.timings().firstByte() > 62 * NS_PER_S, "the data came on the second try: " + r);
        assertEquals(1, r.transfer().retries(), "the 425, then one more PORT and RETR: " + r);
    }

    @Test
    void aSessionThatWentThroughAtOnceHasNoRetries() {
        final SimNet n = new SimNet(7);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().build(),
                new MemoryFileSystem(0).bulk("/pub/f.bin", 100_000), 21);
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21,
                ClientProfiles.lftp().mode(ClientOptions.DataMode.PORT).build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/pub/f.bin")), 0, done::add);
        n.sim.runUntil(200 * NS_PER_S);
        assertTrue(done.get(0).ok(), done.toString());
        assertEquals(0, done.get(0).transfer().retries());
    }
}
