package dev.ftpsim.core.rules;

import static dev.ftpsim.core.rules.SameRulesetThreeWaysTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A ruleset of ftpsim's own touching most constructs (constructs.nft) reads from the JSON that
 * nftables 1.0.6 printed for it into the IR the text gives: tables of three families, objects,
 * sets and maps, vmaps, fib, limits, logs, rejects, marks, NAT with ranges and maps; and so does
 * the text nft listed back for it.
 */
class NftJsonConstructsTest {
    @Test
    void jsonListingAndTextGiveTheSameIr() throws IOException {
        final Ruleset text = NftParser.parse("constructs.nft", resource("constructs.nft"));
        final Ruleset json = NftJsonReader.parse("constructs.json", resource("constructs.json"));
        assertEquals(IrText.canonical(text), IrText.canonical(json));
    }

    @Test
    void theIrSurvivesAListingRoundTrip() throws IOException {
        final Ruleset text = NftParser.parse("constructs.nft", resource("constructs.nft"));
        final Ruleset listed = NftParser.parse("constructs.list.nft", resource("constructs.list.nft"));
        assertEquals(IrText.canonical(text), IrText.canonical(listed));
    }

    @Test
    void theJsonCarriesTheDetailsTheEvaluatorNeeds() throws IOException {
        final Ruleset json = NftJsonReader.parse("constructs.json", resource("constructs.json"));
        assertEquals("[Match(Load(ip daddr), EQ, Ip4(-889163519)), Match(Load(tcp dport), EQ, Num(INET_SERVICE, 80)), "
                + "Nat(DNAT, 2, MapLookup(Numgen(false, 2, 0), AnonSet[Element(Num(INTEGER, 0), Ip4(167772673), -1, -1, null), "
                + "Element(Num(INTEGER, 1), Ip4(167772674), -1, -1, null)]), null, 0)]",
                IrText.of(json.table(Family.INET, "fw").chains().get("prerouting").rules().get(3).items()));
        assertEquals("Base(FILTER, INPUT, 10, true, null)", IrText.of(json.table(Family.INET, "fw").chains().get("input").base()));
        assertEquals("Base(FILTER, OUTPUT, -5, false, null)", IrText.of(json.table(Family.IP6, "v6").chains().get("output").base()));
    }
}
