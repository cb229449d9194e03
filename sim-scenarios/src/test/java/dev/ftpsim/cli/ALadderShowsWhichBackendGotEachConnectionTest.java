package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a balancer or kube-proxy, the ladder has a column per backend and each connection's
 * arrows end at the backend that got it: the classic failure (control on one backend, passive
 * data connection on the other, answered with a reset) is seen as such, not as a control
 * connection answered by the balancer itself.
 */
class ALadderShowsWhichBackendGotEachConnectionTest {
    @Test
    void controlOnOneBalancerBackendDataOnTheOther(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/passive-balancer-no-affinity.yaml", "--session", "1", "--out",
                tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n1 as lb (balancer aws-nlb 203.0.113.100)"), mmd);
        assertTrue(mmd.contains("participant n2 as ftp1 (server 10.1.1.10)\n    participant n3 as ftp2 (server 10.1.2.10)\n"),
                mmd);
        assertTrue(mmd.contains("n0->>n3: 2000.000 ms [control] SYN 198.51.100.10:52850 #gt; 203.0.113.100:21"), mmd);
        assertTrue(mmd.contains("n3->>n0: 2033.012 ms [control] 220 (vsFTPd 3.0.5)"), mmd);
        assertTrue(mmd.contains("n3->>n0: 2143.065 ms [control] 227 Entering Passive Mode (203,0,113,100,117,141)."), mmd);
        assertTrue(mmd.contains("n0-->>n2: 2154.073 ms [data 1] SYN 198.51.100.10:52851 #gt; 203.0.113.100:30093"), mmd);
        assertTrue(mmd.contains("n2-->>n0: 2165.077 ms [data 1] RST/ACK"), mmd);
        assertFalse(mmd.contains("n1->>n0"), "the balancer answers nothing itself: " + mmd);
        // its rewrite of the backend's answer undoes its DNAT: the backend saw the client's own address
        assertTrue(mmd.contains("lb: reverse NAT 10.1.2.10:21 #gt; 198.51.100.10:52850 =#gt; 203.0.113.100:21"
                + " #gt; 198.51.100.10:52850"), mmd);
        assertFalse(mmd.contains("SNAT"), "no source NAT: " + mmd);
    }

    @Test
    void bothBackendsAreColumnsWhenOneGotEverything(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/passive-balancer-no-affinity.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String svg = Files.readString(tmp.resolve("ladder.svg"));
        assertTrue(svg.contains("data-node=\"ftp1\""), svg);
        assertTrue(svg.contains("data-node=\"ftp2\""), "the backend that got nothing: " + svg);
    }

    @Test
    void eachKubePodIsAColumnAndTheNodePortConnectionIsTheControlOne(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/kube-nodeport-ftp.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        assertTrue(mmd.contains("participant n2 as pod-a (server 10.244.1.10)\n    participant n3 as pod-b (server 10.244.2.10)\n"),
                mmd);
        assertTrue(mmd.contains("n0->>n3: 0.000 ms [control] SYN 198.51.100.10:52848 #gt; 198.51.100.20:30021"), mmd);
        assertTrue(mmd.contains("n3->>n0: 65.709 ms [control] 227 Entering Passive Mode"), mmd);
        assertTrue(mmd.contains("n0-->>n2: 70.767 ms [data 1] SYN 198.51.100.10:52849 #gt; 198.51.100.20:30102"), mmd);
        // kube-proxy's DNAT to the pod and its masquerade, both on the one hop: one arrow, not one per side
        assertTrue(mmd.contains("node: DNAT + SNAT 198.51.100.10:52848 #gt; 198.51.100.20:30021 =#gt; 10.244.2.1:62039"
                + " #gt; 10.244.2.10:21"), mmd);
        assertTrue(mmd.contains("node: DNAT + SNAT 198.51.100.10:52849 #gt; 198.51.100.20:30102 =#gt; 10.244.1.1:16032"
                + " #gt; 10.244.1.10:30102"), mmd);
        assertFalse(mmd.contains("addressed to node itself"), "kube-proxy forwarded every packet: " + mmd);
    }
}
