package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The office switch's stateful bridge firewall ({@code ct state established,related accept}, policy
 * drop): with bridge conntrack (the default) active sessions succeed and passive ones fail on their
 * data connection; without it ({@code mode: stateless}) the kernel refuses every ct rule of a bridge
 * table, so the scenario is an error.
 */
class BridgeConntrackDecidesWhetherCtStateWorksOnASwitchTest {
    private static Map<String, Long> outcome(final RunResult r) {
        return r.summary().failuresByCode().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
    }

    @Test
    void withBridgeConntrackOnlyTheNewPassiveDataConnectionIsDropped() throws Exception {
        final RunResult r = Ftpsim.run(Ftpsim.load(Path.of("../examples/office-lan-switch-bridge-filter.yaml")));
        assertEquals(2, r.summary().succeeded());
        assertEquals(Map.of("data_connect_timed_out", 2L), outcome(r));
    }

    @Test
    void withoutBridgeConntrackTheCtRulesAreRefusedAndNothingIsWritten(@TempDir final Path tmp) throws Exception {
        // Linux 6.18 without nf_conntrack_bridge, nft 1.0.6: 'nft -f' of a bridge table with 'ct state
        // established,related accept' fails with "Error: Could not process rule: Protocol error" at the ct
        // expression and loads nothing (nf_ct_netns_do_get, net/netfilter/nf_conntrack_proto.c: -EPROTO)
        final Path file = Cli.example(tmp, "office-lan-switch-bridge-filter", "  sw:\n    forward:",
                "  sw:\n    mode: stateless\n    forward:");
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("office-lan-switch-bridge-filter.yaml:31:11: firewall.sw.forward.rules[0]: 'ct'"
                + " needs bridge connection tracking (nf_conntrack_bridge), which this switch has not (mode: stateless):"
                + " nft refuses the rule, 'Could not process rule: Protocol error'"), r.err());
        assertTrue(r.err().contains(":32:"), "each ct rule is named: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
