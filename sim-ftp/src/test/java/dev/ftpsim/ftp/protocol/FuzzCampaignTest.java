package dev.ftpsim.ftp.protocol;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long fuzz campaign: the generators of {@link EngineFuzzTest} for millions of inputs.
 * Off by default; run it with
 * {@code mvn -B -q -ntp -pl sim-ftp -am test -Dtest=FuzzCampaignTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dftpsim.fuzz.inputs=1000000 [-Dftpsim.fuzz.seed=42]}.
 * An "input" is one Input fed to a live engine (a control chunk or a data/timer event; inputs
 * after a session closed are fed but not counted). Figures go to
 * target/surefire-reports/...-output.txt.
 */
class FuzzCampaignTest {

    @Test
    @EnabledIfSystemProperty(named = "ftpsim.fuzz.inputs", matches = "\\d+")
    void aLongCampaignOfRandomInputsFindsNoBrokenInvariant() {
        long target = Long.parseLong(System.getProperty("ftpsim.fuzz.inputs"));
        long seed = Long.parseLong(System.getProperty("ftpsim.fuzz.seed", "42"));
        var seeds = new SplittableRandom(seed);
        long inputs = 0, serverSessions = 0, clientSessions = 0;
        long t0 = System.nanoTime();
        while (inputs < target) {
            long s = seeds.nextLong();
            switch ((int) ((serverSessions + clientSessions) % 4)) {
                case 0 -> { inputs += EngineFuzzTest.serverRun(s, false); serverSessions++; }
                case 1 -> { inputs += EngineFuzzTest.serverRun(s, true); serverSessions++; }
                case 2 -> { inputs += EngineFuzzTest.clientRun(s); clientSessions++; }
                default -> { inputs += EngineFuzzTest.clientRunGuided(s); clientSessions++; }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fuzz campaign: seed %d, %d inputs, %d server sessions, %d client sessions, %.1f s, "
                + "0 failures%n", seed, inputs, serverSessions, clientSessions, secs);
    }
}
