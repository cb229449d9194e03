package dev.ftpsim.core.rules;

import static dev.ftpsim.core.rules.Ir.inetRule;
import static dev.ftpsim.core.rules.Ir.nft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each nft construct the corpus uses loads into the IR it means. */
class NftTextConstructsTest {
    @Test
    void everyFamilyIsParsedAndKept() {
        final Ruleset r = nft("table ip a { }\ntable ip6 b { }\ntable inet c { }\ntable arp d { }\n"
                + "table bridge e { }\ntable netdev f { }\ntable g { }\n");
        assertEquals(List.of("ip a", "ip6 b", "inet c", "arp d", "bridge e", "netdev f", "ip g"),
                r.tables().stream().map(t -> t.family().nft() + " " + t.name()).toList());
    }

    @Test
    void basePrioritiesResolveNamesAndArithmetic() {
        final Ruleset r = nft("table inet t {\n"
                + " chain a { type filter hook input priority filter + 10; policy drop; }\n"
                + " chain b { type filter hook prerouting priority raw - 10; }\n"
                + " chain c { type nat hook prerouting priority dstnat; policy accept; }\n"
                + " chain d { type filter hook forward priority -110 ; }\n"
                + " chain e { type route hook output priority mangle; }\n"
                + " chain f { }\n}\n");
        final Table t = r.tables().get(0);
        assertEquals("Base(FILTER, INPUT, 10, true, null)", IrText.of(t.chains().get("a").base()));
        assertEquals(-310, t.chains().get("b").base().priority());
        assertEquals("Base(NAT, PREROUTING, -100, false, null)", IrText.of(t.chains().get("c").base()));
        assertEquals(-110, t.chains().get("d").base().priority());
        assertEquals(Chain.Type.ROUTE, t.chains().get("e").base().type());
        assertNull(t.chains().get("f").base());
        assertEquals(new Pos("test.nft", 2, 12), t.chains().get("a").base().pos());
    }

    @Test
    void bridgePrioritiesAreTheBridgeOnes() {
        final Ruleset r = nft("table bridge t { chain c { type filter hook forward priority filter; } }");
        assertEquals(-200, r.tables().get(0).chains().get("c").base().priority());
    }

    @Test
    void jumpGotoAndReturnNameTheirChains() {
        assertEquals("[Match(Load(meta iifname), EQ, Str(eth0)), Verdict(JUMP, x)]",
                Ir.rule(nft("table ip t { chain c { iifname \"eth0\" jump x }\n chain x { return } }"), "c", 0));
        assertEquals("[Verdict(GOTO, x)]", Ir.rule(nft("table ip t { chain c { goto x }\n chain x { } }"), "c", 0));
    }

    @Test
    void anAnonymousChainBecomesARegularChainOfItsTable() {
        final Ruleset r = nft("table inet t {\n chain c {\n  tcp flags syn jump {\n   tcp sport 0 drop\n  }\n }\n}\n");
        assertEquals("[Match(Load(tcp flags), IMPLICIT, Num(TCP_FLAG, 2)), Verdict(JUMP, __chain0)]", Ir.rule(r, "c", 0));
        assertEquals("[Match(Load(tcp sport), EQ, Num(INET_SERVICE, 0)), Verdict(DROP, null)]", Ir.rule(r, "__chain0", 0));
    }

    @Test
    void definesExpandIncludingSetValues() {
        final Ruleset r = nft("define lan = { \"br-lan\", \"eth1\" }\ndefine port = 21\n"
                + "table inet t { chain c { iifname $lan tcp dport $port accept } }");
        assertEquals("[Match(Load(meta iifname), EQ, AnonSet[Element(Str(br-lan), null, -1, -1, null), "
                + "Element(Str(eth1), null, -1, -1, null)]), Match(Load(tcp dport), EQ, Num(INET_SERVICE, 21)), "
                + "Verdict(ACCEPT, null)]", Ir.rule(r, "c", 0));
    }

