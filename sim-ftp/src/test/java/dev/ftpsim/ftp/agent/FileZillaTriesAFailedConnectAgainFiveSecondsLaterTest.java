package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.FailureReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * FileZilla's engine tries a failed connect again (engineprivate.cpp ResetOperation: a connect
 * that failed with FZ_REPLY_ERROR/DISCONNECTED/TIMEOUT, no critical error, is retried while
 * ++m_retryCount &lt; OPTION_RECONNECTCOUNT, 2 by default), "Reconnect delay" (OPTION_RECONNECTDELAY,
 * 5 s) after the failure ("Waiting to retry..."): two SYN sequences from two ports, the second 5 s
 * after the first failed, then the session fails as before.
 */
class FileZillaTriesAFailedConnectAgainFiveSecondsLaterTest {
    private static final List<ClientOp> SCRIPT = List.of(new ClientOp.Login("anonymous", "fz@"),
            new ClientOp.Retr("/pub/f.bin"));

    /** The client ports of the SYNs to port 21 on the server's link, in order, and when the first of each came. */
    private static List<Long> firstSynOfEachPort(final SimNet n) {
        final Set<String> ports = new LinkedHashSet<>();
        final List<Long> at = new ArrayList<>();
        for (int i = 0; i < n.syns.size(); i++) {
            final String s = n.syns.get(i);
            if (s.endsWith(":21") && ports.add(s.substring(0, s.indexOf('>')))) {
                at.add(n.synTimes.get(i));
            }
        }
        return at;
    }

    @Test
    void aRefusedConnectIsTriedOnceMoreFiveSecondsLater() {
        final SimNet n = new SimNet(7); // no server listens: each SYN is answered with a reset
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.filezilla().build(), SCRIPT, 0,
                done::add);
        n.sim.runUntil(60 * NS_PER_S);
        final List<Long> starts = firstSynOfEachPort(n);
        assertEquals(2, starts.size(), n.syns.toString());
        // the reset comes back 20 ms after the SYN (two 5 ms links each way); the retry 5 s after it
        assertEquals(5_000 * NS_PER_MS, starts.get(1) - starts.get(0) - 20 * NS_PER_MS, 1 * NS_PER_MS, starts.toString());
        assertEquals(1, done.size());
        final FtpSessionRecord r = done.get(0);
        assertEquals(FailureReason.CONTROL_CONNECT_FAILED, r.outcome().reason());
        assertEquals(FailReason.REFUSED, r.outcome().cause(), r.toString());
        assertEquals(2, r.transfer().controlConnections());
        assertEquals(1, r.transfer().retries());
    }

    @Test
    void aConnectThatTimedOutAfterTwentySecondsIsTriedAgainAtTwentyFive() {
        final SimNet n = new SimNet(7);
        n.fw.hooks().register(Hook.FORWARD, 0, (h, p, in, out) -> p.protocol == Packet.PROTO_TCP && p.dport == 21
                ? Verdict.DROP : Verdict.ACCEPT);
        // the client's SYNs as they leave it: each connect's source port and when it began
        final List<Integer> ports = new ArrayList<>();
        final List<Long> starts = new ArrayList<>();
        n.client.interfaces().get(0).addTap((iface, out, p, t) -> {
            if (out && p.protocol == Packet.PROTO_TCP && p.flags == Packet.SYN && !ports.contains(p.sport)) {
                ports.add(p.sport);
                starts.add(n.sim.now());
            }
        });
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.filezilla().build(), SCRIPT, 0,
                done::add);
        n.sim.runUntil(200 * NS_PER_S);
        assertTrue(n.syns.isEmpty(), "dropped before the server's link: " + n.syns);
        assertEquals(List.of(0L, 25 * NS_PER_S), starts, "its 20 s connect timeout, then 5 s: " + ports);
        assertEquals(1, done.size());
        final FtpSessionRecord r = done.get(0);
        assertEquals(FailureReason.CONTROL_CONNECT_FAILED, r.outcome().reason());
        assertEquals(FailReason.TIMED_OUT, r.outcome().cause(), r.toString());
        assertEquals(2, r.transfer().controlConnections());
        assertEquals(45 * NS_PER_S, r.timings().end(), 10 * NS_PER_MS, "20 s, 5 s, 20 s: " + r);
        assertFalse(r.ok());
    }

    @Test
    void withMaxRetriesOneItDoesNotTryAgain() {
        final SimNet n = new SimNet(7);
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.filezilla().maxRetries(1).build(),
                SCRIPT, 0, done::add);
        n.sim.runUntil(60 * NS_PER_S);
        assertEquals(1, firstSynOfEachPort(n).size(), n.syns.toString());
        assertEquals(1, done.get(0).transfer().controlConnections());
    }
}
