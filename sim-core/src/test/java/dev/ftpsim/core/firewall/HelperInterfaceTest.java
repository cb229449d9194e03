package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.conntrack.HelperContext;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.tcp.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A toy helper proves the interface: it reads "EXPECT <port>" lines from the client and lets the
 * server open that port back (RELATED), and behind NAT it rewrites "ME" into the client's public
 * address, changing the payload's length, so later sequence numbers must be adjusted.
 */
class HelperInterfaceTest {
    /** The toy helper: line-oriented, like FTP's. */
    static final class ToyHelper implements ConntrackHelper {
        final List<String> seen = new ArrayList<>();
        final List<ConntrackHelper.Order> orders = new ArrayList<>();

        @Override
        public String type() {
            return "toy";
        }

        @Override
        public boolean help(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p,
                final Order order) {
            orders.add(order);
            if (order != Order.IN_ORDER || dir != 0) {
                return true;
            }
            final String text = new String(p.data, 0, p.payloadLength, StandardCharsets.US_ASCII);
            seen.add(text);
            if (text.startsWith("EXPECT ")) {
                final int port = Integer.parseInt(text.substring(7).trim());
                ctx.expect(ct, ct.dstIp(0), 0, ct.srcIp(0), port, 6, 1, "toy EXPECT " + port);
            }
            final int at = text.indexOf("ME");
            if (at >= 0 && ct.is(ConnEntry.SRC_NAT)) {
                final int pub = ct.dstIp(1);
                final String addr = (pub >>> 24) + "." + (pub >>> 16 & 255) + "." + (pub >>> 8 & 255) + "." + (pub & 255);
                ctx.mangle(ct, dir, p, at, 2, addr.getBytes(StandardCharsets.US_ASCII));
            }
            return true;
        }
    }

    private static Ruleset rules(final boolean nat) {
        final List<Chain> chains = new ArrayList<>();
        chains.add(OneLiners.chain("pre", false, Hook.PREROUTING, 0, false, "tcp dport 21 ct helper set \"toy\""));
        chains.add(OneLiners.chain("forward", false, Hook.FORWARD, 0, true,
                "ct state established,related accept", "iif lan0 oif wan tcp dport 21 ct state new accept"));
        if (nat) {
            chains.add(OneLiners.chain("post", true, Hook.POSTROUTING, 100, false, "oif wan masquerade"));
        }
        return new Ruleset(chains, List.of(), Map.of("toy", new Ruleset.HelperObject("toy", "toy", 6)));
    }

    @Test
    void anExpectationMakesTheAnnouncedConnectionRelated() {
        final FwNet n = new FwNet(1, 1);
        final ToyHelper toy = new ToyHelper();
        final Firewall fw = n.stateful(rules(false), ConntrackConfig.linux(), toy);
        final TcpConnection[] control = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            control[0] = c;
            return new FwNet.Ear(n.sim);
        });
        final FwNet.Ear dataAtClient = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).listen(40001, c -> dataAtClient);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 21, new FwNet.Ear(n.sim));
        c.send("EXPECT 40001\r\n".getBytes(StandardCharsets.US_ASCII));
        n.sim.runUntil(NS_PER_S);
        assertEquals(1, fw.conntrack().expectationCount());

        final FwNet.Ear back = new FwNet.Ear(n.sim);
        n.serverTcp.connect(n.clientIp(0), 40001, 20, back);
        n.sim.runUntil(2 * NS_PER_S);
        assertTrue(back.connectedAt > 0, "the server's connection back was RELATED and passed");
        assertEquals(1, fw.conntrack().stats().expectUsed);
        final ConnEntry data = fw.conntrack().entries().stream().filter(e -> e.master() != null).findFirst()
                .orElseThrow();
        assertEquals("toy EXPECT 40001", data.expectedBy());

        // Without the announcement the same connection is NEW and dropped.
        final FwNet.Ear unannounced = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).listen(40002, cc -> new FwNet.Ear(n.sim));
        n.serverTcp.connect(n.clientIp(0), 40002, 20, unannounced);
        n.sim.runUntil(5 * NS_PER_S);
        assertTrue(unannounced.connectedAt < 0);
    }

    @Test
    void aRewriteThatChangesTheLengthLeavesALongTransferIntact() {
        final FwNet n = new FwNet(2, 1);
        final ToyHelper toy = new ToyHelper();
        n.stateful(rules(true), ConntrackConfig.linux(), toy);
        final ByteArrayOutputStream atServer = new ByteArrayOutputStream();
        final TcpConnection[] serverSide = new TcpConnection[1];
        n.serverTcp.listen(21, c -> {
            serverSide[0] = c;
            return new dev.ftpsim.core.tcp.TcpHandler() {
                @Override
                public void received(final TcpConnection conn, final byte[] data) {
                    atServer.writeBytes(data);
                }
            };
        });
        final FwNet.Ear client = new FwNet.Ear(n.sim);
        final TcpConnection c = n.clientTcp.get(0).connect(FwNet.SERVER, 21, client);
        c.send("HELLO ME\r\n".getBytes(StandardCharsets.US_ASCII)); // "ME" becomes "203.0.113.1": +9 bytes
        n.sim.runUntil(NS_PER_S);
        // Then 300 KB of real bytes each way, long after the rewrite.
        final byte[] up = pattern(300_000, 7);
        final byte[] down = pattern(300_000, 13);
        c.send(up);
        serverSide[0].send(down);
        n.sim.runUntil(30 * NS_PER_S);
        final byte[] expectedUp = concat("HELLO 203.0.113.1\r\n".getBytes(StandardCharsets.US_ASCII), up);
        assertArrayEquals(expectedUp, atServer.toByteArray());
        assertArrayEquals(down, client.bytes.toByteArray());
        assertEquals(0, c.segmentsRetransmitted(), "no stall or spurious retransmission from bad ACKs");
    }

    private static byte[] pattern(final int n, final int seed) {
        final byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * seed + (i >>> 8));
        }
        return b;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
