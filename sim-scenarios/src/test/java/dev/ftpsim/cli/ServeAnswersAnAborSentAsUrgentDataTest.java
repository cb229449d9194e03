package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 959 section 4.1.3 has a client interrupt a transfer with Telnet IP and Synch (IAC DM sent as
 * TCP urgent data) before ABOR; Python's ftplib sends "ABOR\r\n" itself as urgent data. Either way
 * the urgent byte is part of the command stream (vsftpd sets SO_OOBINLINE, ftpcmdio.c
 * vsf_cmdio_sock_setup), so the ABOR is read whole and answered 426 then 226.
 */
@Timeout(60)
class ServeAnswersAnAborSentAsUrgentDataTest {

    @TempDir
    Path dir;

    private void abortsWith(final byte[] before, final int urgent, final byte[] after) throws Exception {
        final Path root = Files.createDirectory(dir.resolve("pub"));
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            f.setLength(64L << 20); // still being sent when the ABOR comes
        }
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of(), Map.of(), "--root", root.toString());
             var c = new RawClient(serve.port).anonymous(); Socket data = c.pasv()) {
            RawClient.expect("150 ", c.cmd("RETR big.bin"));
            data.getInputStream().readNBytes(64 * 1024);
            c.send(before);
            c.control.sendUrgentData(urgent);
            c.send(after);
            assertEquals("426 Connection closed; transfer aborted.", c.reply(), serve.log());
            assertEquals("226 ABOR successful.", c.reply());
            assertEquals("200 NOOP ok.", c.cmd("NOOP"));
        }
    }

    @Test
    void telnetSynchAsUrgentDataBeforeAbor() throws Exception {
        // IAC IP IAC, then DM as the urgent byte, then the command
        abortsWith(new byte[] {(byte) 255, (byte) 244, (byte) 255}, 242, "ABOR\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aborWhoseLastByteIsUrgentAsPythonsFtplibSendsIt() throws Exception {
        // socket.sendall(b"ABOR\r\n", MSG_OOB): TCP marks the last byte, the LF, urgent
        abortsWith("ABOR\r".getBytes(StandardCharsets.US_ASCII), '\n', new byte[0]);
    }
}