    @Test
    void flushAndDeleteApplyInFileOrder() {
        final Ruleset r = nft("table ip a { chain c { accept } }\ntable ip b { }\nflush table ip a\n"
                + "delete table ip b\ntable ip a { chain d { drop } }\n");
        assertEquals(1, r.tables().size());
        assertEquals(List.of("d"), List.copyOf(r.tables().get(0).chains().keySet()));
        assertTrue(nft("table ip a { }\nflush ruleset\n").tables().isEmpty());
    }

    @Test
    void scriptCommandsBuildTheSameTables() {
        final Ruleset r = nft("add table ip k { comment \"x\" ; }\n"
                + "add chain ip k c { type filter hook input priority 0 ; }\n"
                + "add set ip k s { type ipv4_addr ; flags timeout ; }\n"
                + "add map ip k m { type inet_proto . inet_service : verdict ; }\n"
                + "add chain ip k x\n"
                + "add rule ip k c ip saddr @s drop\n"
                + "insert rule ip k c accept\n"
                + "add element ip k s { 10.0.0.1 timeout 30s }\n"
                + "add element ip k m { tcp . 21 : goto x }\n"
                + "add rule ip k c meta l4proto . th dport vmap @m\n");
        final Table t = r.tables().get(0);
        assertEquals("[Verdict(ACCEPT, null)]", Ir.rule(r, "c", 0));
        assertEquals("[Match(Load(ip saddr), EQ, SetRef(s)), Verdict(DROP, null)]", Ir.rule(r, "c", 1));
        assertEquals("[Vmap(Concat([Load(meta l4proto), Load(th dport)]), SetRef(m))]", Ir.rule(r, "c", 2));
        assertEquals("Element(Ip4(167772161), null, 30000, -1, null)", IrText.of(t.sets().get("s").elements().get(0)));
        assertEquals("Element(Concat([Num(INET_PROTO, 6), Num(INET_SERVICE, 21)]), VerdictValue(GOTO, x), -1, -1, null)",
                IrText.of(t.sets().get("m").elements().get(0)));
        assertEquals("x", t.comment());
    }

    @Test
    void handlesComeFromHandleCommentsAndCommentsStayOnTheRule() {
        final Ruleset r = nft("table ip t { # handle 1\n chain c { # handle 2\n  accept comment \"ok\" # handle 7\n }\n}\n");
        final Rule rule = r.tables().get(0).chains().get("c").rules().get(0);
        assertEquals(7, rule.handle());
        assertEquals("ok", rule.comment());
    }

    @Test
    void namedSetsKeepTypeFlagsTimeoutsAndElements() {
        final Ruleset r = nft("table inet t {\n set s {\n  type ipv4_addr . inet_service\n  flags interval, timeout\n"
                + "  timeout 1h\n  size 64\n  elements = { 10.0.0.0/8 . 21 timeout 10s, 192.168.1.1-192.168.1.9 . 20-21 }\n }\n}\n");
        final NamedSet s = r.tables().get(0).sets().get("s");
        assertEquals(List.of(DataType.IPV4_ADDR, DataType.INET_SERVICE), s.keyType());
        assertTrue(s.flags().contains(NamedSet.Flag.INTERVAL) && s.flags().contains(NamedSet.Flag.TIMEOUT));
        assertEquals(3_600_000L, s.timeoutMs());
        assertEquals(64, s.size());
        assertEquals("Element(Concat([Prefix(Ip4(167772160), 8), Num(INET_SERVICE, 21)]), null, 10000, -1, null)",
                IrText.of(s.elements().get(0)));
        assertEquals("Element(Concat([Range(Ip4(-1062731519), Ip4(-1062731511)), Range(Num(INET_SERVICE, 20), "
                + "Num(INET_SERVICE, 21))]), null, -1, -1, null)", IrText.of(s.elements().get(1)));
    }

