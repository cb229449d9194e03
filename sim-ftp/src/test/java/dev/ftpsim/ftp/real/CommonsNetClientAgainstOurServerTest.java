package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ServerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Commons Net's FTPClient (a real, independent implementation) against our server engine
 * over loopback sockets, in PORT, PASV, EPSV and EPRT modes; contents checked byte for byte.
 */
@Timeout(60)
class CommonsNetClientAgainstOurServerTest {

    @TempDir
    Path dir;
    private RealFtpServer server;
    private final FTPClient ftp = new FTPClient();
    private byte[] payload;

    @BeforeEach
    void start() throws IOException {
        payload = new byte[300_000];
        new Random(7).nextBytes(payload); // binary, with CR/LF/0xFF bytes: TYPE I must keep them
        Files.write(dir.resolve("data.bin"), payload);
        Files.createDirectory(dir.resolve("sub"));
        server = RealFtpServer.start(ServerOptions.builder().users(Map.of("alice", "secret"))
                .idleNanos(30_000_000_000L).dataConnectNanos(10_000_000_000L).mlst(true).build(),
                new DirectoryFileSystem(dir), 0);
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(10_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(10));
        ftp.connect(InetAddress.getLoopbackAddress(), server.port());
        ftp.setSoTimeout(10_000);
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()));
        assertTrue(ftp.login("alice", "secret"));
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE));
    }

    @AfterEach
    void stop() throws IOException {
        if (ftp.isConnected()) {
            ftp.logout();
            ftp.disconnect();
        }
        server.close();
    }

    private void listDownloadUpload() throws IOException {
        FTPFile[] files = ftp.listFiles("/");
        assertEquals(2, files.length, Arrays.toString(files));
        FTPFile data = Arrays.stream(files).filter(f -> f.getName().equals("data.bin")).findFirst().orElseThrow();
        assertEquals(payload.length, data.getSize());
        assertTrue(data.isFile());
        assertTrue(Arrays.stream(files).anyMatch(f -> f.getName().equals("sub") && f.isDirectory()));
        assertEquals(2, ftp.listNames("/").length);

        var down = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("data.bin", down), ftp.getReplyString());
        assertArrayEquals(payload, down.toByteArray());

        byte[] up = Arrays.copyOf(payload, 123_457);
        assertTrue(ftp.storeFile("sub/up.bin", new ByteArrayInputStream(up)), ftp.getReplyString());
        assertArrayEquals(up, Files.readAllBytes(dir.resolve("sub/up.bin")));
        assertEquals(123_457, Long.parseLong(sizeOf("sub/up.bin")));
    }

    private String sizeOf(String path) throws IOException {
        assertEquals(213, ftp.sendCommand("SIZE", path));
        return ftp.getReplyString().substring(4).trim();
    }

    @Test
    void activeModeWithPortWorks() throws IOException {
        ftp.enterLocalActiveMode(); // FTPClient sends PORT for IPv4
        listDownloadUpload();
    }

    @Test
    void passiveModeWithPasvWorks() throws IOException {
        ftp.enterLocalPassiveMode();
        listDownloadUpload();
        assertTrue(ftp.getPassiveHost().equals("127.0.0.1"));
    }

    @Test
    void passiveModeWithEpsvWorks() throws IOException {
        ftp.enterLocalPassiveMode();
        ftp.setUseEPSVwithIPv4(true);
        listDownloadUpload();
    }

    @Test
    void activeModeWithEprtWorks() throws IOException {
        // FTPClient sends EPRT only for IPv6 peers, so we drive its protocol layer by hand on IPv4.
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setSoTimeout(10_000);
            assertEquals(200, ftp.eprt(InetAddress.getLoopbackAddress(), ss.getLocalPort()), ftp.getReplyString());
            assertTrue(FTPReply.isPositivePreliminary(ftp.sendCommand("RETR", "data.bin")), ftp.getReplyString());
            try (Socket s = ss.accept()) {
                s.setSoTimeout(10_000);
                assertArrayEquals(payload, s.getInputStream().readAllBytes());
            }
            assertTrue(ftp.completePendingCommand(), ftp.getReplyString());
        }
        byte[] up = Arrays.copyOf(payload, 70_001);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setSoTimeout(10_000);
            assertEquals(200, ftp.eprt(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
            assertTrue(FTPReply.isPositivePreliminary(ftp.sendCommand("STOR", "eprt.bin")), ftp.getReplyString());
            try (Socket s = ss.accept(); OutputStream o = s.getOutputStream()) {
                o.write(up);
            }
            assertTrue(ftp.completePendingCommand(), ftp.getReplyString());
        }
        assertArrayEquals(up, Files.readAllBytes(dir.resolve("eprt.bin")));
    }

    @Test
    void machineListingsParseInCommonsNet() throws IOException {
        ftp.enterLocalPassiveMode();
        FTPFile[] files = ftp.mlistDir("/");
        assertEquals(2, files.length, Arrays.toString(files));
        FTPFile data = Arrays.stream(files).filter(f -> f.getName().equals("data.bin")).findFirst().orElseThrow();
        assertTrue(data.isFile());
        assertEquals(payload.length, data.getSize());
        assertEquals(Files.getLastModifiedTime(dir.resolve("data.bin")).toMillis() / 1000,
                data.getTimestamp().getTimeInMillis() / 1000);
        assertTrue(Arrays.stream(files).anyMatch(f -> f.getName().equals("sub") && f.isDirectory()));
        FTPFile one = ftp.mlistFile("/data.bin");
        assertNotNull(one, ftp.getReplyString());
        assertEquals(payload.length, one.getSize());
        assertEquals("/data.bin", one.getName());
    }

    @Test
    void systFeatAndAbortAnswerAsRealClientsExpect() throws IOException {
        assertEquals("UNIX Type: L8", ftp.getSystemType());
        assertTrue(ftp.features());
        assertTrue(ftp.getReplyString().contains(" EPSV"));
        assertTrue(ftp.hasFeature("REST", "STREAM"));
        ftp.enterLocalPassiveMode();
        ftp.setRestartOffset(1000);
        try (InputStream in = ftp.retrieveFileStream("data.bin")) {
            assertNotNull(in, ftp.getReplyString());
            byte[] got = in.readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(payload, 1000, payload.length), got);
        }
        assertTrue(ftp.completePendingCommand());
        assertEquals(425, ftp.sendCommand("RETR", "missing")); // no PASV yet: 425 first, as vsftpd
        assertEquals(500, ftp.sendCommand("FROB"));
        assertTrue(ftp.sendNoOp());
    }
}
