package dev.ftpsim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.run.ProbeRegistry;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A probe an embedder registers is sampled as one more time-series column, after each firewall's
 * standard columns; the standard columns stay as they were.
 */
class AProbeAddedByAnEmbedderBecomesAColumnTest {
    private static final Path FILE = Path.of("..", "examples", "conntrack-storm.yaml");

    @Test
    void aFirewallProbeIsSampledAfterTheFirewallsStandardColumns() throws Exception {
        final Scenario s = Ftpsim.load(FILE);
        final RunResult plain = Ftpsim.run(s);
        final RunResult probed = Ftpsim.run(s, s.seed(),
                ProbeRegistry.standard().withFirewallProbe("peak", fw -> fw.conntrack().peak()));
        final List<String> standard = plain.timeseries().columns();
        final String fw = plain.firewalls().get(0);
        assertEquals(List.of("time_s", "conntrack_" + fw, "expectations_" + fw, "nat_" + fw, "expired_" + fw, "peak_" + fw,
                "sessions_finished"), probed.timeseries().columns());
        for (final String c : standard.subList(1, standard.size())) {
            assertArrayEquals(plain.timeseries().column(c), probed.timeseries().column(c), c);
        }
        final long[] peak = probed.timeseries().column("peak_" + fw);
        final long[] entries = probed.timeseries().column("conntrack_" + fw);
        for (int i = 0; i < peak.length; i++) {
            assertTrue(peak[i] >= entries[i], "the peak so far is at least the entries now, sample " + i);
            assertTrue(i == 0 || peak[i] >= peak[i - 1], "a peak never falls, sample " + i);
        }
        assertEquals(probed.firewall(fw).conntrackPeak(), Arrays.stream(peak).max().orElseThrow());
    }

    @Test
    void aProbeNameIsRegisteredOnce() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeRegistry.standard().withFirewallProbe("nat", fw -> 0));
        assertEquals("a firewall probe nat is registered already", e.getMessage());
    }
}
