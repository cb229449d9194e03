package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod dialling a Service's ClusterIP whose endpoint is a pod on the same node's bridge (cni0):
 * kube-proxy's DNAT runs on the node, the SYN goes up to it (the ClusterIP is off the pod subnet, so
 * the pod sends it to its gateway) and is DNATed to the endpoint on the same bridge, and the
 * endpoint's SYN/ACK is bridged back. As with docker0 (docker-container-to-published-port.yaml,
 * measured on Linux 6.18), only br_netfilter, which Kubernetes' container runtime setup requires
 * (net.bridge.bridge-nf-call-iptables=1), gives that SYN/ACK the ClusterIP back.
 */
class APodReachesAServiceWithAnEndpointOnItsNodeOnlyWithBrNetfilterTest {
    private static final String SCENARIO = """
            name: kube-service-same-node
            seed: 1
            stop: 60s
            hosts:
              ftp-pod: { address: 10.244.0.5/24, gateway: 10.244.0.1 }
              client-pod: { address: 10.244.0.6/24, gateway: 10.244.0.1 }
            routers:
              node: { interfaces: { eth0: 192.168.0.10/24, cni0: 10.244.0.1/24 } }
            switches:
              cni0-bridge: { bridge: node.cni0, br-netfilter: %s }
            links:
              - { ends: [node.cni0, cni0-bridge] }
              - { ends: [ftp-pod, cni0-bridge] }
              - { ends: [client-pod, cni0-bridge] }
            firewall:
              node:
                nat:
                  prerouting:
                    - ip daddr 10.96.0.21 tcp dport { 21, 30000-30001 } dnat to 10.244.0.5
            ftp:
              server: { host: ftp-pod, passive-ports: 30000-30001, pasv-address: 10.96.0.21,
                        files: { /pub/file.bin: 100KB } }
              clients:
                - { host: client-pod, server: 10.96.0.21, mode: passive, connect-timeout: 3s,
                    script: [login anonymous, get /pub/file.bin] }
            """;

    private static List<String> run(final boolean brNetfilter) throws Exception {
        return SessionOutcomes.of(SCENARIO.formatted(brNetfilter));
    }

    @Test
    void withBrNetfilterThePodDownloadsThroughTheClusterIp() throws Exception {
        assertEquals(List.of("ok"), run(true));
    }

    @Test
    void withoutItTheEndpointsOwnSynAckIsResetAndTheConnectTimesOut() throws Exception {
        assertEquals(List.of("control connect timed out"), run(false));
    }
}
