package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firewall rules are parsed while the scenario loads; a bad rule is reported at the line of the
 * scenario file and the column of the offending word, quoted or not. Rules from an nftables file
 * are reported at the scenario's {@code nft} key, with the file's own line and column.
 */
class RuleErrorsTest {
    private static final String FW = NET + "firewall:\n  fw:\n"; // the firewall's keys start on line 11

    @Test
    void aMisspelledVerdictIsReportedAtItsColumnInTheScenario() {
        assertEquals(List.of("t.yaml:13:32: firewall.fw.forward.rules[0]: unexpected 'acept': expected a match (iif,"
                + " oif, ip saddr, ip daddr, ip protocol, tcp dport, udp sport, ct state, ct helper, ct status), a"
                + " statement (counter, log, ct helper set, comment) or a verdict (accept, drop, reject, dnat, snat,"
                + " masquerade)"), errors(FW + "    forward:\n      rules:\n        - ct state established acept\n"));
    }

    @Test
    void aQuotedRuleIsReportedAtTheSameColumnAsTheWordInTheFile() {
        assertEquals(List.of("t.yaml:11:26: firewall.fw.forward[0]: bad port '99999': expected a number 0-65535, a range"
                + " like 1024-65535, or one of domain, ftp, ftp-data, http, https, smtp, ssh, telnet"),
                errors(FW + "    forward: [\"tcp dport 99999 accept\"]\n"));
    }

    @Test
    void aCommaThatSplitARuleInAFlowListGetsAHint() {
        assertEquals(List.of("t.yaml:11:36: firewall.fw.forward[1]: unexpected 'related': expected a match (iif, oif,"
                + " ip saddr, ip daddr, ip protocol, tcp dport, udp sport, ct state, ct helper, ct status), a statement"
                + " (counter, log, ct helper set, comment) or a verdict (accept, drop, reject, dnat, snat, masquerade)"
                + " (in a [flow, list] a comma separates items: quote a rule that contains one)"),
                errors(FW + "    forward: [ct state established,related accept]\n"));
    }

    @Test
    void aRuleMayNameOnlyTheNodesInterfaces() {
        assertEquals(List.of("t.yaml:11:19: firewall.fw.forward[0]: unknown interface 'lan0' (did you mean 'lan'?);"
                + " this node's interfaces are lan, wan"), errors(FW + "    forward: [iif lan0 accept]\n"));
    }

    @Test
    void aStatelessFirewallRefusesConnectionTrackingRulesAndNat() {
        assertEquals(List.of(
                "t.yaml:12:15: firewall.fw.forward[0]: 'ct' matches need connection tracking, but this firewall is"
                        + " stateless (mode: stateless)",
                "t.yaml:13:5: firewall.fw.nat: NAT needs connection tracking, but this firewall is stateless (mode:"
                        + " stateless)"),
                errors(FW + "    mode: stateless\n    forward: [ct state established accept]\n"
                        + "    nat: { postrouting: [oif wan masquerade] }\n"));
    }

    @Test
    void aHelperMustBeDeclaredBeforeARuleSetsIt() {
        assertEquals(List.of("t.yaml:11:32: firewall.fw.prerouting[0]: no helper named \"ftp\": add it to"
                + " conntrack.helpers, like helpers: [ftp]"),
                errors(FW + "    prerouting: ['tcp dport 21 ct helper set \"ftp\"']\n"));
    }

    @Test
    void natVerdictsBelongInNatChains() {
        assertEquals(List.of("t.yaml:11:28: firewall.fw.forward[0]: 'dnat' belongs in nat.prerouting (or nat.output)"),
                errors(FW + "    forward: [tcp dport 21 dnat to 203.0.113.10]\n"));
    }

    @Test
    void anUnknownHelperTypeOrModeIsRefused() {
        assertEquals(List.of(
                "t.yaml:11:11: firewall.fw.mode: unknown mode 'statefull' (did you mean 'stateful'?); expected one of"
                        + " stateful, stateless",
                "t.yaml:12:28: firewall.fw.conntrack.helpers[0]: unknown helper 'tftp' (did you mean 'ftp'?); expected"
                        + " 'ftp'"),
                errors(FW + "    mode: statefull\n    conntrack: { helpers: [tftp] }\n"));
    }

    @Test
    void anNftSyntaxErrorNamesTheScenarioKeyAndTheFilesLineAndColumn(@TempDir final Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nft"));
        Files.writeString(dir.resolve("nft/bad.nft"), "table ip filter {\n\tchain forward {\n"
                + "\t\ttype filter hook forward priority filter; policy drop;\n\t\ttcp dport 21 acept\n\t}\n}\n");
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: nft/bad.nft:4:16: 'acept' is not modelled"),
                errors(FW + "    nft: nft/bad.nft\n", "t.yaml", dir));
    }

    @Test
    void anNftFileMayNameOnlyTheNodesInterfaces(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("fw.nft"), "table ip filter {\n\tchain forward {\n"
                + "\t\ttype filter hook forward priority filter; policy drop;\n\t\tiifname \"eth1\" accept\n\t}\n}\n");
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: fw.nft:4:3: unknown interface 'eth1'; this node's"
                + " interfaces are lan, wan"),
                errors(FW + "    nft: fw.nft\n", "t.yaml", dir));
    }

    @Test
    void aMissingNftFileIsReportedRelativeToTheScenario(@TempDir final Path dir) {
        assertEquals(List.of("t.yaml:11:10: firewall.fw.nft: cannot read nft/missing.nft: no such file (paths are"
                + " relative to the scenario file's folder)"), errors(FW + "    nft: nft/missing.nft\n", "t.yaml", dir));
    }

    @Test
    void chainsAndAnNftFileAreExclusive(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("fw.nft"), "table ip filter {\n}\n");
        assertEquals(List.of("t.yaml:12:5: firewall.fw.forward: 'forward' cannot be combined with 'nft': the nftables"
                + " file holds all chains"), errors(FW + "    nft: fw.nft\n    forward: [accept]\n", "t.yaml", dir));
    }
}
