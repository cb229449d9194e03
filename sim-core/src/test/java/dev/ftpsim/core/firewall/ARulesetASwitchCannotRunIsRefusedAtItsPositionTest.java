package dev.ftpsim.core.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.RulesetException;
import dev.ftpsim.core.rules.vm.Compiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a switch cannot run is an error at its file, line and column: tables of the ip families
 * (they see no bridged frame), and what the bridge family does not do here.
 */
class ARulesetASwitchCannotRunIsRefusedAtItsPositionTest {
    private static List<String> errors(final String nft) {
        final RulesetException e = assertThrows(RulesetException.class, () -> Compiler.compileBridge(
                NftParser.parse("sw.nft", nft), List.of("p0", "p1"), r -> "", true));
        return e.errors().stream().map(Object::toString).toList();
    }

    @Test
    void anIpTableSeesNoBridgedFrame() {
        assertEquals(List.of("sw.nft:1:10: table ip filter would see nothing on a switch: it bridges frames, which only"
                + " bridge tables see (no br_netfilter); write table bridge filter"), errors("""
                table ip filter {
                    chain forward { type filter hook forward priority 0; policy drop; }
                }
                """));
    }

    @Test
    void rejectNatChainsAndVlanAreNotModelled() {
        assertEquals(List.of(
                "sw.nft:3:9: a nat chain in a bridge table (the kernel's nat chains, nft_chain_nat.c, hook ip, ip6 and"
                        + " inet only) is not modelled by ftpsim",
                "sw.nft:7:22: reject in a bridge table is not modelled by ftpsim",
                "sw.nft:8:9: the field 'vlan id' is not modelled by ftpsim"), errors("""
                table bridge t {
                    chain pre {
                        type nat hook prerouting priority dstnat;
                    }
                    chain forward {
                        type filter hook forward priority filter;
                        tcp dport 23 reject
                        vlan id 10 drop
                    }
                }
                """));
    }
}
