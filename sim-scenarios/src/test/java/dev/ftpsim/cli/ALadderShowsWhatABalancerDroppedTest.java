package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A balancer that forgot an idle flow drops what comes on it: the ladder ends those arrows at the
 * balancer with a cross and says why, instead of drawing them as delivered to it. Azure's balancer
 * forgets the control connection after 240 s of a longer download; the server's "226 Transfer
 * complete." and each retransmission of it, then the client's FIN, are dropped there.
 */
class ALadderShowsWhatABalancerDroppedTest {
    @Test
    void the226OnAForgottenFlowIsDroppedAtTheBalancer(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("ladder", "../examples/azure-idle-long-transfer.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(": 37 arrows, 10 dropped."), r.out());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        final String why = "    Note over n1: dropped by balancer lb: no flow for it in its table (it forgets a flow idle 240 s)\n";
        assertTrue(mmd.contains("n2-xn1: 329075.400 ms [control] 226 Transfer complete.\n" + why), mmd);
        assertTrue(mmd.contains("n2-xn1: 387456.267 ms [control] 226 Transfer complete.\n" + why), "the last retransmission: " + mmd);
        assertTrue(mmd.contains("n0-xn1: 389086.432 ms [control] FIN/ACK 198.51.100.10:52848 #gt; 203.0.113.100:21\n" + why), mmd);
        assertTrue(mmd.contains("n2-->>n0: 329075.399 ms [data 1] ACK"), "the data connection's flow is still known: " + mmd);
    }
}
