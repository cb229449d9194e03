package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container dialling the host's published port that is DNATed back to itself. Measured on Linux
 * 6.18 (bridge docker0 in a namespace, vsftpd 3.0.3 and `curl -m 4 ftp://198.51.100.5/file.txt`
 * in the same veth "container", DNAT of 198.51.100.5 to it; `bridge link set dev vetha hairpin
 * on`; `iptables -t nat -A POSTROUTING -s 172.17.0.3 -d 172.17.0.3 -j MASQUERADE`, the hairpin rule
 * dockerd and kube-proxy write): without br_netfilter the SYN is routed back (TTL 63) and connects
 * only with the masquerade (source 172.17.0.1; without it the container drops a SYN from its own
 * address); with br_netfilter it is bridged back to the port it came in on, which needs hairpin mode
 * as well as the masquerade: bridge-nf-call-iptables=1 alone, with hairpin alone or with the
 * masquerade alone, curl timed out; with both it fetched the file.
 */
class AContainerReachesItselfThroughAPublishedPortWithHairpinAndMasqueradeTest {
    private static final String SCENARIO = """
            name: container-to-itself
            seed: 1
            stop: 60s
            hosts:
              app-container: { address: 172.17.0.3/16, gateway: 172.17.0.1 }
              other: { address: 172.17.0.4/16, gateway: 172.17.0.1 }
            routers:
              docker-host: { interfaces: { eth0: 198.51.100.5/24, docker0: 172.17.0.1/16 } }
            switches:
              docker0-bridge: { bridge: docker-host.docker0, br-netfilter: %s, hairpin: %s }
            links:
              - { ends: [docker-host.docker0, docker0-bridge] }
              - { ends: [app-container, docker0-bridge] }
              - { ends: [other, docker0-bridge] }
            firewall:
              docker-host:
                nat:
                  prerouting: ['ip daddr 198.51.100.5 tcp dport { 21, 30000-30001 } dnat to 172.17.0.3']
                  postrouting: ['%s']
            ftp:
              server: { host: app-container, passive-ports: 30000-30001, pasv-address: 198.51.100.5,
                        files: { /pub/file.bin: 100KB } }
              clients:
                - { host: app-container, server: 198.51.100.5, mode: passive, connect-timeout: 3s,
                    script: [login anonymous, get /pub/file.bin] }
            """;
    private static final String MASQUERADE = "ip saddr 172.17.0.3 ip daddr 172.17.0.3 masquerade";
    private static final String NONE = "ip saddr 192.0.2.1 masquerade";

    private static String run(final boolean brNetfilter, final boolean hairpin, final String postrouting)
            throws Exception {
        final List<String> out = SessionOutcomes.of(SCENARIO.formatted(brNetfilter, hairpin, postrouting));
        assertEquals(1, out.size());
        return out.get(0);
    }

    @Test
    void withBrNetfilterItTakesHairpinModeAndTheMasquerade() throws Exception {
        assertEquals("ok", run(true, true, MASQUERADE));
        assertEquals("control connect timed out", run(true, false, MASQUERADE));
        assertEquals("control connect timed out", run(true, true, NONE));
        assertEquals("control connect timed out", run(true, false, NONE));
    }

    @Test
    void withoutBrNetfilterTheRoutedSynTakesTheMasqueradeOnly() throws Exception {
        assertEquals("ok", run(false, false, MASQUERADE));
        assertEquals("control connect timed out", run(false, false, NONE));
    }
}
