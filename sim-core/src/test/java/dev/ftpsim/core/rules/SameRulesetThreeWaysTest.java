package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One ruleset written as nft text, as {@code nft -j list ruleset} printed it (nftables 1.0.6, after
 * loading the text in a network namespace) and as iptables-save gives the same IR, positions aside.
 */
class SameRulesetThreeWaysTest {
    static String resource(final String name) throws IOException {
        try (InputStream in = SameRulesetThreeWaysTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void nftTextJsonAndIptablesSaveGiveEqualIr() throws IOException {
        final String text = IrText.canonical(NftParser.parse("three-ways.nft", resource("three-ways.nft")));
        assertEquals(text, IrText.canonical(NftJsonReader.parse("three-ways.json", resource("three-ways.json"))));
        assertEquals(text, IrText.canonical(IptablesReader.parse("three-ways.iptables", resource("three-ways.iptables"), Family.IP)));
    }

    @Test
    void ip6tablesSaveIsReadAndKeptAsIp6Tables() throws IOException {
        final Ruleset nft = NftParser.parse("three-ways-v6.nft", resource("three-ways-v6.nft"));
        final Ruleset ipt = IptablesReader.parse("three-ways-v6.ip6tables", resource("three-ways-v6.ip6tables"), Family.IP6);
        assertEquals(IrText.canonical(nft), IrText.canonical(ipt));
    }

    @Test
    void aRuleThatDiffersMakesTheIrDiffer() throws IOException {
        final String text = IrText.canonical(NftParser.parse("three-ways.nft", resource("three-ways.nft")));
        final String changed = resource("three-ways.iptables").replace("--dport 2121", "--dport 2122");
        assertNotEquals(text, IrText.canonical(IptablesReader.parse("three-ways.iptables", changed, Family.IP)));
    }

    @Test
    void positionsPointIntoEachSource() throws IOException {
        final Ruleset json = NftJsonReader.parse("three-ways.json", resource("three-ways.json"));
        final Ruleset ipt = IptablesReader.parse("three-ways.iptables", resource("three-ways.iptables"), Family.IP);
        final Rule jsonRule = json.table(Family.IP, "nat").chains().get("PREROUTING").rules().get(0);
        final Rule iptRule = ipt.table(Family.IP, "nat").chains().get("PREROUTING").rules().get(0);
        assertEquals("three-ways.json", jsonRule.pos().file());
        assertEquals(new Pos("three-ways.iptables", 24, 1), iptRule.pos());
    }
}
