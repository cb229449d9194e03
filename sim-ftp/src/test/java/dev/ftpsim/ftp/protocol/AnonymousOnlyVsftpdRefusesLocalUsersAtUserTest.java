package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vsftpd with {@code local_enable=NO} (its built-in default): a non-anonymous USER is refused at
 * once, before a password crosses the network, and the session stays open (prelogin.c).
 */
class AnonymousOnlyVsftpdRefusesLocalUsersAtUserTest {
    private static ServerHarness anonymousOnly() {
        return new ServerHarness(ServerOptions.builder().localEnable(false).users(java.util.Map.of("alice", "secret"))
                .build());
    }

    @Test
    void aLocalUserGets530AnonymousOnlyAndAPassAfterItGets503() {
        final ServerHarness h = anonymousOnly();
        final List<Action> r = h.send("USER alice");
        assertEquals(List.of(530), codes(r));
        assertEquals(new Action.SendReply(Reply.of(530, "This FTP server is anonymous only.")), r.get(0));
        assertEquals(ServerStates.Login.NEED_USER, h.s.state());
        assertEquals(List.of(503), codes(h.send("PASS secret")));
    }

    @Test
    void anonymousStillLogsIn() {
        final ServerHarness h = anonymousOnly();
        h.send("USER alice");
        assertEquals(List.of(331), codes(h.send("USER ftp")));
        assertEquals(List.of(230), codes(h.send("PASS guest@")));
        assertEquals(ServerStates.Login.READY, h.s.state());
    }

    @Test
    void refusalsAtUserDoNotCountAsFailedPasswords() {
        final ServerHarness h = anonymousOnly();
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(530), codes(h.send("USER alice")));
        }
        assertEquals(ServerStates.Login.NEED_USER, h.s.state());
    }
}
