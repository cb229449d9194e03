package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.FailureReason;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client and server engines talking over real loopback sockets, and real-time behaviours. */
@Timeout(60)
class OurEnginesOverRealSocketsTest {

    private static ServerOptions options() {
        return ServerOptions.builder().users(Map.of("alice", "secret")).idleNanos(20_000_000_000L)
                .dataConnectNanos(5_000_000_000L).build();
    }

    private static ClientOptions client(DataMode mode) {
        return ClientOptions.defaults().withMode(mode).toBuilder().replyNanos(10_000_000_000L)
                .dataConnectNanos(5_000_000_000L).build();
    }

    @ParameterizedTest
    @EnumSource(DataMode.class)
    void ourClientAndServerTransferByteExactInEveryMode(DataMode mode) throws Exception {
        byte[] file = new byte[1 << 20];
        new java.util.Random(3).nextBytes(file);
        var fs = new MemoryFileSystem(0).file("/f.bin", file);
        try (var server = RealFtpServer.start(options(), fs, 0)) {
            var r = RealFtpClient.run("127.0.0.1", server.port(), client(mode), List.of(
                    new ClientOp.Login("alice", "secret"), new ClientOp.Retr("/f.bin"),
                    new ClientOp.Stor("/g.bin", file, file.length)), 30_000);
            assertEquals(FailureReason.NONE, r.record().reason(), r.record().toString());
            assertArrayEquals(file, r.received().get(0));
            assertArrayEquals(file, fs.content("/g.bin"));
        }
    }

    @Test
    void classicActiveModeListensOnControlPortPlusOneOnARealSocket() throws Exception {
        var fs = new MemoryFileSystem(0).file("/f.txt", new byte[] {'x'});
        try (var server = RealFtpServer.start(options(), fs, 0)) {
            var r = RealFtpClient.run("127.0.0.1", server.port(), client(DataMode.PORT).toBuilder()
                    .activePort(ActivePort.CLASSIC).build(), List.of(new ClientOp.Login("alice", "secret"),
                    new ClientOp.Retr("/f.txt")), 30_000);
            // The port may be taken on a busy machine: then the listen fails cleanly, never hangs.
            assertTrue(r.record().reason() == FailureReason.NONE
                    || r.record().reason() == FailureReason.DATA_CONNECT_FAILED, r.record().toString());
        }
    }

    @Test
    void aSessionOverMaxSessionsGets421() throws Exception {
        var o = options().toBuilder().maxSessions(1).build();
        try (var server = RealFtpServer.start(o, new MemoryFileSystem(0), 0)) {
            var first = new FTPClient();
            first.setDefaultTimeout(10_000);
            first.connect(InetAddress.getLoopbackAddress(), server.port());
            var second = RealFtpClient.run("127.0.0.1", server.port(), client(DataMode.EPSV),
                    List.of(new ClientOp.Login("alice", "secret")), 10_000);
            assertEquals(FailureReason.SERVICE_UNAVAILABLE, second.record().reason());
            assertEquals(421, second.record().lastReply().code());
            first.disconnect();
        }
    }

    @Test
    void noopAndAborAreAnsweredDuringARealTransfer() throws Exception {
        var fs = new MemoryFileSystem(0).bulk("/huge.bin", 1L << 40); // far more than will ever be read
        try (var server = RealFtpServer.start(options(), fs, 0)) {
            var ftp = new FTPClient();
            ftp.setDefaultTimeout(10_000);
            ftp.connect(InetAddress.getLoopbackAddress(), server.port());
            ftp.setSoTimeout(10_000);
            assertTrue(ftp.login("alice", "secret"));
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            ftp.enterLocalPassiveMode();
            InputStream in = ftp.retrieveFileStream("huge.bin");
            assertNotNull(in, ftp.getReplyString());
            assertEquals(65536, in.readNBytes(65536).length);
            assertEquals(200, ftp.sendCommand("NOOP")); // answered while data flows
            assertEquals(426, ftp.sendCommand("ABOR"));
            assertEquals(226, ftp.getReply());
            in.close();
            assertTrue(ftp.sendNoOp(), ftp.getReplyString());
            ftp.disconnect();
        }
    }
}
