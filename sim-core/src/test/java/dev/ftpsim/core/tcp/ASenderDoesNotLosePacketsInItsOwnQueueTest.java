package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.DropCause;
import dev.ftpsim.core.net.LinkConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host whose own link is the bottleneck queues its data in its sockets, not as losses in its
 * interface queue. Checked on Linux 6.18 in two namespaces (the sender's veth under
 * {@code tbf rate 100mbit burst 3000 limit 150000}, {@code gso_max_segs 1}, two connections
 * sending 20 MiB each): the qdisc refused 206 packets, yet nstat counted no retransmitted
 * segment, because TCP Small Queues keep about a millisecond of each connection in the queue and
 * a segment the queue refuses counts as not sent (NET_XMIT_DROP). ftpsim used to lose such
 * packets and retransmit them.
 */
class ASenderDoesNotLosePacketsInItsOwnQueueTest {
    private static final long MS = 1_000_000L;
    private static final long BYTES = 20L << 20;

    /** Opens the connections one after the other, then lets all of them send at once. */
    private static List<TcpConnection> send(final TestNet n, final int connections) {
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(5001, c -> srv);
        final List<TcpConnection> conns = new ArrayList<>();
        final TcpHandler opener = new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                if (conns.size() < connections) {
                    conns.add(n.clientTcp.connect(n.serverIp, 5001, this));
                    return;
                }
                for (final TcpConnection each : conns) {
                    each.send(BYTES);
                    each.close();
                }
            }
        };
        conns.add(n.clientTcp.connect(n.serverIp, 5001, opener));
        n.sim.runUntil(60_000 * MS);
        assertEquals(connections, conns.size());
        assertEquals(connections * BYTES, srv.bulk, "every byte arrives");
        return conns;
    }

    @Test
    void twoBulkSendersBehindTheirOwn100MbpsLinkNeitherDropNorRetransmit() {
        final LinkConfig l = LinkConfig.of(100_000_000L, 5 * MS, 1000);
        final TestNet n = new TestNet(3, l, l, TcpConfig.linux(), TcpConfig.linux(), false);
        final List<TcpConnection> conns = send(n, 2);
        assertEquals(0, n.clientLink.a().counters().drops(DropCause.QUEUE_FULL), "drops in the sender's own queue");
        for (final TcpConnection c : conns) {
            assertEquals(0, c.segmentsRetransmitted, "retransmitted segments of " + c);
        }
    }

    @Test
    void aSegmentTheFullQueueRefusesIsSentLaterNotRetransmitted() {
        // a 4-packet queue shared by eight connections: TSQ's two segments each do not fit, so the
        // queue refuses segments; each refusal is local congestion, never a loss on the wire
        final LinkConfig own = LinkConfig.of(100_000_000L, 5 * MS, 4);
        final LinkConfig core = LinkConfig.of(100_000_000L, 5 * MS, 1000);
        final TestNet n = new TestNet(4, own, core, TcpConfig.linux(), TcpConfig.linux(), false);
        final List<TcpConnection> conns = send(n, 8);
        assertTrue(n.clientLink.a().counters().drops(DropCause.QUEUE_FULL) > 0, "the queue refused segments");
        for (final TcpConnection c : conns) {
            assertEquals(0, c.segmentsRetransmitted, "retransmitted segments of " + c);
        }
    }
}
