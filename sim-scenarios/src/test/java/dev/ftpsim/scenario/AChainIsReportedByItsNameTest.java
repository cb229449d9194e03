package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A chain written with a {@code name} is reported by that name, as nft reports a chain by its
 * name; without one, by its hook's name.
 */
class AChainIsReportedByItsNameTest {
    private static String scenario(final String forward) {
        return "name: named\nstop: 10s\n" + Fixture.NET + """
                firewall:
                  fw:
                    forward: %s
                """.formatted(forward) + Fixture.FTP;
    }

    /** What the firewall's drops are counted under: its client's SYNs, all dropped by the policy. */
    private static Set<String> drops(final String forward) throws Exception {
        final Scenario s = ScenarioLoader.parse(scenario(forward), "named.yaml", Path.of("."));
        final RunResult r = Ftpsim.run(s);
        return r.firewall("fw").drops().keySet();
    }

    @Test
    void aNamedChainsDropsCarryItsName() throws Exception {
        assertEquals(Set.of("guard policy drop"), drops("{ name: guard, policy: drop, rules: [] }"));
    }

    @Test
    void anUnnamedChainIsCalledByItsHook() throws Exception {
        assertEquals(Set.of("forward policy drop"), drops("{ policy: drop, rules: [] }"));
    }
}
