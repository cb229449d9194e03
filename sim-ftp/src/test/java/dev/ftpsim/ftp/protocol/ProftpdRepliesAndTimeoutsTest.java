package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ServerProfiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proftpd profile answers logins with mod_auth.c's texts and ends idle logged-in sessions after TimeoutNoTransfer. */
class ProftpdRepliesAndTimeoutsTest {
    private final ServerHarness h = new ServerHarness(ServerProfiles.proftpd()
            .users(Map.of("alice", "secret")).homes(Map.of("alice", "/pub")).anonymous(true).build());

    @Test
    void anAccountGetsProftpdsTextsAndStartsInItsHome() {
        assertEquals(Reply.of(331, "Password required for alice"), firstReply(h.send("USER alice")));
        assertEquals(Reply.of(230, "User alice logged in"), firstReply(h.send("PASS secret")));
        assertEquals("/pub", h.s.cwd());
    }

    @Test
    void anonymousGetsProftpdsTexts() {
        assertEquals(Reply.of(331, "Anonymous login ok, send your complete email address as your password"),
                firstReply(h.send("USER anonymous")));
        assertEquals(Reply.of(230, "Anonymous access granted, restrictions apply"), firstReply(h.send("PASS a@b")));
        assertEquals("/", h.s.cwd());
    }

    @Test
    void loggedInWithoutATransferForTimeoutNoTransferEndsTheSession() {
        h.login();
        assertTrue(h.last.contains(new Action.StartTimer(Timer.NO_TRANSFER, 300_000_000_000L)));
        var as = h.feed(new Input.TimerFired(Timer.NO_TRANSFER));
        assertEquals(Reply.of(421, "No transfer timeout (300 seconds): closing control connection"), firstReply(as));
        assertTrue(as.contains(new Action.CloseControl()));
    }

    @Test
    void vsftpdHasNoSuchTimeout() {
        var v = new ServerHarness(ServerProfiles.vsftpd().build()).login();
        assertTrue(v.last.stream().noneMatch(a -> a instanceof Action.StartTimer t && t.timer() == Timer.NO_TRANSFER));
    }
}
