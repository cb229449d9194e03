package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.CtState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParsingTest {
    @Test
    void theIssueExamplesParseIntoTheirMatchesAndVerdicts() {
        final Rule r = Rules.parse("iif lan oif wan tcp dport 21 ct state new accept", "r");
        assertEquals(List.of(new Rule.Iface(true, "lan", false), new Rule.Iface(false, "wan", false),
                new Rule.Port(6, Rule.Dir.DST, List.of(new Rule.PortRange(21, 21)), false),
                new Rule.CtStateIs(CtState.NEW, false)), r.matches());
        assertInstanceOf(Rule.Accept.class, r.verdict());

        final Rule est = Rules.parse("ct state established,related accept", "r");
        assertEquals(List.of(new Rule.CtStateIs(CtState.ESTABLISHED | CtState.RELATED, false)), est.matches());

        final Rule wide = Rules.parse("ip saddr 10.0.0.0/8 tcp dport 1024-65535 drop", "r");
        final Rule.Addr a = (Rule.Addr) wide.matches().get(0);
        assertTrue(a.contains(0x0A010203));
        assertFalse(a.contains(0x0B000001));
        assertEquals(new Rule.PortRange(1024, 65535), ((Rule.Port) wide.matches().get(1)).ranges().get(0));
        assertInstanceOf(Rule.Drop.class, wide.verdict());

        assertEquals(new Rule.Reject(true, -1), Rules.parse("tcp dport 22 reject with tcp reset", "r").verdict());
        assertEquals(new Rule.Reject(false, 13), Rules.parse("reject with icmp admin-prohibited", "r").verdict());
        assertEquals(new Rule.Reject(false, 13), Rules.parse("reject with icmp type admin-prohibited", "r").verdict());
        assertEquals(new Rule.Reject(false, 3), Rules.parse("reject", "r").verdict());
    }

    @Test
    void setsNamesNegationAndQuotesAreUnderstood() {
        final Rule r = Rules.parse("iifname \"eth0\" ip daddr != { 192.0.2.1, 198.51.100.0/24 }"
                + " tcp sport { ftp-data, 21, 30000-30100 } counter log prefix \"ftp: \" accept", "r");
        assertEquals(new Rule.Iface(true, "eth0", false), r.matches().get(0));
        final Rule.Addr d = (Rule.Addr) r.matches().get(1);
        assertTrue(d.negate());
        assertEquals(2, d.prefixes().size());
        final Rule.Port p = (Rule.Port) r.matches().get(2);
        assertTrue(p.contains(20) && p.contains(21) && p.contains(30050));
        assertFalse(p.contains(22));
        assertEquals(List.of(new Rule.Counter(null), new Rule.Log("ftp: ")), r.statements());
    }

    @Test
    void helperAssignmentAndNatStatementsParse() {
        final Rule h = Rules.parse("tcp dport 21 ct helper set \"ftp-standard\"", "r");
        assertEquals(List.of(new Rule.CtHelperSet("ftp-standard")), h.statements());
        assertNull(h.verdict(), "a rule without a verdict continues");
        assertEquals(new Rule.CtHelperIs("ftp", false), Rules.parse("ct helper \"ftp\" accept", "r").matches().get(0));
        assertEquals(new Rule.Dnat(0xC0A80A0A, 21), Rules.parse("tcp dport 21 dnat to 192.168.10.10:21", "r").verdict());
        assertEquals(new Rule.Snat(0xCB007101, -1, -1), Rules.parse("snat to 203.0.113.1", "r").verdict());
        assertEquals(new Rule.Masquerade(-1, -1), Rules.parse("oifname wan masquerade", "r").verdict());
        assertEquals(new Rule.Masquerade(1024, 2047), Rules.parse("masquerade to :1024-2047", "r").verdict());
        assertEquals(new Rule.CtStatusIs(true, false), Rules.parse("ct status dnat accept", "r").matches().get(0));
        assertEquals("x", Rules.parse("accept comment \"x\"", "r").comment());
        // nft list ruleset prints counters with their values.
        assertEquals(List.of(new Rule.Counter(null)), Rules.parse("counter packets 10 bytes 600 accept", "r").statements());
    }

    @Test
    void errorsNameTheColumnAndWhatWasExpected() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> Rules.parse("tcp dport 70000 accept", "forward.rules[1]"));
        assertEquals(11, e.column());
        assertEquals("forward.rules[1]:1:11: bad port '70000': expected a number 0-65535, a range like 1024-65535,"
                + " or one of domain, ftp, ftp-data, http, https, smtp, ssh, telnet", e.getMessage());

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("ip saddr 10.0.0.300/8 drop", "r"));
        assertEquals(10, e.column());
        assertTrue(e.problem().startsWith("bad IPv4 address '10.0.0.300'"));

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("ct state neu accept", "r"));
        assertEquals(10, e.column());
        assertEquals("unknown conntrack state 'neu': expected new, established, related, invalid or untracked",
                e.problem());

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("accept drop", "r"));
        assertEquals(8, e.column());
        assertEquals("unexpected 'drop': nothing may follow the verdict 'accept' except a comment", e.problem());

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("tcp dport 21 jump ftp", "r"));
        assertTrue(e.problem().startsWith("'jump' is not supported by ftpsim"));

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("tcp flags syn accept", "r"));
        assertEquals(5, e.column());
        assertTrue(e.problem().contains("expected sport or dport"));

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("", "r"));
        assertTrue(e.problem().startsWith("empty rule"));

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("tcp dport 2000-1000 drop", "r"));
        assertEquals("port range 2000-1000 is empty: its start is above its end", e.problem());

        e = assertThrows(RuleSyntaxException.class, () -> Rules.parse("iifname \"lan accept", "r"));
        assertEquals(9, e.column());
        assertTrue(e.problem().startsWith("unterminated string"));
    }
}