    @Test
    void matchesResolveSymbolsByTheTypeTheyCompareWith() {
        assertEquals("[Match(Load(ct state), IMPLICIT, Num(CT_STATE, 6)), Verdict(ACCEPT, null)]",
                inetRule("ct state established,related accept"));
        // two rules: nft refuses icmp and tcp fields in one (conflicting protocols)
        assertEquals("[Match(Load(icmp type), EQ, Num(ICMP_TYPE, 8))]", inetRule("icmp type echo-request"));
        assertEquals("[Match(Load(tcp dport), NE, Num(INET_SERVICE, 22))]", inetRule("tcp dport != ssh"));
        assertEquals("[Match(Binop(AND, Load(tcp flags), Num(TCP_FLAG, 23)), EQ, Num(TCP_FLAG, 2))]",
                inetRule("tcp flags & (fin | syn | rst | ack) == syn"));
        assertEquals("[Match(Binop(AND, Load(tcp flags), Num(TCP_FLAG, 6)), EQ, Num(TCP_FLAG, 2))]",
                inetRule("tcp flags syn / syn,rst"));
        // flags ORed without parentheses, as nft 1.0.6 takes them and lists a set's: { syn | ack, syn }
        assertEquals("[Match(Load(tcp flags), EQ, Num(TCP_FLAG, 18))]", inetRule("tcp flags == syn|ack"));
        assertEquals("[Match(Load(tcp flags), IMPLICIT, Num(TCP_FLAG, 18))]", inetRule("tcp flags syn|ack"));
        assertEquals("[Match(Load(tcp flags), EQ, AnonSet[Element(Num(TCP_FLAG, 18), null, -1, -1, null), "
                + "Element(Num(TCP_FLAG, 2), null, -1, -1, null)])]", inetRule("tcp flags { syn | ack, syn }"));
        // a set of one flag value is a bit test, as nft 1.0.6 emits it (bitwise and, cmp neq 0): a SYN-ACK matches { syn }
        assertEquals("[Match(Load(ct state), IMPLICIT, Num(CT_STATE, 6))]", inetRule("ct state { established|related }"));
        assertEquals("[Match(Load(tcp flags), IMPLICIT, Num(TCP_FLAG, 2))]", inetRule("tcp flags { syn }"));
        assertEquals("[Match(Load(meta iifname), EQ, Str(eth*)), Match(Load(ip6 saddr), EQ, Prefix(Ip6(-108086391056891904, 0), 10))]",
                inetRule("iifname \"eth*\" ip6 saddr fe80::/10"));
        assertEquals("[Match(Load(ct mark), GE, Num(MARK, 16)), Match(Load(meta mark), LT, Num(MARK, 255))]",
                inetRule("ct mark >= 0x10 meta mark < 255"));
        assertEquals("[Match(Fib(9, check), EQ, Num(BOOLEAN, 0)), Verdict(DROP, null)]",
                inetRule("fib saddr . iif check missing drop"));
        assertEquals("[Match(Fib(2, type), EQ, Num(FIB_ADDRTYPE, 2))]", inetRule("fib daddr type local"));
        assertEquals("[Match(Load(ct original proto-dst), EQ, Num(INET_SERVICE, 21)), Match(Load(ct direction), EQ, Num(CT_DIR, 1))]",
                inetRule("ct original proto-dst 21 ct direction reply"));
    }

    @Test
    void verdictMapsOnCtStateAndInterfaces() {
        assertEquals("[Vmap(Load(ct state), AnonSet[Element(Num(CT_STATE, 2), VerdictValue(ACCEPT, null), -1, -1, null), "
                + "Element(Num(CT_STATE, 4), VerdictValue(ACCEPT, null), -1, -1, null)])]",
                inetRule("ct state vmap { established : accept, related : accept }"));
        final Ruleset r = nft("table inet t {\n map m { type ifname : verdict; elements = { \"eth0\" : jump x } }\n"
                + " chain c { iifname vmap @m }\n chain x { }\n}\n");
        assertEquals("[Vmap(Load(meta iifname), SetRef(m))]", Ir.rule(r, "c", 0));
    }

