package dev.ftpsim.ftp.alg;

import dev.ftpsim.ftp.lab.FtpLab;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first source's channel lists, for a packet filter (no conntrack, policy drop both ways) in
 * front of the server: with exactly the four channels of a mode open, that mode works; without
 * any one of them, it fails the way the missing channel predicts.
 */
class StatelessChannelsTest {
    /** "FTP server's port 21 from anywhere", "... port 21 to ports > 1023", "... port 20 to ports > 1023", "... port 20 from ports > 1023". */
    static final String[] ACTIVE = {
        "iif lan tcp dport 21 accept",
        "iif wan tcp sport 21 tcp dport 1024-65535 accept",
        "iif wan tcp sport 20 tcp dport 1024-65535 accept",
        "iif lan tcp sport 1024-65535 tcp dport 20 accept",
    };
    /** "port 21 from anywhere", "port 21 to ports > 1023", "ports > 1023 from anywhere", "ports > 1023 to remote ports > 1023". */
    static final String[] PASSIVE = {
        "iif lan tcp dport 21 accept",
        "iif wan tcp sport 21 tcp dport 1024-65535 accept",
        "iif lan tcp dport 1024-65535 accept",
        "iif wan tcp sport 1024-65535 tcp dport 1024-65535 accept",
    };

    private static final ServerOptions SERVER = ServerOptions.builder().pasvPorts(30000, 30100)
            .connectFromPort20(true).build();
    private static final ClientOptions ACTIVE_CLIENT = ClientOptions.defaults().withMode(DataMode.PORT)
            .withActivePort(ActivePort.CLASSIC).toBuilder().replyNanos(120 * NS_PER_S).build();
    private static final ClientOptions PASSIVE_CLIENT = ClientOptions.defaults().withMode(DataMode.PASV)
            .toBuilder().replyNanos(120 * NS_PER_S).build();

    private static FtpLab lab(final String[] rules, final int without) {
        final List<String> kept = new ArrayList<>(Arrays.asList(rules));
        if (without >= 0) {
            kept.remove(without);
        }
        final FtpLab lab = FtpLab.routed(1);
        final Chain forward = FtpLab.chain("forward", false, Hook.FORWARD, 0, true, kept.toArray(new String[0]));
        lab.stateless(forward);
        lab.serve(SERVER, 200_000);
        return lab;
    }

    @Test
    void activeModeWorksWithExactlyItsFourChannels() {
        final FtpSessionRecord r = lab(ACTIVE, -1).get(ACTIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertEquals(200_000, r.transfer().bytes());
    }

    @Test
    void activeWithoutPort21FromAnywhereNeverConnects() {
        final FtpSessionRecord r = lab(ACTIVE, 0).get(ACTIVE_CLIENT, 300 * NS_PER_S);
        assertEquals("control connect timed out", r.reasonText());
        assertEquals(-1, r.timings().loggedIn(), "no login");
    }

    @Test
    void activeWithoutPort21ToHighPortsNeverConnectsEither() {
        final FtpLab lab = lab(ACTIVE, 1);
        final FtpSessionRecord r = lab.get(ACTIVE_CLIENT, 300 * NS_PER_S);
        assertEquals("control connect timed out", r.reasonText());
        // The server answered every SYN; its SYN/ACKs died at the filter.
        assertTrue(lab.serverWire.stream().filter(p -> p.flags == (Packet.SYN | Packet.ACK) && p.sport == 21).count() >= 2);
        assertEquals(-1, r.timings().loggedIn());
    }

    @Test
    void activeWithoutPort20ToHighPortsHasNoDataConnection() {
        final FtpLab lab = lab(ACTIVE, 2);
        final FtpSessionRecord r = lab.get(ACTIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.timings().loggedIn() > 0, "the control channel works");
        assertEquals("425 data connection failed", r.reasonText());
        assertEquals(0, r.transfer().dataConnections());
        // No SYN from port 20 ever reached the client.
        assertTrue(lab.clientWire.stream().noneMatch(p -> p.sport == 20));
    }

    @Test
    void activeWithoutPort20FromHighPortsLosesTheClientsAnswers() {
        final FtpLab lab = lab(ACTIVE, 3);
        final FtpSessionRecord r = lab.get(ACTIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.timings().loggedIn() > 0);
        assertFalse(r.ok());
        // The server's SYN reached the client, which answered; the answers (its ACKs) never came back.
        assertTrue(lab.clientWire.stream().anyMatch(p -> p.sport == 20 && p.flags == Packet.SYN));
        assertTrue(lab.clientWire.stream().anyMatch(p -> p.dport == 20 && p.flags == (Packet.SYN | Packet.ACK)));
        assertTrue(lab.serverWire.stream().noneMatch(p -> p.dport == 20));
        assertEquals("425 data connection failed", r.reasonText());
    }

    @Test
    void passiveModeWorksWithExactlyItsFourChannels() {
        final FtpSessionRecord r = lab(PASSIVE, -1).get(PASSIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
    }

    @Test
    void passiveWithoutPort21FromAnywhereNeverConnects() {
        assertEquals("control connect timed out", lab(PASSIVE, 0).get(PASSIVE_CLIENT, 300 * NS_PER_S).reasonText());
    }

    @Test
    void passiveWithoutPort21ToHighPortsNeverConnects() {
        assertEquals("control connect timed out", lab(PASSIVE, 1).get(PASSIVE_CLIENT, 300 * NS_PER_S).reasonText());
    }

    @Test
    void passiveWithoutHighPortsFromAnywhereTheDataConnectIsLost() {
        final FtpLab lab = lab(PASSIVE, 2);
        final FtpSessionRecord r = lab.get(PASSIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.timings().loggedIn() > 0);
        assertEquals("data connect timed out", r.reasonText());
        assertTrue(lab.serverWire.stream().noneMatch(p -> p.dport >= 30000 && p.dport <= 30100));
    }

    @Test
    void passiveWithoutHighPortsToHighPortsTheServersAnswersAreLost() {
        final FtpLab lab = lab(PASSIVE, 3);
        final FtpSessionRecord r = lab.get(PASSIVE_CLIENT, 300 * NS_PER_S);
        assertTrue(r.timings().loggedIn() > 0);
        assertEquals("data connect timed out", r.reasonText());
        // The client's SYN reached the server, whose SYN/ACKs never reached the client.
        assertTrue(lab.serverWire.stream().anyMatch(p -> p.dport >= 30000 && p.dport <= 30100 && p.flags == Packet.SYN));
        assertTrue(lab.clientWire.stream().noneMatch(p -> p.sport >= 30000 && p.sport <= 30100));
    }
}
