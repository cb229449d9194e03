package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A whole vsftpd-profile session, byte for byte on the control connection, with its data actions. */
class SessionTranscriptTest {

    private final StringBuilder wire = new StringBuilder();
    private final StringBuilder data = new StringBuilder();

    private void record(List<Action> as) {
        for (Action a : as) {
            if (a instanceof Action.SendReply r) {
                wire.append(new String(r.bytes(), StandardCharsets.ISO_8859_1));
            } else if (!(a instanceof Action.StartTimer || a instanceof Action.CancelTimer)) {
                data.append(a instanceof Action.SendData d ? "SendData(" + d.length() + ")" : a.toString()).append('\n');
            }
        }
    }

    @Test
    void anAnonymousPassiveDownloadLooksLikeVsftpdOnTheWire() {
        var fs = new MemoryFileSystem(0).file("/pub/readme.txt", "hi\n".getBytes(StandardCharsets.US_ASCII));
        var s = new ServerSession(ServerProfiles.vsftpd().build(), fs, ServerHarness.LOCAL, ServerHarness.PEER,
                new SplittableRandom(1));
        record(s.start());
        for (String c : List.of("USER anonymous", "PASS curl@", "PWD", "EPSV")) {
            record(s.handle(new Input.ControlBytes((c + "\r\n").getBytes(StandardCharsets.US_ASCII))));
        }
        record(s.handle(new Input.DataListening(40123)));
        record(s.handle(new Input.DataConnected(ServerHarness.PEER, 51000)));
        for (String c : List.of("TYPE I", "SIZE pub/readme.txt", "RETR pub/readme.txt")) {
            record(s.handle(new Input.ControlBytes((c + "\r\n").getBytes(StandardCharsets.US_ASCII))));
        }
        record(s.handle(new Input.DataClosed(false)));
        record(s.handle(new Input.ControlBytes("QUIT\r\n".getBytes(StandardCharsets.US_ASCII))));

        assertEquals("""
                220 (vsFTPd 3.0.5)\r
                331 Please specify the password.\r
                230 Login successful.\r
                257 "/" is the current directory\r
                229 Entering Extended Passive Mode (|||40123|)\r
                200 Switching to Binary mode.\r
                213 3\r
                150 Opening BINARY mode data connection for pub/readme.txt (3 bytes).\r
                226 Transfer complete.\r
                221 Goodbye.\r
                """, wire.toString());
        assertEquals("""
                ListenData[port=0, others=null]
                SendData(3)
                CloseData[abort=false]
                CloseControl[]
                """, data.toString());
    }
}
