package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.FailureReason;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2 reconnects after a failed control connect or a 421 (NetAccess.cc reconnect_timer,
 * net:reconnect-interval-base 15 s, -multiplier 1.5, -max 300 s, up to net:max-retries connects),
 * each new connection beginning that long after the previous one began. Measured with lftp 4.9.2
 * ({@code lftp -d -c 'open -u anonymous, HOST; get f.bin'}) against a server answering 421 to the
 * greeting and against a closed port: connects at 0, 15, 37.5 and 71 s.
 */
class LftpReconnectsOnANewControlConnectionTest {
    private static final List<ClientOp> GET = List.of(new ClientOp.Login("anonymous", "guest@"),
            new ClientOp.Retr("/pub/file.bin"));

    /** Seconds after the first, as the server's link sees them (each SYN 10 ms after it left). */
    private static List<Double> seconds(final List<Long> nanos) {
        return nanos.stream().map(n -> (n - nanos.get(0)) / 1e9).toList();
    }

    @Test
    void aRefusedControlConnectIsTriedAgainAt15And37point5And71SecondsUntilMaxRetries() {
        final SimNet n = new SimNet(1); // nothing listens on the server's port 21: each SYN gets a RST
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.lftp().maxRetries(4).build(), GET,
                0, out::add);
        n.sim.runUntil(400 * NS_PER_S);
        assertEquals(List.of(0.0, 15.0, 37.5, 71.25), seconds(n.synTimes));
        assertEquals(4, n.syns.stream().distinct().count(), "each connect from a port of its own: " + n.syns);
        assertEquals(1, out.size());
        final FtpSessionRecord r = out.get(0);
        assertEquals(FailureReason.CONTROL_CONNECT_FAILED, r.outcome().reason());
        assertEquals(FailReason.REFUSED, r.outcome().cause());
        // the fourth connect's RST comes back one round trip (20 ms) after its SYN
        assertEquals(71_250 + 20, r.timings().end() / NS_PER_MS, r.toString());
    }

    @Test
    void aSessionRefusedWith421ByAFullServerGetsInOnAReconnectOnceASlotIsFree() {
        final SimNet n = new SimNet(2);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().maxSessions(1).build(),
                new MemoryFileSystem(0).bulk("/pub/file.bin", 100_000), 21);
        final List<FtpSessionRecord> out = new ArrayList<>();
        final FtpClientAgent agent = new FtpClientAgent(n.clientTcp);
        // the one slot is held for 50 s by a user pausing after the login
        agent.start(SimNet.SERVER, 21, ClientProfiles.curl().build(),
                List.of(new ClientOp.Login("anonymous", "guest@"), new ClientOp.Wait(50 * NS_PER_S)), 0, out::add);
        n.sim.schedule(NS_PER_MS, () -> agent.start(SimNet.SERVER, 21, ClientProfiles.lftp().build(), GET, 1,
                out::add));
        n.sim.runUntil(400 * NS_PER_S);
        assertEquals(2, out.size());
        final FtpSessionRecord lftp = out.get(1);
        assertTrue(lftp.ok(), lftp.reasonText());
        assertEquals(100_000, lftp.transfer().bytes());
        final List<Long> lftpSyns = new ArrayList<>();
        for (int i = 1; i < n.synTimes.size(); i++) {
            if (n.syns.get(i).endsWith(":21")) {
                lftpSyns.add(n.synTimes.get(i));
            }
        }
        // 421 at 0, 15 and 37.5 s; the 71.25 s connect finds the slot free (the pause ended at 50 s)
        assertEquals(List.of(0.0, 15.0, 37.5, 71.25), seconds(lftpSyns));
        assertTrue(lftp.timings().firstByte() > 71 * NS_PER_S, lftp.toString());
        assertTrue(lftp.timings().loggedIn() > 71 * NS_PER_S, "logged in on the fourth connection: " + lftp);
    }

    @Test
    void aSessionStillReconnectingAtTheStopSaysWhatItIsTryingAgainAfter() {
        final SimNet n = new SimNet(4);
        final List<FtpSessionRecord> out = new ArrayList<>();
        final FtpClientAgent.Running s = new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21,
                ClientProfiles.lftp().build(), GET, 0, out::add);
        n.sim.runUntil(20 * NS_PER_S);
        assertEquals(List.of(), out);
        final FtpSessionRecord r = s.snapshot();
        assertEquals("not finished by the stop time", r.reasonText());
        assertEquals("control connect refused", r.retryText());
        assertEquals("control_connect_refused", r.retryCode());
        assertEquals(2, s.controlPorts().length, "connects at 0 and 15 s");
    }

    /** Logged in on its fourth connection and downloading at the stop: no longer trying again after anything. */
    @Test
    void aSessionUnderWayAgainAtTheStopIsNotRetrying() {
        final SimNet n = new SimNet(5);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().maxSessions(1).build(),
                new MemoryFileSystem(0).bulk("/pub/file.bin", 500_000_000L), 21);
        final FtpClientAgent agent = new FtpClientAgent(n.clientTcp);
        final List<FtpSessionRecord> out = new ArrayList<>();
        agent.start(SimNet.SERVER, 21, ClientProfiles.curl().build(),
                List.of(new ClientOp.Login("anonymous", "guest@"), new ClientOp.Wait(50 * NS_PER_S)), 0, out::add);
        final FtpClientAgent.Running[] lftp = new FtpClientAgent.Running[1];
        n.sim.schedule(NS_PER_MS, () -> lftp[0] = agent.start(SimNet.SERVER, 21, ClientProfiles.lftp().build(), GET,
                1, out::add));
        n.sim.runUntil(40 * NS_PER_S);
        assertEquals("service unavailable (421)", lftp[0].snapshot().retryText(), "refused at 0, 15 and 37.5 s");
        n.sim.runUntil(80 * NS_PER_S);
        final FtpSessionRecord r = lftp[0].snapshot();
        assertTrue(r.transfer().bytes() > 0, r.toString());
        assertEquals("", r.retryText(), "downloading on its fourth connection");
    }

    @Test
    void curlDoesNotReconnect() {
        final SimNet n = new SimNet(3);
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.curl().build(), GET, 0, out::add);
        n.sim.runUntil(400 * NS_PER_S);
        assertEquals(1, n.syns.size(), n.syns.toString());
        assertFalse(out.get(0).ok());
    }
}
