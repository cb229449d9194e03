package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection a userland proxy relays is drawn as the two it is: the client's to the proxy, and
 * the proxy's own to the server, named for the one it relays. On a Docker host whose job dials
 * 127.0.0.1, the proxy gets a column of its own beside the job's, and the picture shows why vsftpd
 * says "425 Security: Bad IP connecting.": the control connection reaches it from the proxy, the
 * data connection straight from the host (DNATed by the OUTPUT rule).
 */
class ALadderDrawsAProxiedConnectionAsTwoTest {
    @Test
    void aJobOnTheDockerHostDialsTheProxyOnLoopback(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/docker-proxy-localhost.yaml", "--session", "docker-host#0", "--out",
                tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n0 as docker-host (client 198.51.100.5)\n"
                + "    participant n1 as proxy on docker-host (proxy to 172.17.0.2:21)\n"
                + "    participant n2 as ftp-container (server 172.17.0.2)\n"), mmd);
        assertTrue(mmd.contains("n0->>n1: 0.000 ms [control] SYN 127.0.0.1:38321 #gt; 127.0.0.1:21\n"), mmd);
        assertTrue(mmd.contains("n1->>n0: 0.000 ms [control] SYN/ACK 127.0.0.1:21 #gt; 127.0.0.1:38321\n"), mmd);
        assertTrue(mmd.contains("n1->>n2: 0.000 ms [control relayed by docker-host] SYN 172.17.0.1:38322 #gt; 172.17.0.2:21\n"),
                mmd);
        assertTrue(has(mmd, "n2->>n1: [0-9.]+ ms \\[control relayed by docker-host\\] 425 Security: Bad IP connecting\\.\n"), mmd);
        assertTrue(has(mmd, "n1->>n0: [0-9.]+ ms \\[control\\] 425 Security: Bad IP connecting\\.\n"), mmd);
        assertTrue(mmd.contains("n0-->>n2: 0.701 ms [data 1] SYN 198.51.100.5:38323 #gt; 172.17.0.2:30001\n"
                + "    Note over n0,n2: docker-host: ct new\n"
                + "    Note over n0,n2: docker-host: DNAT 198.51.100.5:38323 #gt; 198.51.100.5:30001 =#gt; 198.51.100.5:38323"
                + " #gt; 172.17.0.2:30001\n"), mmd);
        assertEquals(1, mmd.split("DNAT", -1).length - 1, "the translation noted once: " + mmd);
        final String svg = Files.readString(tmp.resolve("ladder.svg"));
        assertTrue(svg.contains("data-connection=\"control relayed by docker-host\""), svg);
        assertFalse(has(svg, "data-connection=\"control relayed by docker-host\"[^\n]*stroke-dasharray"),
                "a control connection is drawn solid: " + svg);
    }

    @Test
    void aProxyOnTheRouterOnThePath(@TempDir final Path tmp) throws Exception {
        final Path scenario = Files.writeString(tmp.resolve("proxied.yaml"), """
                name: proxied
                hosts:
                  client: { address: 198.51.100.10/24 }
                  ftp-container: { address: 172.17.0.2/16 }
                routers:
                  docker-host:
                    interfaces: { eth0: 198.51.100.5/24, docker0: 172.17.0.1/16 }
                    proxies:
                      - { listen: 21, to: 172.17.0.2:21 }
                      - { listen: 30000-30001, to: 172.17.0.2:30000 }
                links:
                  - { ends: [client, docker-host.eth0], bandwidth: 100Mbps, delay: 10ms }
                  - { ends: [docker-host.docker0, ftp-container], bandwidth: 10Gbps, delay: 50us }
                ftp:
                  server: { host: ftp-container, passive-ports: 30000-30001, pasv-address: 198.51.100.5, files: { /f: 10KB } }
                  clients:
                    - { host: client, server: 198.51.100.5, mode: passive, script: [login anonymous, get /f] }
                """);
        final Cli r = Cli.run("ladder", scenario.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("out/ladder.mmd"));
        assertTrue(mmd.contains("participant n1 as docker-host (router + proxy 198.51.100.5)"), mmd);
        assertTrue(mmd.contains("n0->>n1: 0.000 ms [control] SYN 198.51.100.10:52848 #gt; 198.51.100.5:21\n"
                + "    Note over n0,n1: docker-host: its proxy relays it to 172.17.0.2:21\n"), mmd);
        assertTrue(has(mmd, "n1->>n2: [0-9.]+ ms \\[control relayed by docker-host\\] SYN 172\\.17\\.0\\.1:\\d+ #gt; 172\\.17\\.0\\.2:21\n"),
                mmd);
        assertTrue(has(mmd, "n2->>n1: [0-9.]+ ms \\[control relayed by docker-host\\] 220 "), mmd);
        assertTrue(has(mmd, "n1->>n0: [0-9.]+ ms \\[control\\] 220 "), mmd);
        assertTrue(has(mmd, "n1-->>n2: [0-9.]+ ms \\[data 1 relayed by docker-host\\] SYN 172\\.17\\.0\\.1:\\d+ #gt; 172\\.17\\.0\\.2:30001\n"),
                mmd);
        assertFalse(mmd.contains("addressed to docker-host itself"), "the proxy's own connections end there: " + mmd);
    }

    private static boolean has(final String text, final String regex) {
        return Pattern.compile(regex).matcher(text).find();
    }
}
