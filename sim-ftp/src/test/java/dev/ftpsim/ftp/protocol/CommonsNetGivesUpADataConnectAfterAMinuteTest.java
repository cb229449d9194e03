package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commons Net 3.11.1 (the build's copy), a new FTPClient: getConnectTimeout() is 60000 ms
 * (SocketClient DEFAULT_CONNECT_TIMEOUT), and FTPClient._openDataConnection_ passes it to the
 * passive data socket's connect (javap: Socket.connect(SocketAddress, connectTimeout)); a
 * black-holed data port ends the transfer a minute later, not after the kernel's SYN retries.
 */
class CommonsNetGivesUpADataConnectAfterAMinuteTest {

    @Test
    void aPassiveDataConnectThatIsNeverAnsweredFailsAfterSixtySeconds() {
        final ClientSession c = new ClientSession(ClientProfiles.commonsNet().mode(ClientOptions.DataMode.PASV).build(),
                List.of(new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        c.handle(new Input.ControlBytes("220 hi\r\n".getBytes(StandardCharsets.US_ASCII)));
        final List<Action> as = c.handle(new Input.ControlBytes(
                "227 Entering Passive Mode (203,0,113,10,117,48).\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(as.contains(new Action.StartTimer(Timer.DATA_CONNECT, 60_000_000_000L)), as.toString());
        c.handle(new Input.TimerFired(Timer.DATA_CONNECT));
        assertEquals(FailureReason.DATA_CONNECT_TIMEOUT, c.record().reason());
    }
}
