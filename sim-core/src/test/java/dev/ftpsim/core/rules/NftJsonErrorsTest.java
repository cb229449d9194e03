package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON that does not load says where: the line and column of the offending object, all at once. */
class NftJsonErrorsTest {
    private static List<String> errors(final String json) {
        return assertThrows(RulesetException.class, () -> Ir.json(json)).errors().stream()
                .map(e -> e.pos().line() + ":" + e.pos().column() + ": " + e.message()).toList();
    }

    @Test
    void everyBadObjectIsReportedAtItsPosition() {
        final String json = "{\"nftables\": [\n"
                + " {\"table\": {\"family\": \"ip\", \"name\": \"t\"}},\n"
                + " {\"chain\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"c\"}},\n"
                + " {\"rule\": {\"family\": \"ip\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [{\"xt\": {\"type\": \"match\"}}]}},\n"
                + " {\"rule\": {\"family\": \"ip\", \"table\": \"t\", \"chain\": \"nope\", \"expr\": []}},\n"
                + " {\"rule\": {\"family\": \"ip\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [{\"jump\": {\"target\": \"x\"}}]}}\n"
                + "]}\n";
        assertEquals(List.of("4:2: \"xt\" statements are not modelled", "5:2: chain nope does not exist in table t",
                "6:2: chain 'x' does not exist in table t"), errors(json));
    }

    @Test
    void brokenJsonIsAnErrorWithItsPosition() {
        final List<String> e = errors("{\"nftables\": [\n {\"table\": {,}}]}");
        assertEquals(1, e.size());
        assertEquals("2:13: not valid JSON: expected a key in double quotes, found ','", e.get(0));
    }

    @Test
    void aCommandListLoadsLikeAListing() {
        final Ruleset r = Ir.json("{\"nftables\": [{\"add\": {\"table\": {\"family\": \"inet\", \"name\": \"t\"}}},"
                + "{\"add\": {\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"c\", \"type\": \"filter\", \"hook\": \"input\","
                + " \"prio\": 0, \"policy\": \"drop\"}}},"
                + "{\"add\": {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": ["
                + "{\"match\": {\"op\": \"in\", \"left\": {\"ct\": {\"key\": \"state\"}}, \"right\": [\"established\", \"related\"]}},"
                + "{\"accept\": null}]}}}]}");
        assertEquals(IrText.canonical(Ir.nft("table inet t { chain c { type filter hook input priority 0; policy drop;\n"
                + " ct state established,related accept } }")), IrText.canonical(r));
    }
}
