package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dockerd with {@code --userland-proxy=false} publishes a port to the host's own 127.0.0.1 by NAT:
 * its nat OUTPUT rule loses {@code ! -d 127.0.0.0/8}, POSTROUTING masquerades {@code -o docker0 -m
 * addrtype --src-type LOCAL}, and it sets net.ipv4.conf.docker0.route_localnet = 1, without which
 * Linux refuses a 127/8 source on docker0 (__mkroute_output in net/ipv4/route.c: -EINVAL, the
 * SYN dropped after the DNAT) and a 127/8 destination coming in on it (ip_route_input_slow:
 * martian destination). Measured with Debian's docker.io 20.10.24 in a network namespace (rules
 * below as iptables-save printed them; vsftpd 3.0.3 with pasv_address=198.51.100.5): on the host
 * `curl --disable-epsv --no-ftp-skip-pasv-ip ftp://127.0.0.1/pub/file.bin` downloaded (226), both
 * connections reaching vsftpd from 172.17.0.1; after `sysctl net.ipv4.conf.docker0.route_localnet=0`
 * `curl --connect-timeout 3` gave up: "(28) Failed to connect to 127.0.0.1 port 21 after 3000 ms".
 */
class DockerWithoutItsUserlandProxyNeedsRouteLocalnetTest {
    private static final String SCENARIO = """
            name: docker-no-userland-proxy
            seed: 1
            stop: 60s
            hosts:
              ftp-container: { address: 172.17.0.2/16 }
            routers:
              docker-host: { interfaces: { eth0: 198.51.100.5/24, docker0: 172.17.0.1/16 }%s }
            links:
              - { ends: [docker-host.docker0, ftp-container], bandwidth: 10Gbps, delay: 50us }
            firewall:
              docker-host:
                iptables: docker.rules
            ftp:
              server:
                host: ftp-container
                passive-ports: 30000-30001
                pasv-address: 198.51.100.5
                files: { /pub/file.bin: 100KB }
              clients:
                - { host: docker-host, server: 127.0.0.1, mode: passive, pasv-address-policy: trust,
                    connect-timeout: 3s, script: [login anonymous, get /pub/file.bin] }
            """;
    private static final String RULES = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :DOCKER - [0:0]
            :DOCKER-ISOLATION-STAGE-1 - [0:0]
            :DOCKER-ISOLATION-STAGE-2 - [0:0]
            :DOCKER-USER - [0:0]
            -A FORWARD -j DOCKER-USER
            -A FORWARD -j DOCKER-ISOLATION-STAGE-1
            -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -o docker0 -j DOCKER
            -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
            -A FORWARD -i docker0 -o docker0 -j ACCEPT
            -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 30001 -j ACCEPT
            -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 30000 -j ACCEPT
            -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 21 -j ACCEPT
            -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
            -A DOCKER-ISOLATION-STAGE-1 -j RETURN
            -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
            -A DOCKER-ISOLATION-STAGE-2 -j RETURN
            -A DOCKER-USER -j RETURN
            COMMIT
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 30001 -j MASQUERADE
            -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 30000 -j MASQUERADE
            -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 21 -j MASQUERADE
            -A DOCKER -p tcp -m tcp --dport 30001 -j DNAT --to-destination 172.17.0.2:30001
            -A DOCKER -p tcp -m tcp --dport 30000 -j DNAT --to-destination 172.17.0.2:30000
            -A DOCKER -p tcp -m tcp --dport 21 -j DNAT --to-destination 172.17.0.2:21
            COMMIT
            """;

    private static List<String> run(final Path dir, final String routerExtra) throws Exception {
        Files.writeString(dir.resolve("docker.rules"), RULES);
        return SessionOutcomes.of(SCENARIO.formatted(routerExtra), dir);
    }

    @Test
    void withRouteLocalnetOnDocker0TheHostsJobTo127001Downloads(@TempDir final Path dir) throws Exception {
        assertEquals(List.of("ok"), run(dir, ", route-localnet: [docker0]"));
    }

    @Test
    void withoutRouteLocalnetTheHostsConnectTo127001TimesOut(@TempDir final Path dir) throws Exception {
        assertEquals(List.of("control connect timed out"), run(dir, ""));
    }
}
