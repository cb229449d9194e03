package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCsvIsOneRowPerPointAndReplicationTest {
    @TempDir
    Path tmp;

    @Test
    void eachReplicationIsARowWithItsSeedAndEveryMetric() throws Exception {
        final var spec = new SweepSpec(List.of(SweepPoint.of("p1", "mode", "passive", "loss", "0"),
                SweepPoint.of("p2", "mode", "a,b", "loss", "0.01")), 3, 11L);
        Sweep.run(spec, (point, seed) -> {
            final var m = new LinkedHashMap<String, Double>();
            m.put("seed_mod_10", (double) Math.floorMod(seed, 10));
            if (point.name().equals("p2")) {
                m.put("only_p2", 0.5);
            }
            return m;
        }, new SweepOptions(tmp, 2, SweepOptions.Progress.OFF, false));
        final List<String> lines = Files.readAllLines(tmp.resolve("runs.csv"));
        assertEquals("point,mode,loss,replication,seed,seed_mod_10,only_p2", lines.get(0));
        assertEquals(1 + 2 * 3, lines.size());
        for (int p = 0; p < 2; p++) {
            for (int r = 0; r < 3; r++) {
                final long seed = SweepSeeds.seed(11L, p, r);
                final String params = p == 0 ? "p1,passive,0" : "p2,\"a,b\",0.01";
                assertEquals(params + "," + (r + 1) + "," + seed + "," + (double) Math.floorMod(seed, 10) + ","
                        + (p == 0 ? "" : "0.5"), lines.get(1 + 3 * p + r));
            }
        }
    }
}
