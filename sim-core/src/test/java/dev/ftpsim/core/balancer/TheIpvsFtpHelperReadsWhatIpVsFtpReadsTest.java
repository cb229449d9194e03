package dev.ftpsim.core.balancer;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IPVS FTP helper (ip_vs_ftp.c) on raw control bytes: what it rewrites in the text the client
 * receives, and the entries it puts in the director's table, for well-formed and malformed
 * commands and replies (ip_vs_ftp_get_addrport: octets above 255, five numbers, IPv6 in EPRT,
 * a port 0 or above 65535 are ignored, and the connection goes on untouched).
 */
class TheIpvsFtpHelperReadsWhatIpVsFtpReadsTest {
    private final StringBuilder clientRead = new StringBuilder();
    private final StringBuilder serverRead = new StringBuilder();
    private TcpConnection client;
    private TcpConnection server;

    private BalancerNet director() {
        final BalancerNet n = new BalancerNet(1, 1);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21}), n.backendAddresses())
                .withLvs(new BalancerConfig.Lvs(true, List.of(21), 0)));
        n.backendTcp.get(0).listen(21, c -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                server = c;
            }

            @Override
            public void received(final TcpConnection c, final byte[] data) {
                serverRead.append(new String(data, StandardCharsets.US_ASCII));
            }
        });
        n.clientTcp.get(0).connect(BalancerNet.VIP, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                client = c;
            }

            @Override
            public void received(final TcpConnection c, final byte[] data) {
                clientRead.append(new String(data, StandardCharsets.US_ASCII));
            }
        });
        n.sim.runUntil(NS_PER_S);
        return n;
    }

    private static void say(final BalancerNet n, final TcpConnection c, final String text) {
        c.send(text.getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(n.sim.now() + NS_PER_S);
    }

    /** The director's table other than the control connection: "client:port -> :vport -> backend:port STATE". */
    private static List<String> entries(final BalancerNet n) {
        return n.balancer.flows().stream().filter(f -> f.frontPort() != 21)
                .map(f -> f + " " + f.state()).toList();
    }

    @Test
    void a227IsRewrittenToTheVirtualAddressAndTheRestOfTheStreamStaysInOrder() {
        final BalancerNet n = director();
        say(n, client, "PASV\r\n");
        say(n, server, "227 Entering Passive Mode (10,1,0,10,117,48).\r\n");
        say(n, server, "150 Here comes the directory listing.\r\n");
        assertEquals("227 Entering Passive Mode (203,0,113,100,117,48).\r\n150 Here comes the directory listing.\r\n",
                clientRead.toString());
        assertEquals(List.of("198.51.100.10:0 -> :30000 -> 10.1.0.10:30000 LISTEN"), entries(n));
        say(n, client, "QUIT\r\n"); // acknowledging 4 bytes the server never sent, it would be discarded
        assertEquals("PASV\r\nQUIT\r\n", serverRead.toString());
    }

    @Test
    void aReplyWithoutAPrecedingPasvIsLeftAlone() {
        final BalancerNet n = director();
        say(n, server, "227 Entering Passive Mode (10,1,0,10,117,48).\r\n");
        assertEquals("227 Entering Passive Mode (10,1,0,10,117,48).\r\n", clientRead.toString());
        assertEquals(List.of(), entries(n));
    }

    @Test
    void epsvKeepsTheRealServersAddress() {
        final BalancerNet n = director();
        say(n, client, "EPSV\r\n");
        say(n, server, "229 Entering Extended Passive Mode (|||30001|)\r\n");
        assertEquals("229 Entering Extended Passive Mode (|||30001|)\r\n", clientRead.toString());
        assertEquals(List.of("198.51.100.10:0 -> :30001 -> 10.1.0.10:30001 LISTEN"), entries(n));
    }

    @Test
    void portAndEprtExpectTheServerFromPort20() {
        final BalancerNet n = director();
        say(n, client, "PORT 198,51,100,10,195,80\r\n");
        say(n, client, "EPRT |1|198.51.100.10|50001|\r\n");
        assertEquals(List.of("198.51.100.10:50000 -> :20 -> 10.1.0.10:20 LISTEN",
                "198.51.100.10:50001 -> :20 -> 10.1.0.10:20 LISTEN"), entries(n));
    }

    @Test
    void malformedCommandsAndRepliesMakeNoEntry() {
        final BalancerNet n = director();
        for (final String bad : new String[] {"PORT 198,51,100,999,195,80\r\n", "PORT 198,51,100,10,195\r\n",
            "EPRT |2|2001:db8::1|50000|\r\n", "EPRT |1|198.51.100|50000|\r\n", "EPRT |1|198.51.100.10|0|\r\n",
            "EPRT |1|198.51.100.10|70000|\r\n", "EPRT |1| 198.51.100.10|50000|\r\n", "EPSV ALL\r\n"}) {
            say(n, client, bad);
        }
        say(n, client, "PASV\r\n");
        for (final String bad : new String[] {"227 Entering Passive Mode (10,1,0,300,117,48).\r\n",
            "227 Entering Passive Mode (10,1,0,10,117).\r\n", "227 Entering Passive Mode (\r\n"}) {
            say(n, server, bad);
        }
        assertEquals(List.of(), entries(n));
        assertEquals(0, n.balancer.stats().ftpHelped);
        assertEquals(Ipv4.parse("198.51.100.10"), n.balancer.flows().get(0).clientAddress());
    }

    /**
     * Two sessions from one address (a NAT in front of two users) whose servers both chose passive
     * port 30000: the helper's two entries differ only by their backend, and a data connection takes
     * the newest (ip_vs_conn_hash adds at the chain's head, ip_vs_conn_in_get takes the first
     * match), so the first session's data connection reaches the second session's server.
     */
    @Test
    void twoSessionsFromOneAddressOnTheSamePassivePortCrossTheirDataConnections() {
        final BalancerNet n = new BalancerNet(1, 2);
        n.install(BalancerConfig.of(Profile.LVS, BalancerNet.VIP, List.of(new int[] {21, 21}), n.backendAddresses())
                .withLvs(new BalancerConfig.Lvs(true, List.of(21), 0)));
        final TcpConnection[] servers = new TcpConnection[2];
        for (int b = 0; b < 2; b++) {
            final int i = b;
            n.backendTcp.get(b).listen(21, c -> new TcpHandler() {
                @Override
                public void connected(final TcpConnection c) {
                    servers[i] = c;
                }
            });
        }
        final TcpConnection[] sessions = new TcpConnection[2];
        for (int k = 0; k < 2; k++) {
            final int i = k;
            n.clientTcp.get(0).connect(BalancerNet.VIP, 21, new TcpHandler() {
                @Override
                public void connected(final TcpConnection c) {
                    sessions[i] = c;
                }
            });
            n.sim.runUntil(n.sim.now() + NS_PER_S);
        }
        // wlc: the first session on backend1 (listed last), the second on backend0
        say(n, sessions[0], "PASV\r\n");
        say(n, servers[1], "227 Entering Passive Mode (10,1,1,10,117,48).\r\n");
        say(n, sessions[1], "PASV\r\n");
        say(n, servers[0], "227 Entering Passive Mode (10,1,0,10,117,48).\r\n");
        n.listen(30000);
        n.clientTcp.get(0).connect(BalancerNet.VIP, 30000, new BalancerNet.Ear(n.sim)); // the first session's
        n.sim.runUntil(n.sim.now() + NS_PER_S);
        assertEquals(1, n.receivedWith("backend0", "S").stream().filter(l -> l.contains(":30000 ")).count(),
                "the first session's data connection reached the second session's server");
        assertEquals(0, n.receivedWith("backend1", "S").stream().filter(l -> l.contains(":30000 ")).count());
    }
}