    @Test
    void statementsKeepTheirArguments() {
        assertEquals("[Counter(3, 180), Log(in: , info, 36, -1), Verdict(DROP, null)]",
                inetRule("counter packets 3 bytes 180 log prefix \"in: \" level info flags ip options flags ether drop"));
        assertEquals("[Match(Load(meta l4proto), EQ, Num(INET_PROTO, 6)), Reject(TCP_RESET, -1)]",
                inetRule("reject with tcp reset"));
        assertEquals("[Reject(ICMPX, 3)]", inetRule("reject with icmpx type admin-prohibited"));
        assertEquals("[Reject(ICMPX, 1)]", inetRule("reject"));
        assertEquals("[Reject(ICMP, 3)]", Ir.rule(nft("table ip t { chain c { reject } }"), "c", 0));
        assertEquals("[Notrack()]", inetRule("notrack"));
        assertEquals("[Assign(ct mark, Num(MARK, 1)), Assign(meta mark, Binop(XOR, Binop(AND, Load(meta mark), "
                + "Num(MARK, 4294901844)), Num(MARK, 171)))]",
                inetRule("ct mark set 1 meta mark set mark and 0xffff00ff or 0xab"));
        assertEquals("[Match(Binop(AND, Load(tcp flags), Num(TCP_FLAG, 6)), EQ, Num(TCP_FLAG, 2)), "
                + "Assign(tcp option maxseg size, Load(rt mtu))]", inetRule("tcp flags syn / syn,rst tcp option maxseg size set rt mtu"));
        assertEquals("[Limit(10, 60000, 20, false, true), Quota(false, 26214400, 0), Verdict(DROP, null)]",
                inetRule("limit rate over 10/minute burst 20 packets quota 25 mbytes drop"));
        assertEquals("[Limit(1048576, 1000, 0, true, false)]", inetRule("limit rate 1 mbytes/second"));
    }

    @Test
    void natStatementsKeepAddressesPortsRangesAndFlags() {
        assertEquals("[Match(Load(tcp dport), EQ, Num(INET_SERVICE, 2121)), Nat(DNAT, 2, Ip4(167772418), Num(INET_SERVICE, 21), 0)]",
                inetRule("tcp dport 2121 dnat ip to 10.0.1.2:21"));
        assertEquals("[Match(Load(meta l4proto), EQ, Num(INET_PROTO, 6)), Nat(SNAT, 2, Range(Ip4(167772161), Ip4(167772169)), "
                + "Range(Num(INET_SERVICE, 1024), Num(INET_SERVICE, 2048)), 12)]",
                inetRule("meta l4proto tcp snat to 10.0.0.1-10.0.0.9:1024-2048 random,persistent"));
        assertEquals("[Match(Load(tcp dport), EQ, Num(INET_SERVICE, 25)), Nat(DNAT, 10, Ip6(2306139568115548160, 1), Num(INET_SERVICE, 25), 0)]",
                inetRule("tcp dport 25 dnat [2001:db8::1]:25"));
        assertEquals("[Nat(MASQUERADE, 0, null, null, 16)]", inetRule("masquerade fully-random"));
        assertEquals("[Match(Load(udp dport), EQ, Num(INET_SERVICE, 53)), Nat(REDIRECT, 0, null, Num(INET_SERVICE, 5353), 0)]",
                inetRule("udp dport 53 redirect to :5353"));
        assertEquals("[Nat(DNAT, 2, MapLookup(Load(tcp dport), AnonSet[Element(Num(INET_SERVICE, 21), Ip4(167772418), -1, -1, null)]), null, 0)]",
                Ir.rule(nft("table ip t { chain c { type nat hook prerouting priority dstnat; dnat to tcp dport map { 21 : 10.0.1.2 } } }"), "c", 0));
    }

    @Test
    void loadBalancingExpressions() {
        assertEquals("[Vmap(Numgen(true, 2, 0), AnonSet[Element(Num(INTEGER, 0), VerdictValue(GOTO, a), -1, -1, null), "
                + "Element(Num(INTEGER, 1), VerdictValue(GOTO, b), -1, -1, null)])]",
                Ir.rule(nft("table ip t { chain c { numgen random mod 2 vmap { 0 : goto a, 1 : goto b } }\n chain a { }\n chain b { } }"), "c", 0));
        assertEquals("[Match(Jhash(Concat([Load(ip saddr), Load(tcp sport)]), 4, 57005, 1), EQ, Num(INTEGER, 2))]",
                inetRule("jhash ip saddr . tcp sport mod 4 seed 0xdead offset 1 == 2"));
    }

