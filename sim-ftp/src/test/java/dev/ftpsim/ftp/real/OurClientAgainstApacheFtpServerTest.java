package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.FailureReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client engine over real sockets against an embedded Apache FtpServer (an independent
 * server, embedded the way its own client tests do) on loopback, in every data mode.
 */
@Timeout(60)
class OurClientAgainstApacheFtpServerTest {

    @TempDir
    Path dir;
    private FtpServer server;
    private int port;
    private byte[] payload;

    @BeforeEach
    void start() throws Exception {
        payload = new byte[200_000];
        new Random(11).nextBytes(payload);
        Files.write(dir.resolve("data.bin"), payload);

        var listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        var data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        data.setPassiveExternalAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        listener.setIdleTimeout(30);

        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        var alice = new BaseUser();
        alice.setName("alice");
        alice.setPassword("secret");
        alice.setHomeDirectory(dir.toString());
        alice.setAuthorities(List.<Authority>of(new WritePermission()));
        users.save(alice);

        var factory = new FtpServerFactory();
        factory.addListener("default", listener.createListener());
        factory.setUserManager(users);
        server = factory.createServer();
        server.start();
        port = factory.getListener("default").getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @EnumSource(DataMode.class)
    void ourClientListsDownloadsAndUploadsInEveryMode(DataMode mode) throws Exception {
        byte[] up = "uploaded by ftpsim\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        var result = RealFtpClient.run("127.0.0.1", port, ClientOptions.defaults().withMode(mode).toBuilder()
                        .replyNanos(10_000_000_000L).dataConnectNanos(10_000_000_000L).build(),
                List.of(new ClientOp.Login("alice", "secret"), new ClientOp.List("/", false),
                        new ClientOp.Retr("data.bin"), new ClientOp.Stor("up.bin", up, up.length)), 30_000);
        assertEquals(FailureReason.NONE, result.record().reason(), String.valueOf(result.record()));
        assertEquals(5, result.record().completed());
        assertTrue(result.record().listing().contains("data.bin"), result.record().listing());
        assertArrayEquals(payload, result.received().get(1));
        assertArrayEquals(up, Files.readAllBytes(dir.resolve("up.bin")));
    }
}
