package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What vsftpd 3.0's two command loops answer (prelogin.c parse_username_password, postlogin.c
 * process_post_login), checked line by line on the control channel.
 */
class VsftpdsCommandLoopsTest {

    private static final Reply LOGIN_FIRST = Reply.of(530, "Please login with USER and PASS.");

    @Test
    void beforeLoginOnlyTheLoginCommandsRun() {
        ServerHarness h = new ServerHarness();
        for (String c : List.of("NOOP", "SYST", "HELP", "ABOR", "STAT", "FROB", "GET / HTTP/1.1", "AUTH TLS")) {
            assertEquals(LOGIN_FIRST, firstReply(h.send(c)), c);
        }
        assertEquals(211, firstReply(h.send("FEAT")).code());
        assertEquals(200, firstReply(h.send("OPTS UTF8 ON")).code());
        assertEquals(331, firstReply(h.send("USER alice")).code());
        assertEquals(LOGIN_FIRST, firstReply(h.send("SYST")), "between USER and PASS");
        assertEquals(230, firstReply(h.send("PASS secret")).code(), "the USER is kept");
        assertEquals(Reply.of(215, "UNIX Type: L8"), firstReply(h.send("SYST")));
        assertEquals(List.of(200), codes(h.send("NOOP")));
    }

    @Test
    void aBlankLineIsIgnoredBeforeAndAfterLogin() {
        ServerHarness h = new ServerHarness();
        assertEquals(List.of(), codes(h.send("")));
        assertEquals(List.of(), codes(h.send(" ")));
        assertEquals(List.of(331), codes(h.send("USER alice")));
        assertEquals(List.of(230), codes(h.send("PASS secret")));
        assertEquals(List.of(), codes(h.send("")));
        assertEquals(List.of(257), codes(h.send("PWD")), "the next reply answers the next command");
    }

    @Test
    void anHttpRequestAfterLoginEndsTheSession() {
        ServerHarness h = new ServerHarness().login();
        List<Action> as = h.send("GET / HTTP/1.1");
        assertEquals(Reply.of(500, "HTTP protocol commands not allowed."), firstReply(as));
        assertNotNull(find(as, Action.CloseControl.class), "the session ends");
        assertEquals(ServerStates.Login.CLOSED, h.s.state());
        ServerHarness other = new ServerHarness().login();
        assertEquals(Reply.of(500, "Unknown command."), firstReply(other.send("GETS /")));
    }

    @Test
    void theProftpdProfileKeepsRfc959sGate() {
        ServerHarness h = new ServerHarness(ServerProfiles.proftpd().users(Map.of("alice", "secret")).build());
        assertEquals(List.of(200), codes(h.send("NOOP")));
        assertEquals(List.of(530), codes(h.send("PWD")));
    }
}
