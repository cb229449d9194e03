package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on the Docker host that dials 127.0.0.1 (Docker without its userland proxy, route_localnet
 * set) sends from 127.0.0.1, and the host's nat OUTPUT and POSTROUTING rules turn that into
 * 172.17.0.1 to the container: the ladder follows its control connection (it drew only the data
 * connection before) and notes the translation made before the packet first left the host.
 */
class ALadderFollowsAJobDiallingLoopbackTest {
    @Test
    void theControlConnectionTo127001IsDrawnWithItsTranslation(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/docker-no-userland-proxy.yaml", "--session", "docker-host#0", "--out",
                tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(": ok: 32 arrows, 0 dropped."), r.out());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("n0->>n1: 0.000 ms [control] SYN 172.17.0.1:38321 #gt; 172.17.0.2:21\n"
                + "    Note over n0,n1: docker-host: ct new\n"
                + "    Note over n0,n1: docker-host: DNAT + SNAT 127.0.0.1:38321 #gt; 127.0.0.1:21 =#gt; 172.17.0.1:38321"
                + " #gt; 172.17.0.2:21\n"), mmd);
        assertTrue(mmd.contains("n1->>n0: 0.150 ms [control] 220 (vsFTPd 3.0.5)"), mmd);
        assertTrue(mmd.contains("docker-host: DNAT + SNAT 198.51.100.5:38322 #gt; 198.51.100.5:30001 =#gt;"
                + " 172.17.0.1:38322 #gt; 172.17.0.2:30001\n"), mmd);
    }
}
