package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * ftpsim trace built the scenario's firewalls but not its balancers: a SYN to a virtual address
 * ended "not delivered: no route, TTL expired or lost on a link", though a run delivers it to a
 * backend. Now the balancer's rewrite is a line of the trace, and its drops say why.
 */
class TraceFollowsAPacketThroughABalancerTest {
    private static String trace(final String example, final String packet) {
        final Cli r = Cli.run("trace", "../examples/" + example + ".yaml", "--packet", packet);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    @Test
    void aSynToTheVirtualAddressIsRewrittenAndDelivered() {
        assertEquals("""
                trace of tcp 198.51.100.10:40000 > 203.0.113.100:21 syn, sent by client
                trace id 1 lb balancer (aws-nlb): 198.51.100.10:40000 > 203.0.113.100:21 -> 198.51.100.10:40000 > 10.1.2.10:21
                delivered to ftp2 (198.51.100.10:40000 > 10.1.2.10:21)
                """, trace("passive-balancer-source-affinity", "tcp 198.51.100.10:40000 > 203.0.113.100:21 syn"));
    }

    @Test
    void anLvsDirectorSaysWhyItDroppedAPacket() {
        assertEquals("""
                trace of tcp 198.51.100.10:40000 > 203.0.113.100:30000 syn, sent by client
                dropped by lb's balancer (no virtual service on that port: the director's own TCP answered with a reset)
                """, trace("lvs-passive-ftp-helper", "tcp 198.51.100.10:40000 > 203.0.113.100:30000 syn"));
        assertEquals("""
                trace of tcp 198.51.100.10:40000 > 203.0.113.100:21 ack, sent by client
                dropped by lb's balancer (no connection in its table for it)
                """, trace("lvs-passive-ftp-helper", "tcp 198.51.100.10:40000 > 203.0.113.100:21 ack"));
    }

    /**
     * HAProxy terminates the client's connection: the trace used to show it rewriting the SYN to a
     * backend as a NAT would, where a run delivers the SYN to the proxy on lb, which then dials the
     * backend from its own address.
     */
    @Test
    void aProxyingBalancerTakesTheSynItselfAndSaysWhereItsOwnConnectionGoes() {
        assertEquals("""
                trace of tcp 198.51.100.10:40000 > 203.0.113.100:21 syn, sent by client
                delivered to lb (198.51.100.10:40000 > 203.0.113.100:21); its proxy (haproxy) accepts the connection \
                and opens its own, from lb's address, to 10.1.1.10:21
                """, trace("haproxy-ftp-passive", "tcp 198.51.100.10:40000 > 203.0.113.100:21 syn"));
        assertEquals("""
                trace of tcp 198.51.100.10:40000 > 203.0.113.100:21 ack, sent by client
                delivered to lb (198.51.100.10:40000 > 203.0.113.100:21); its proxy (haproxy) holds no connection \
                for it: its TCP answers with a reset
                """, trace("haproxy-ftp-passive", "tcp 198.51.100.10:40000 > 203.0.113.100:21 ack"));
    }
}
