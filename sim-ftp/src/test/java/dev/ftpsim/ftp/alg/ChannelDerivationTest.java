package dev.ftpsim.ftp.alg;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.firewall.ChannelRecorder.Channel;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.lab.FtpLab;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watching an unfiltered session, the channels a firewall in front of the server had to allow
 * are derived from the packets, and they are the first source's two lists, word for word.
 */
class ChannelDerivationTest {
    private static List<Channel> channels(final ClientOptions client) {
        final FtpLab lab = FtpLab.routed(1);
        final ChannelRecorder rec = ChannelRecorder.attach(lab.fw, lab.serverIp);
        lab.serve(ServerOptions.builder().pasvPorts(30000, 30100).connectFromPort20(true).build(), 100_000);
        final FtpSessionRecord r = lab.get(client, 60 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        return rec.channels();
    }

    @Test
    void activeModeNeedsTheFirstSourcesFourActiveChannels() {
        final List<Channel> c = channels(ClientOptions.defaults().withMode(DataMode.PORT)
                .withActivePort(ActivePort.CLASSIC));
        assertEquals(List.of(
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's port 20 to ports > 1023",
                "FTP server's port 20 from ports > 1023"), c.stream().map(FtpChannels::describe).toList());
        assertEquals(List.of(
                "iif lan ip daddr 203.0.113.10 tcp dport 21 accept",
                "oif lan ip saddr 203.0.113.10 tcp sport 21 tcp dport 1024-65535 accept",
                "oif lan ip saddr 203.0.113.10 tcp sport 20 tcp dport 1024-65535 accept",
                "iif lan ip daddr 203.0.113.10 tcp dport 20 tcp sport 1024-65535 accept"),
                c.stream().map(Channel::rule).toList());
    }

    @Test
    void theDerivedRulesPastedIntoAPacketFilterLetTheSameSessionThrough() {
        for (final DataMode mode : new DataMode[] {DataMode.PORT, DataMode.PASV}) {
            final ClientOptions client = ClientOptions.defaults().withMode(mode).withActivePort(ActivePort.CLASSIC);
            final String[] rules = channels(client).stream().map(Channel::rule).toArray(String[]::new);
            final FtpLab lab = FtpLab.routed(2);
            lab.stateless(FtpLab.chain("forward", false, dev.ftpsim.core.net.Hook.FORWARD, 0, true, rules));
            lab.serve(ServerOptions.builder().pasvPorts(30000, 30100).connectFromPort20(true).build(), 100_000);
            final FtpSessionRecord r = lab.get(client, 60 * NS_PER_S);
            assertTrue(r.ok(), mode + ": " + r.reasonText());
        }
    }

    @Test
    void passiveModeNeedsTheFirstSourcesFourPassiveChannels() {
        final List<Channel> c = channels(ClientOptions.defaults().withMode(DataMode.PASV));
        assertEquals(List.of(
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's ports > 1023 from anywhere",
                "FTP server's ports > 1023 to remote ports > 1023"), c.stream().map(FtpChannels::describe).toList());
    }
}
