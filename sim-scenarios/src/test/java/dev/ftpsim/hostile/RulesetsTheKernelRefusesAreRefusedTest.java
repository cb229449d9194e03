package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rulesets that nft or the kernel refuses are refused, at their position, instead of being
 * simulated as something else (a range that matches nothing, a prefix that matches everything, a
 * rule without its expressions, a list cut at its first odd element, a token bucket whose depth
 * overflowed) or failing inside the run (a division by zero, a null): each is bad input through
 * the command line, exit 2 from validate and run, the error at the scenario's {@code nft} key with
 * the ruleset's own position, nothing written. A small file of chains that each jump several
 * times to the next is checked in a moment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RulesetsTheKernelRefusesAreRefusedTest {
    @TempDir
    Path dir;

    /** An nft text ruleset whose forward chain holds {@code rule} on line 4, column 5. */
    private static String text(final String rule, final String more) {
        return "table inet filter {\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n    "
                + rule + "\n  }\n" + more + "}\n";
    }

    /** An nft -j ruleset whose fourth line, a rule object, holds {@code expr}. */
    private static String json(final String expr) {
        return "{\"nftables\": [\n{\"table\": {\"family\": \"inet\", \"name\": \"filter\"}},\n{\"chain\": {\"family\":"
                + " \"inet\", \"table\": \"filter\", \"name\": \"forward\", \"type\": \"filter\", \"hook\": \"forward\","
                + " \"prio\": 0, \"policy\": \"drop\"}},\n{\"rule\": {\"family\": \"inet\", \"table\": \"filter\","
                + " \"chain\": \"forward\", \"expr\": " + expr + "}}\n]}\n";
    }

    private static final String SADDR = "{\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}}";
    private static final String DPORT = "{\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}";

    /** validate and run on a scenario loading {@code ruleset} as fw.nft: exit 2, nothing written; validate's stderr. */
    private String badInput(final String ruleset) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), ruleset);
        return HostileCorpus.refusedByValidateAndRun(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"));
    }

    private String at(final String position) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: fw.nft:" + position;
    }

    @Test
    void aPortRangeThatStartsAboveItsEndIsRefused() throws Exception {
        assertEquals(at("4:15: range '30000-20000' is empty: its start is above its end"),
                badInput(text("tcp dport 30000-20000 accept", "")));
    }

    @Test
    void anAddressRangeInASetThatStartsAboveItsEndIsRefused() throws Exception {
        assertEquals(at("4:16: range '10.0.0.9-10.0.0.1' is empty: its start is above its end"),
                badInput(text("ip saddr { 10.0.0.9-10.0.0.1 } accept", "")));
    }

    @Test
    void aLimitOfNoPacketsIsRefusedBeforeTheRun() throws Exception {
        assertEquals(at("4:5: limit rate 0: a rate must be at least 1, as the kernel requires"),
                badInput(text("limit rate 0/second accept", "")));
    }

    @Test
    void aBurstWhoseBucketOverflowsIsRefusedNotRunNegative() throws Exception {
        assertEquals(at("4:5: limit burst 4294967295: the bucket (burst times the period over the rate) is too large, as"
                + " the kernel finds it"), badInput(text("limit rate 1/week burst 4294967295 packets accept", "")));
    }

    @Test
    void aNumgenModuloZeroIsRefused() throws Exception {
        assertEquals(at("4:5: numgen mod 0 (1 to 2^32-1) is not modelled by ftpsim"),
                badInput(text("numgen inc mod 0 vmap { 0 : accept }", "")));
    }

    @Test
    void aJumpLoopIsReportedAtTheJumpThatEntersIt() throws Exception {
        assertEquals(at("4:5: chain filter/forward: its jumps loop back to a chain on the way (the kernel refuses"
                + " a loop)"), badInput(text("jump a", "  chain a {\n    jump b\n  }\n  chain b {\n    jump a\n  }\n")));
    }

    @Test
    void chainsThatEachJumpFourTimesToTheNextAreCheckedAtOnce() throws Exception {
        // 4^16 paths through 17 chains: each chain's longest path is found once
        final StringBuilder chains = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            chains.append("  chain c").append(i).append(" {\n")
                    .append(("    jump c" + (i + 1) + "\n").repeat(i < 15 ? 4 : 0)).append("  }\n");
        }
        Files.writeString(dir.resolve("fw.nft"), text("jump c0\n    jump c0\n    jump c0\n    jump c0", chains.toString()));
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n");
        final String[] v = Cli.execute("validate", scenario.toString());
        assertEquals("0", v[0], v[2]);
        // one more level is one jump too deep for the kernel's jump stack
        Files.writeString(dir.resolve("fw.nft"), text("jump c0", chains.toString()
                .replace("  chain c15 {\n  }\n", "  chain c15 {\n    jump c16\n  }\n  chain c16 {\n  }\n")));
        assertEquals(at("4:5: chain filter/forward: jumps nest deeper than 16 chains (the kernel's jump stack)"),
                badInput(Files.readString(dir.resolve("fw.nft"))));
    }

    @Test
    void aJsonRangeOfOneValueIsRefused() throws Exception {
        assertEquals(at("4:1: a range is [LOW, HIGH], found [21]"),
                badInput(json("[{\"match\": {\"op\": \"==\", \"left\": " + DPORT + ", \"right\": {\"range\": [21]}}}]")));
    }

    @Test
    void aJsonRangeThatStartsAboveItsEndIsRefused() throws Exception {
        assertEquals(at("4:1: range '[30000,20000]' is empty: its start is above its end"), badInput(json(
                "[{\"match\": {\"op\": \"==\", \"left\": " + DPORT + ", \"right\": {\"range\": [30000, 20000]}}}]")));
    }

    @Test
    void anEmptyJsonConcatenationIsRefused() throws Exception {
        assertEquals(at("4:1: a concatenation is a list of one or more expressions, found []"), badInput(json(
                "[{\"match\": {\"op\": \"==\", \"left\": {\"concat\": []}, \"right\": {\"concat\": []}}}]")));
    }

    @Test
    void aJsonPrefixLongerThanTheAddressIsRefused() throws Exception {
        assertEquals(at("4:1: '10.0.0.0/33' is not a valid ipv4_addr value"), badInput(json("[{\"match\": {\"op\":"
                + " \"==\", \"left\": " + SADDR + ", \"right\": {\"prefix\": {\"addr\": \"10.0.0.0\", \"len\": 33}}}},"
                + " {\"accept\": null}]")));
    }

    @Test
    void aJsonPrefixWhoseLengthIsNoNumberIsRefusedNotReadAsZero() throws Exception {
        assertEquals(at("4:1: a prefix is {\"addr\": ADDRESS, \"len\": N}, found {\"addr\":\"10.0.0.0\",\"len\":\"x\"}"),
                badInput(json("[{\"match\": {\"op\": \"==\", \"left\": " + SADDR + ", \"right\": {\"prefix\": {\"addr\":"
                        + " \"10.0.0.0\", \"len\": \"x\"}}}}, {\"accept\": null}]")));
    }

    @Test
    void aJsonRuleWithoutItsExpressionsIsRefusedNotReadAsEmpty() throws Exception {
        assertEquals(at("4:1: the value of \"expr\" must be an array"), badInput(json("null")));
    }

    @Test
    void aJsonStatementOfTwoKeysIsRefusedNotReadAsOne() throws Exception {
        assertEquals(at("4:1: expected an object with one key, found {\"accept\":null,\"drop\":null}"),
                badInput(json("[{\"accept\": null, \"drop\": null}]")));
    }

    @Test
    void aJsonJumpWithoutATargetIsRefused() throws Exception {
        assertEquals(at("4:1: \"target\" (a string) is missing"), badInput(json("[{\"jump\": null}]")));
    }

    @Test
    void aJsonListWithAnElementThatIsNoCommandIsReadToItsEnd() throws Exception {
        assertEquals(at("1:15: expected a command object such as {\"table\": {...}}, found 1") + "\n"
                + at("4:1: \"target\" (a string) is missing"), badInput(json("[{\"jump\": null}]").replace("[\n", "[1,\n")));
    }

    @Test
    void aJsonDocumentWithoutTheNftablesKeyIsRefusedNotReadAsEmpty() throws Exception {
        assertEquals(at("1:1: no \"nftables\" key: expected {\"nftables\": [...]}"), badInput("{}\n"));
    }
}
