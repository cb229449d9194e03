package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dockerd with {@code --icc=false} writes {@code -A FORWARD -i docker0 -o docker0 -j DROP}: a
 * filter on frames between two containers of the same bridge, which the host's FORWARD chain sees
 * only through br_netfilter. Measured on Linux 6.18 (bridge docker0 in a namespace, two veth
 * "containers", `iptables -P FORWARD DROP; iptables -A FORWARD -i docker0 -o docker0 -j DROP`,
 * vsftpd 3.0.3 in one, `curl -m 5 ftp://172.17.0.2/file.txt` in the other): with
 * net.bridge.bridge-nf-call-iptables=0 curl fetched the file, the frames bridged past the rule; with
 * 1 it timed out ("Connection timed out after 5001 milliseconds").
 */
class DockersIccFalseRuleBlocksContainersOnlyWithBrNetfilterTest {
    private static final String SCENARIO = """
            name: docker-icc-false
            seed: 1
            stop: 60s
            hosts:
              ftp-container: { address: 172.17.0.2/16, gateway: 172.17.0.1 }
              app-container: { address: 172.17.0.3/16, gateway: 172.17.0.1 }
            routers:
              docker-host: { interfaces: { eth0: 198.51.100.5/24, docker0: 172.17.0.1/16 } }
            switches:
              docker0-bridge: { bridge: docker-host.docker0, br-netfilter: %s }
            links:
              - { ends: [docker-host.docker0, docker0-bridge] }
              - { ends: [ftp-container, docker0-bridge] }
              - { ends: [app-container, docker0-bridge] }
            firewall:
              docker-host:
                forward:
                  policy: drop
                  rules: [iif docker0 oif docker0 drop]
            ftp:
              server: { host: ftp-container, files: { /pub/file.bin: 100KB } }
              clients:
                - { host: app-container, server: 172.17.0.2, mode: passive, connect-timeout: 3s,
                    script: [login anonymous, get /pub/file.bin] }
            """;

    private static List<String> run(final boolean brNetfilter) throws Exception {
        return SessionOutcomes.of(SCENARIO.formatted(brNetfilter));
    }

    @Test
    void withBrNetfilterTheHostsForwardRuleDropsTheBridgedConnection() throws Exception {
        assertEquals(List.of("control connect timed out"), run(true));
    }

    @Test
    void withoutItTheContainersTalkPastTheRule() throws Exception {
        assertEquals(List.of("ok"), run(false));
    }
}
