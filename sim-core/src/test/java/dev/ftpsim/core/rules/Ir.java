package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/** Test helpers: load small rulesets written in the tests and read their IR back as text. */
final class Ir {
    private Ir() {
    }

    static Ruleset nft(final String text) {
        return NftParser.parse("test.nft", text);
    }

    static Ruleset iptables(final String text) {
        return IptablesReader.parse("test.iptables", text, Family.IP);
    }

    static Ruleset json(final String text) {
        return NftJsonReader.parse("test.json", text);
    }

    /** The canonical text of rule {@code index} of a chain of the first table. */
    static String rule(final Ruleset r, final String chain, final int index) {
        return IrText.of(r.tables().get(0).chains().get(chain).rules().get(index).items());
    }

    /** The canonical text of the only rule of chain c of an inet table t holding {@code body}. */
    static String inetRule(final String body) {
        return rule(nft("table inet t {\n chain c {\n" + body + "\n }\n}\n"), "c", 0);
    }

    /** The errors loading nft text gives, as "line:col: message". */
    static List<String> nftErrors(final String text) {
        return assertThrows(RulesetException.class, () -> nft(text)).errors().stream()
                .map(e -> e.pos().line() + ":" + e.pos().column() + ": " + e.message()).toList();
    }

    static List<String> iptablesErrors(final String text) {
        return assertThrows(RulesetException.class, () -> iptables(text)).errors().stream()
                .map(e -> e.pos().line() + ":" + e.pos().column() + ": " + e.message()).toList();
    }
}
