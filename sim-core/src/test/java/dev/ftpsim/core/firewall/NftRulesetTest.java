package dev.ftpsim.core.firewall;

import dev.ftpsim.core.net.Hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
    /** As `nft list ruleset` prints a server-side firewall with the FTP helper. */
    static final String FILE = """
            # server-side firewall with the FTP helper
            table inet filter {
            	ct helper ftp-standard {
            		type "ftp" protocol tcp
            		l3proto ip
            	}

            	counter ftp-control {
            		packets 0 bytes 0
            	}

            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		iifname "wan" oifname "dmz" tcp dport 21 ct state new counter name "ftp-control" accept
            		tcp dport { 20, 21 } ct state new counter packets 0 bytes 0 accept
            	}

            	chain pre {
            		type filter hook prerouting priority filter; policy accept;
            		tcp dport 21 ct helper set "ftp-standard"
            	}
            }
            table ip nat {
            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "wan" masquerade
            	}
            	chain prerouting {
            		type nat hook prerouting priority dstnat; policy accept;
            		iifname "wan" tcp dport 21 dnat to 192.168.1.10:21
            	}
            }
            """;

    @Test
    void aPastedRulesetLoadsWithChainsHelpersAndCounters() {
        final Ruleset rs = NftParser.parse(FILE, "fw.nft");
        assertEquals(List.of("nat/prerouting", "filter/pre", "filter/forward", "nat/postrouting"),
                rs.chains().stream().map(Chain::name).toList(), "chains sorted by hook, then priority");
        final Chain fwd = rs.at(Hook.FORWARD).get(0);
        assertTrue(fwd.policyDrop());
        assertEquals(0, fwd.priority());
        assertEquals(3, fwd.rules().size());
        assertEquals("iifname \"wan\" oifname \"dmz\" tcp dport 21 ct state new counter name \"ftp-control\" accept",
                fwd.rules().get(1).text());
        assertEquals(-100, rs.at(Hook.PREROUTING).get(0).priority());
        assertEquals(0, rs.at(Hook.PREROUTING).get(1).priority());
        assertEquals(new Ruleset.HelperObject("ftp-standard", "ftp", 6), rs.helpers().get("ftp-standard"));
        assertEquals(List.of("ftp-control"), rs.counters());
        assertTrue(rs.at(Hook.POSTROUTING).get(0).nat());
    }

    @Test
    void theSameRulesAsOneLinersParseToTheSameMatchesAndVerdicts() {
        final Chain fwd = NftParser.parse(FILE, "fw.nft").at(Hook.FORWARD).get(0);
        final List<String> lines = List.of(
                "ct state established,related accept",
                "iifname \"wan\" oifname \"dmz\" tcp dport 21 ct state new counter name \"ftp-control\" accept",
                "tcp dport { 20, 21 } ct state new counter accept");
        for (int i = 0; i < lines.size(); i++) {
            final Rule one = Rules.parse(lines.get(i), "rules[" + i + "]");
            final Rule nft = fwd.rules().get(i);
            assertEquals(one.matches(), nft.matches());
            assertEquals(one.statements(), nft.statements());
            assertEquals(one.verdict(), nft.verdict());
        }
    }

    @Test
    void unsupportedSyntaxIsAnErrorWithFileLineAndColumn() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> NftParser.parse("table ip6 filter {\n}\n", "fw.nft"));
        assertEquals("fw.nft:1:7: table family 'ip6' is not supported: expected ip or inet (ftpsim simulates IPv4)",
                e.getMessage());

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("""
                table ip filter {
                	set blocked {
                		type ipv4_addr
                	}
                }
                """, "fw.nft"));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.problem().contains("sets, maps, flowtables and flags are not supported"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("""
                table ip filter {
                	chain input {
                		type filter hook input priority 0; policy drop;
                		tcp dport 21 ct helper set "ftp"
                	}
                }
                """, "fw.nft"));
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("has no 'ct helper ftp"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("""
                table ip filter {
                	chain helper_chain {
                		tcp dport 21 accept
                	}
                }
                """, "fw.nft"));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("regular chains need 'jump'"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("""
                table ip filter {
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		oifname "wan" masquerade
                	}
                }
                """, "fw.nft"));
        assertEquals(4, e.line());
        assertEquals(3, e.column());
        assertTrue(e.problem().contains("masquerade work only in a nat chain"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("add rule ip filter input accept\n", "x"));
        assertTrue(e.problem().startsWith("'add' commands are not supported"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("table ip filter {\n chain c {\n", "x"));
        assertTrue(e.problem().contains("is not closed"));

        e = assertThrows(RuleSyntaxException.class, () -> NftParser.parse("""
                table ip filter {
                	chain input {
                		type filter hook input priority 0; policy reject;
                	}
                }
                """, "fw.nft"));
        assertEquals(3, e.line());
        assertEquals("unexpected 'reject': a chain policy is accept or drop", e.problem());
    }
}