    @Test
    void objectsAreDeclaredAndUsedByName() {
        final Ruleset r = nft("table inet t {\n"
                + " ct helper ftp-std { type \"ftp\" protocol tcp; l3proto ip; }\n"
                + " ct timeout short { protocol tcp; policy = { established : 2m, close : 10s } }\n"
                + " ct expectation e { protocol tcp; dport 21; timeout 1m; size 8; }\n"
                + " counter cnt { packets 1 bytes 2 }\n quota q { over 1 mbytes }\n limit l { rate 5/second }\n"
                + " flowtable ft { hook ingress priority filter; devices = { eth0, eth1 }; flags offload; }\n"
                + " set seen { type ipv4_addr; flags dynamic, timeout; timeout 1m; }\n"
                + " chain c {\n  tcp dport 21 ct helper set \"ftp-std\" ct timeout set \"short\" ct expectation set \"e\"\n"
                + "  counter name cnt quota name \"q\" limit name \"l\" flow add @ft\n"
                + "  update @seen { ip saddr limit rate 3/second } add @seen { ip saddr timeout 10s }\n }\n}\n");
        final Table t = r.tables().get(0);
        assertEquals("CtHelperObj(ftp-std, ftp, 6, 2)", IrText.of(t.object(Stmt.ObjKind.CT_HELPER, "ftp-std")));
        assertEquals("CtTimeoutObj(short, 6, 1, {close=10000, established=120000})", IrText.of(t.object(Stmt.ObjKind.CT_TIMEOUT, "short")));
        assertEquals("CtExpectationObj(e, 6, 1, 21, 60000, 8)", IrText.of(t.object(Stmt.ObjKind.CT_EXPECTATION, "e")));
        assertEquals("QuotaObj(q, true, 1048576, 0)", IrText.of(t.object(Stmt.ObjKind.QUOTA, "q")));
        assertEquals("LimitObj(l, Limit(5, 1000, 5, false, false))", IrText.of(t.object(Stmt.ObjKind.LIMIT, "l")));
        assertEquals("Flowtable(ft, INGRESS, 0, [eth0, eth1], true, false)", IrText.of(t.flowtables().get("ft")));
        assertEquals("[Match(Load(tcp dport), EQ, Num(INET_SERVICE, 21)), ObjRef(CT_HELPER, Str(ftp-std)), "
                + "ObjRef(CT_TIMEOUT, Str(short)), ObjRef(CT_EXPECTATION, Str(e))]", Ir.rule(r, "c", 0));
        assertEquals("[ObjRef(COUNTER, Str(cnt)), ObjRef(QUOTA, Str(q)), ObjRef(LIMIT, Str(l)), FlowAdd(ft)]", Ir.rule(r, "c", 1));
        assertEquals("[SetUpdate(UPDATE, seen, Load(ip saddr), -1, [Limit(3, 1000, 5, false, false)]), "
                + "SetUpdate(ADD, seen, Load(ip saddr), 10000, [])]", Ir.rule(r, "c", 2));
        assertEquals(65535, t.sets().get("seen").size());
    }

    @Test
    void ctCountIsAMatch() {
        assertEquals("[Match(CtCount(4, true), IMPLICIT, Num(BOOLEAN, 1)), Verdict(DROP, null)]", inetRule("ct count over 4 drop"));
    }

    @Test
    void interfaceReferencesAreListedForBinding() {
        final Ruleset r = nft("table inet t {\n flowtable f { hook ingress priority 0; devices = { eth9 }; }\n"
                + " map m { type ifname : verdict; elements = { \"br-lan\" : accept } }\n"
                + " chain c { iifname { \"eth0.2\", \"ppp*\" } oif \"lo\" accept\n  oifname vmap { \"wan\" : drop } }\n}\n");
        assertEquals(List.of("br-lan", "eth0.2", "eth9", "lo", "ppp*", "wan"), List.copyOf(InterfaceRefs.of(r)));
    }
}
