package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch's firewall is checked like a router's, against what a switch can run: its ports by
 * name, no NAT, no iptables-save file, and in an nft file only bridge tables, each error at its
 * file, line and column.
 */
class ASwitchFirewallIsCheckedWhereItIsWrittenTest {
    private static final String SEGMENT = Fixture.SEGMENT;

    @Test
    void aSwitchFirewallLoadsWithItsPortsAndBridgeConntrackByDefault() throws Exception {
        final Scenario s = Fixture.load(SEGMENT + "firewall:\n  sw: { forward: [iif p0 oif p1 tcp dport 21 accept] }\n");
        assertEquals(true, s.firewalls().get("sw").stateful());
    }

    @Test
    void aPortTheSwitchDoesNotHaveIsNamedWithThoseItHas() {
        assertEquals(List.of("t.yaml:10:23: firewall.sw.forward[0]: unknown interface 'p2' (did you mean 'p0'?); this"
                + " node's interfaces are p0, p1"),
                Fixture.errors(SEGMENT + "firewall:\n  sw: { forward: [iif p2 drop] }\n"));
    }

    @Test
    void iptablesIsRefusedOnASwitch() {
        assertEquals(List.of("t.yaml:11:5: firewall.sw.iptables: 'sw' is a switch: its rules are a bridge table"
                + " (ebtables is not modelled); write them in an nft file with table bridge"),
                Fixture.errors(SEGMENT + "firewall:\n  sw:\n    iptables: rules.v4\n"));
    }

    @Test
    void natIsRefusedOnASwitch() {
        assertEquals(List.of("t.yaml:11:5: firewall.sw.nat: 'sw' is a switch: it bridges frames and translates no"
                + " addresses (the kernel has no nat chains in the bridge family)"),
                Fixture.errors(SEGMENT + "firewall:\n  sw:\n    nat: { postrouting: [masquerade] }\n"));
    }

    @Test
    void ctMatchesAreRefusedOnAStatelessSwitch() {
        // nft 1.0.6 on Linux 6.18 without nf_conntrack_bridge: "Could not process rule: Protocol error"
        assertEquals(List.of("t.yaml:12:15: firewall.sw.forward[0]: 'ct' needs bridge connection tracking"
                + " (nf_conntrack_bridge), which this switch has not (mode: stateless): nft refuses the rule, 'Could"
                + " not process rule: Protocol error'"),
                Fixture.errors(SEGMENT + "firewall:\n  sw:\n    mode: stateless\n    forward: [ct state established accept]\n"));
    }

    @Test
    void aStatelessSwitchsFileMayNotUseConntrackButMayNotrack(@TempDir final Path tmp) throws Exception {
        // the same kernel loads 'notrack' in a bridge table (nft_notrack.c takes no conntrack reference)
        // and refuses a ct helper object and 'ct mark set' with "Protocol error"
        Files.writeString(tmp.resolve("sw.nft"), """
                table bridge f {
                    chain pre { type filter hook prerouting priority -300; notrack; }
                    chain forward { type filter hook forward priority filter; ct mark set 1; }
                }
                """);
        assertEquals(List.of("t.yaml:12:10: firewall.sw.nft: sw.nft: chain f/forward: rule 'ct mark set 1' needs bridge"
                + " connection tracking (nf_conntrack_bridge), which this switch has not (mode: stateless): nft refuses"
                + " the rule, 'Could not process rule: Protocol error'"),
                Fixture.errors(SEGMENT + "firewall:\n  sw:\n    mode: stateless\n    nft: sw.nft\n", "t.yaml", tmp));
        Files.writeString(tmp.resolve("sw.nft"), """
                table bridge f {
                    chain pre { type filter hook prerouting priority -300; notrack; }
                }
                """);
        assertEquals(List.of(), Fixture.errors(SEGMENT + "firewall:\n  sw:\n    mode: stateless\n    nft: sw.nft\n",
                "t.yaml", tmp));
    }

    @Test
    void anIpTableInASwitchsFileIsAnErrorAtItsPosition(@TempDir final Path tmp) throws Exception {
        Files.writeString(tmp.resolve("sw.nft"), """
                table bridge ok {
                    chain forward { type filter hook forward priority filter; iifname "p0" ether type ip accept; }
                }
                table inet filter {
                    chain forward { type filter hook forward priority 0; policy drop; }
                }
                """);
        assertEquals(List.of("t.yaml:10:14: firewall.sw.nft: sw.nft:4:12: table inet filter would see nothing on a"
                + " switch: it bridges frames, which only bridge tables see (no br_netfilter); write table bridge"
                + " filter"), Fixture.errors(SEGMENT + "firewall:\n  sw: { nft: sw.nft }\n", "t.yaml", tmp));
    }
}
