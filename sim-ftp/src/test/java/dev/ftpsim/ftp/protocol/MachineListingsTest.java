package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MLST and MLSD (RFC 3659 section 7) where the server offers them (proftpd), 500 where it does not
 * (vsftpd). proftpd 1.3.8 lists facts by name, "modify=...;perm=...;size=12;type=file;..." (FEAT,
 * MLST and MLSD alike; checked against proftpd 1.3.8), so ours come as modify, size, type.
 */
class MachineListingsTest {
    // 1_700_000_000 s since the epoch, the harness's file time, as RFC 3659 time-val.
    private static final String MODIFY = "modify=20231114221320;";

    private final ServerHarness h = new ServerHarness(ServerProfiles.proftpd().anonymous(true).build()).login();

    @Test
    void featAdvertisesMlstWithItsSelectedFacts() {
        List<String> feat = firstReply(h.send("FEAT")).lines();
        assertTrue(feat.contains(" MLST modify*;size*;type*;"), feat.toString());
    }

    @Test
    void mlstAnswersOnTheControlConnectionWithOneFactsLine() {
        Reply r = firstReply(h.send("MLST /pub/hello.txt"));
        assertEquals(250, r.code());
        assertEquals(List.of("Start of list for /pub/hello.txt", " " + MODIFY + "size=12;type=file; /pub/hello.txt",
                "End of list"), r.lines());
        assertEquals("250-Start of list for /pub/hello.txt\r\n " + MODIFY
                + "size=12;type=file; /pub/hello.txt\r\n250 End of list\r\n", new String(new Action.SendReply(r).bytes(),
                StandardCharsets.US_ASCII));
        assertEquals(List.of(550), codes(h.send("MLST /nope")));
    }

    @Test
    void mlsdSendsOneFactsLinePerEntryOverTheDataConnection() {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("MLSD /pub");
        List<Action> as = h.feed(new Input.DataConnected(ServerHarness.PEER, 1));
        assertEquals(List.of(150), codes(as));
        Action.SendData d = find(as, Action.SendData.class);
        // proftpd 1.3.8 lists the folder ("type=cdir") and its parent ("type=pdir") too
        assertEquals(MODIFY + "type=cdir; .\r\n" + MODIFY + "type=pdir; ..\r\n"
                + MODIFY + "size=100000000;type=file; big.bin\r\n" + MODIFY
                + "size=12;type=file; hello.txt\r\n", new String(d.bytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(226), codes(h.feed(new Input.DataClosed(false))));
    }

    @Test
    void mlsdOfAFileIs501AndOfNothing550() {
        assertEquals(List.of(501), codes(h.send("MLSD /pub/hello.txt")));
        assertEquals(List.of(550), codes(h.send("MLSD /nope")));
    }

    @Test
    void optsMlstSelectsFactsAndIgnoresUnknownOnes() {
        assertEquals(Reply.of(200, "MLST OPTS type;"), firstReply(h.send("OPTS MLST type;perm;")));
        assertEquals(" type=file; /pub/hello.txt", firstReply(h.send("MLST /pub/hello.txt")).lines().get(1));
        assertTrue(firstReply(h.send("FEAT")).lines().contains(" MLST modify;size;type*;"));
        assertEquals(Reply.of(200, "MLST OPTS"), firstReply(h.send("OPTS MLST")));
    }

    @Test
    void vsftpdHasNeitherCommand() {
        ServerHarness v = new ServerHarness().login();
        assertEquals(List.of(500), codes(v.send("MLSD /pub")));
        assertEquals(List.of(500), codes(v.send("MLST /pub/hello.txt")));
        assertTrue(firstReply(v.send("FEAT")).lines().stream().noneMatch(l -> l.startsWith(" MLST")));
    }
}
