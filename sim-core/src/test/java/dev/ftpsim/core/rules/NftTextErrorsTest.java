package dev.ftpsim.core.rules;

import static dev.ftpsim.core.rules.Ir.nftErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What nft refuses, ftpsim refuses: at file, line and column, every error of a file at once. */
class NftTextErrorsTest {
    @Test
    void everyErrorOfAFileIsReportedWithItsPosition() {
        final List<String> errors = nftErrors("table inet t {\n chain c {\n  tcp dport 21 accept\n"
                + "  socket transparent 1 accept\n  ip saddr 1.2.3 drop\n  osf name \"Linux\" drop\n }\n}\n");
        assertEquals(List.of("4:3: 'socket' is not modelled", "5:12: '1.2.3' is not a valid ipv4_addr value",
                "6:3: 'osf' is not modelled"), errors);
    }

    @Test
    void aCommentLongerThan128BytesIsRefusedAsNftRefusesIt() {
        final Ruleset r = Ir.nft("table ip t { chain c { accept comment \"" + "x".repeat(128) + "\" } }"); // 128: taken
        assertEquals("x".repeat(128), r.tables().get(0).chains().get("c").rules().get(0).comment());
        // 127 bytes and a two-byte character: 129 bytes, as nft's strlen counts
        assertEquals(List.of("1:39: comment too long, 128 characters maximum allowed (this one has 129 bytes)"),
                nftErrors("table ip t { chain c { accept comment \"" + "x".repeat(127) + "\u00e9\" } }"));
        final String long129 = "\"" + "x".repeat(129) + "\"";
        assertEquals(List.of("2:20: comment too long, 128 characters maximum allowed (this one has 129 bytes)",
                "3:34: comment too long, 128 characters maximum allowed (this one has 129 bytes)"),
                nftErrors("table ip t {\n chain c { comment " + long129 + "; accept }\n set s { type ipv4_addr; comment "
                        + long129 + "; }\n}\n"));
    }

    @Test
    void aControlOrNonAsciiCharacterOutsideAStringIsJunkAsNftSaysNotAnEndlessWord() {
        // nft 1.0.6: "syntax error, unexpected junk" at the character; a form feed or an em space once
        // made the lexer add empty words without moving on until the heap ran out
        for (final String c : List.of("\f", "\u000b", "\u0001", "\u007f", "\u2003", "\u2028", "\u00e9")) {
            assertEquals(List.of("3:22: syntax error, unexpected junk"),
                    nftErrors("table ip t {\n chain c {\n  tcp dport 21 accept" + c + "\n }\n}\n"), "U+" + (int) c.charAt(0));
        }
        assertEquals(List.of("1:1: syntax error, unexpected junk", "2:3: syntax error, unexpected junk"),
                nftErrors("\u2003\u2003table ip t {\n  \f\f chain c { }\n}\n"));
    }

    @Test
    void aQuotedStringEndsAtANulByteAsNftsStrdupEndsIt() {
        final Ruleset r = Ir.nft("table ip t {\n chain c {\n  iifname \"et\u0000h0\" accept comment \"a\u0000\u0001b\"\n }\n}\n");
        assertEquals("[Match(Load(meta iifname), EQ, Str(et)), Verdict(ACCEPT, null)]", Ir.rule(r, "c", 0));
        assertEquals("a", r.tables().get(0).chains().get("c").rules().get(0).comment());
        // other control characters stay in the string, as nft keeps them
        assertEquals("a\u0001b", Ir.nft("table ip t { chain c { accept comment \"a\u0001b\" } }").tables().get(0)
                .chains().get("c").rules().get(0).comment());
    }

    /** The errors of {@code rule} in chain c of a {@code family} table, each checked with nft 1.0.6 -c. */
    private static List<String> ruleErrors(final String family, final String rule) {
        return nftErrors("table " + family + " t {\n chain x { }\n chain c {\n  " + rule + "\n }\n}\n");
    }

    @Test
    void aStatementAfterATerminalOneIsRefusedAsNftRefusesIt() {
        final String m = "Statement after terminal statement has no effect";
        assertEquals(List.of("4:10: " + m), ruleErrors("ip", "accept drop"));
        assertEquals(List.of("4:10: " + m), ruleErrors("ip", "jump x counter"));
        assertEquals(List.of("4:10: " + m), ruleErrors("ip", "reject counter"));
        assertEquals(List.of("4:14: " + m), ruleErrors("ip", "masquerade counter"));
        assertEquals(List.of("4:32: " + m), ruleErrors("ip", "tcp dport 21 dnat to 1.2.3.4 counter"));
        assertEquals(List.of("4:30: " + m), ruleErrors("ip", "limit rate 1/second accept counter"));
        assertEquals(List.of("4:22: syntax error, expecting newline or semicolon after the comment at 'counter'"),
                ruleErrors("ip", "accept comment \"x\" counter"));
        // continue and a verdict map are not terminal; a statement on the next line is another rule
        for (final String ok : List.of("continue counter", "tcp dport vmap { 21 : accept } counter", "drop; counter")) {
            assertTrue(Ir.nft("table ip t {\n chain c {\n  " + ok + "\n }\n}\n").tables().size() == 1, ok);
        }
    }

    @Test
    void aValueANarrowFieldCannotHoldIsRefusedNotAMatchThatNeverMatches() {
        assertEquals(List.of("4:10: Value 256 exceeds valid range 0-255"), ruleErrors("ip", "ip ttl 256 accept"));
        assertEquals(List.of("4:15: Value 256 exceeds valid range 0-255"), ruleErrors("ip", "ip ttl { 1, 256 } accept"));
        assertEquals(List.of("4:11: Value 64 exceeds valid range 0-63"), ruleErrors("ip", "ip dscp 64 accept"));
        assertEquals(List.of("4:14: Value 16 exceeds valid range 0-15"), ruleErrors("ip", "ip version 16 accept"));
        assertEquals(List.of("4:14: Value 65536 exceeds valid range 0-65535"), ruleErrors("ip", "tcp window 65536 accept"));
        assertEquals(List.of("4:11: Value 4096 exceeds valid range 0-4095"), ruleErrors("ip", "vlan id 4096 accept"));
        assertEquals(List.of("4:11: Value 65536 exceeds valid range 0-65535"), ruleErrors("ip", "ct zone 65536 accept"));
        assertEquals(List.of("4:16: Value 4294967296 exceeds valid range 0-4294967295"),
                ruleErrors("ip", "tcp sequence 4294967296 accept"));
        assertEquals("[Match(Load(ip ttl), EQ, Num(INTEGER, 255))]", Ir.inetRule("ip ttl 255"));
        // a type's own width, in nft's words
        assertEquals(List.of("4:13: Service out of range"), ruleErrors("ip", "tcp dport 65536 accept"));
        assertEquals(List.of("4:15: Protocol out of range"), ruleErrors("ip", "ip protocol 256 accept"));
        assertEquals(List.of("4:13: Value 256 exceeds valid range 0-255"), ruleErrors("ip", "tcp flags 0x100 accept"));
        assertEquals(List.of("4:13: Value 4294967296 exceeds valid range 0-4294967295"),
                ruleErrors("ip", "meta mark 0x100000000 accept"));
    }

    @Test
    void dscpTakesNftsSymbols() {
        assertEquals("[Match(Load(ip dscp), EQ, AnonSet[Element(Num(DSCP, 0), null, -1, -1, null), "
                + "Element(Num(DSCP, 10), null, -1, -1, null), Element(Num(DSCP, 46), null, -1, -1, null)])]",
                Ir.inetRule("ip dscp { cs0, af11, ef }"));
        assertEquals("[Match(Load(ip6 dscp), EQ, Num(DSCP, 34))]", Ir.inetRule("ip6 dscp af41"));
        assertEquals(List.of("4:11: 'cs8' is not a valid dscp value"), ruleErrors("ip", "ip dscp cs8 accept"));
    }

    @Test
    void headerFieldsOfTwoProtocolsInOneRuleAreRefusedAsNftRefusesThem() {
        assertEquals(List.of("4:16: conflicting protocols specified: udp vs. tcp"), ruleErrors("inet", "udp dport 21 tcp dport 21 accept"));
        assertEquals(List.of("4:20: conflicting protocols specified: udp vs. tcp"),
                ruleErrors("inet", "meta l4proto udp tcp dport 21 accept"));
        assertEquals(List.of("4:19: conflicting protocols specified: udp vs. tcp"),
                ruleErrors("ip6", "ip6 nexthdr udp tcp dport 21 accept"));
        assertEquals(List.of("4:29: conflicting protocols specified: udp vs. tcp"),
                ruleErrors("inet", "meta l4proto { tcp, udp } tcp dport 21 accept"));
        assertEquals(List.of("4:41: conflicting protocols specified: tcp vs. udp"),
                ruleErrors("inet", "ip saddr . tcp dport { 1.2.3.4 . 21 } udp dport 1 accept"));
        assertEquals(List.of("4:3: conflicting protocols specified: ip vs. ip6"), ruleErrors("ip", "ip6 hoplimit 3 accept"));
        assertEquals(List.of("4:3: conflicting protocols specified: ip6 vs. ip"), ruleErrors("ip6", "ip ttl 3 accept"));
        assertEquals(List.of("4:20: conflicting protocols specified: ip vs. ip6"),
                ruleErrors("inet", "ip saddr 1.2.3.4 ip6 daddr ::1 accept"));
        assertEquals(List.of("4:21: conflicting protocols specified: ip vs. ip6"),
                ruleErrors("inet", "meta nfproto ipv4 ip6 saddr ::1 accept"));
        assertEquals(List.of("4:3: meta nfproto is only useful in the inet family"),
                ruleErrors("ip", "meta nfproto ipv4 accept"));
        assertEquals(List.of("4:16: you cannot use tcp reset with this protocol"),
                ruleErrors("inet", "udp dport 21 reject with tcp reset"));
        assertEquals(List.of("4:29: you cannot use tcp reset with this protocol"),
                ruleErrors("inet", "meta l4proto { tcp, udp } reject with tcp reset"));
        // nft takes these: a protocol match after the field, a set of one protocol, th, a negation
        for (final String ok : List.of("tcp dport 21 meta l4proto udp accept", "meta l4proto { tcp, tcp } tcp dport 21 accept",
                "ip protocol { tcp, udp } th dport 21 accept", "meta l4proto != udp tcp dport 21 accept",
                "meta nfproto ipv6 ip6 saddr ::1 accept", "meta l4proto tcp reject with tcp reset")) {
            assertTrue(Ir.nft("table inet t {\n chain c {\n  " + ok + "\n }\n}\n").tables().size() == 1, ok);
        }
    }

    @Test
    void anInterfaceNameIsRefusedWhereNftRefusesIt() {
        // IFNAMSIZ: 15 bytes and the NUL; a wildcard's star counts
        assertEquals(List.of("4:11: String exceeds maximum length of 16"), ruleErrors("ip", "iifname \"abcdefghijklmnop\" accept"));
        assertEquals(List.of("4:11: String exceeds maximum length of 16"), ruleErrors("ip", "oifname abcdefghijklmno* accept"));
        assertEquals(List.of("4:24: String exceeds maximum length of 16"),
                ruleErrors("ip", "iifname . ip saddr { \"abcdefghijklmnop\" . 1.2.3.4 } accept"));
        assertEquals(List.of("4:18: Empty string is not allowed"), ruleErrors("ip", "iifname { \"a\", \"\" } accept"));
        assertEquals(List.of("4:14: All-wildcard strings are not supported"), ruleErrors("ip", "iifname != \"*\" accept"));
        assertEquals("[Match(Load(meta iifname), EQ, Str(abcdefghijklmno)), Match(Load(meta oifname), EQ, Str(abcdefghijklmn*))]",
                Ir.inetRule("iifname \"abcdefghijklmno\" oifname \"abcdefghijklmn*\""));
    }

    @Test
    void aSetDeclaredAgainAddsItsElementsAsTheKernelDoesUnlessItsTypeDiffers() {
        // nft 1.0.6 lists { 1.2.3.4, 5.6.7.8 }; ftpsim refused the second declaration
        final Ruleset r = Ir.nft("table ip t {\n set s {\n  type ipv4_addr\n  elements = { 1.2.3.4 }\n }\n}\n"
                + "table ip t {\n set s {\n  type ipv4_addr\n  elements = { 5.6.7.8 }\n }\n}\nadd set ip t s { type ipv4_addr; }\n");
        assertEquals(2, r.tables().get(0).sets().get("s").elements().size());
        assertEquals(List.of("7:6: set s exists already with another type, flags or timeout (the kernel refuses it: File exists)"),
                nftErrors("table ip t {\n set s {\n  type ipv4_addr\n }\n}\ntable ip t {\n"
                        + " set s {\n  type ipv4_addr; timeout 10s\n }\n}\n"));
        assertEquals(List.of("10:16: this key is in the map already, with other data (the kernel refuses it: File exists)"),
                nftErrors("table ip t {\n map m {\n  type ipv4_addr : verdict\n  elements = { 1.2.3.4 : accept }\n }\n}\n"
                        + "table ip t {\n map m {\n  type ipv4_addr : verdict\n  elements = { 1.2.3.4 : drop }\n }\n}\n"));
    }

    @Test
    void aChainDeclaredAgainKeepsItsKindAndHookAsTheKernelDoes() {
        final String base = "table ip t {\n chain c {\n  type filter hook input priority 0; policy drop;\n }\n}\n";
        assertEquals(List.of("8:3: chain c hooks input at priority 0 already (the kernel cannot move it: Operation not supported)"),
                nftErrors(base + "table ip t {\n chain c {\n  type filter hook input priority 10;\n }\n}\n"));
        assertEquals(List.of("8:3: chain c hooks input at priority 0 already (the kernel cannot move it: Operation not supported)"),
                nftErrors(base + "table ip t {\n chain c {\n  type filter hook output priority 0;\n }\n}\n"));
        assertEquals(List.of("8:3: chain c exists already as a filter chain (the kernel refuses another type: File exists)"),
                nftErrors(base + "table ip t {\n chain c {\n  type nat hook input priority 0;\n }\n}\n"));
        assertEquals(List.of("5:3: chain c exists already as a regular chain (the kernel refuses another type: File exists)"),
                nftErrors("table ip t {\n chain c {\n }\n chain c {\n  type filter hook input priority 0;\n }\n}\n"));
        // the same hook and priority again, a new policy: taken, the policy kept or changed as written
        final Ruleset r = Ir.nft(base + "add chain ip t c { type filter hook input priority filter; }\n"
                + "table ip t {\n chain c {\n  type filter hook input priority 0; policy accept;\n }\n}\n");
        assertEquals(false, r.tables().get(0).chains().get("c").base().policyDrop());
    }

    @Test
    void createRefusesWhatExistsAndDeleteWhatDoesNot() {
        final String set = "table ip t {\n set s {\n  type ipv4_addr\n  elements = { 1.2.3.4 }\n }\n chain c {\n }\n}\n";
        assertEquals(List.of("9:19: chain c exists already (create refuses it: File exists)"), nftErrors(set + "create chain ip t c\n"));
        assertEquals(List.of("9:17: set s exists already (create refuses it: File exists)"),
                nftErrors(set + "create set ip t s { type ipv4_addr; }\n"));
        assertEquals(List.of("9:25: this element is in set s already (create refuses it: File exists)"),
                nftErrors(set + "create element ip t s { 1.2.3.4 }\n"));
        assertEquals(List.of("9:25: this element is not in set s (the kernel refuses to delete it: No such file or directory)"),
                nftErrors(set + "delete element ip t s { 5.6.7.8 }\n"));
        assertEquals(1, Ir.nft(set + "add element ip t s { 1.2.3.4 }\ncreate element ip t s { 5.6.7.8 }\n"
                + "delete element ip t s { 1.2.3.4 }\n").tables().get(0).sets().get("s").elements().size());
    }

    @Test
    void aHelperObjectLinuxCannotMakeIsRefused() {
        // each checked by loading it with nft 1.0.6 on Linux 6.18
        final String enoent = " (the kernel refuses it: No such file or directory)";
        assertEquals(List.of("2:12: Linux has no \"ftp\" helper for udp" + enoent),
                nftErrors("table ip t {\n ct helper h {\n  type \"ftp\" protocol udp;\n }\n}\n"));
        assertEquals(List.of("2:12: Linux has no \"tftp\" helper for tcp" + enoent),
                nftErrors("table inet t {\n ct helper h {\n  type \"tftp\" protocol tcp;\n }\n}\n"));
        assertEquals(List.of("2:12: Linux has no \"irc\" helper for tcp over IPv6" + enoent),
                nftErrors("table ip6 t {\n ct helper h {\n  type \"irc\" protocol tcp;\n }\n}\n"));
        assertEquals(List.of("2:12: l3proto ip6 in a table of family ip (the kernel refuses it: Invalid argument)"),
                nftErrors("table ip t {\n ct helper h {\n  type \"ftp\" protocol tcp; l3proto ip6;\n }\n}\n"));
        for (final String ok : List.of("ip t {\n ct helper h {\n  type \"ftp\" protocol tcp; l3proto inet;",
                "inet t {\n ct helper h {\n  type \"irc\" protocol tcp;", "ip6 t {\n ct helper h {\n  type \"sip\" protocol udp;",
                "inet t {\n ct helper h {\n  type \"tftp\" protocol udp; l3proto ip6;")) {
            assertEquals(1, Ir.nft("table " + ok + "\n }\n}\n").tables().size(), ok);
        }
    }

    @Test
    void aPacketLimitWithABurstOfNoneIsRefused() {
        assertEquals(List.of("4:24: packet limit burst must be > 0"),
                ruleErrors("ip", "limit rate 10/second burst 0 packets accept"));
        assertEquals(1, Ir.nft("table ip t { chain c { limit rate 10 kbytes/second burst 0 bytes accept } }").tables().size());
    }

    @Test
    void aGotoToAChainALaterCommandAddsIsRefused() {
        final List<String> errors = nftErrors("add table ip k\nadd chain ip k a\nadd rule ip k a goto b\nadd chain ip k b\n");
        assertEquals(List.of("3:22: chain 'b' does not exist in table ip k at this point of the file"), errors);
    }

    @Test
    void chainsOfOneTableBlockMayReferToEachOther() {
        final Ruleset r = Ir.nft("table ip k {\n chain a { goto b }\n chain b { ip saddr @s drop }\n set s { type ipv4_addr; }\n}\n");
        assertEquals(3, r.tables().get(0).chains().size() + r.tables().get(0).sets().size());
    }

    @Test
    void aNatPortNeedsATransportProtocolMatch() {
        assertEquals(List.of("3:29: transport protocol mapping is only valid after transport protocol match"),
                nftErrors("table ip t {\n chain c { type nat hook prerouting priority dstnat;\n"
                        + "  ip daddr 10.0.0.1 dnat to 10.0.1.2:21 }\n}\n"));
        assertEquals(List.of("1:36: transport protocol mapping is only valid after transport protocol match"),
                nftErrors("table ip t { chain c { redirect to :21 } }"));
    }

    @Test
    void namedPrioritiesAreCheckedAgainstTheirHook() {
        assertEquals(List.of("1:58: invalid priority expression value in this context (srcnat at hook prerouting) at 'srcnat'"),
                nftErrors("table ip t { chain c { type nat hook prerouting priority srcnat; } }"));
        assertEquals(List.of("1:38: a nat chain cannot hook forward in family ip"),
                nftErrors("table ip t { chain c { type nat hook forward priority 0; } }"));
    }

    @Test
    void undefinedNamesAreErrors() {
        assertEquals(List.of("1:32: unknown variable $nowhere"), nftErrors("table ip t { chain c { iifname $nowhere accept } }"));
        assertEquals(List.of("1:33: set 'nope' does not exist in table ip t at this point of the file"),
                nftErrors("table ip t { chain c { ip saddr @nope drop } }"));
        assertEquals(List.of("1:38: ct helper 'ftp' does not exist in table ip t at this point of the file"),
                nftErrors("table ip t { chain c { ct helper set \"ftp\" } }"));
        assertEquals(List.of("1:13: table ip x does not exist"), nftErrors("flush table x\n"));
    }

    @Test
    void anUnknownVariableWhereACommandOrRuleStartsIsAnErrorNotACrash() {
        assertEquals(List.of("1:1: unknown variable $nowhere", "2:24: unknown variable $gone"),
                nftErrors("$nowhere\ntable ip t { chain c { $gone\n } }\n"));
    }

    @Test
    void rangesInANamedSetNeedTheIntervalFlag() {
        assertEquals(List.of("1:61: set s needs 'flags interval' for prefix or range elements"),
                nftErrors("table ip t { set s { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.0/8 } } }"));
    }

    @Test
    void includesResolveRelativeToTheIncludingFile(@TempDir final Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/ftp.nft"), "tcp dport 21 accept\n");
        Files.writeString(dir.resolve("conf.d/vars.nft"), "define web = 80\n");
        Files.writeString(dir.resolve("main.nft"), "include \"conf.d/vars.nft\"\ninclude \"none.d/*.nft\"\n"
                + "table ip t {\n chain c {\n  include \"conf.d/ftp.nft\"\n  tcp dport $web accept\n }\n}\n");
        final Ruleset r = NftParser.load(dir.resolve("main.nft"));
        final Chain c = r.tables().get(0).chains().get("c");
        assertEquals(2, c.rules().size());
        assertEquals(new Pos(dir.resolve("conf.d/ftp.nft").toString(), 1, 1), c.rules().get(0).pos());
    }

    @Test
    void aMissingIncludedFileIsAnErrorButAnEmptyGlobIsNot(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("main.nft"), "include \"gone.nft\"\ninclude \"*.missing\"\n");
        final RulesetException e = assertThrows(RulesetException.class, () -> NftParser.load(dir.resolve("main.nft")));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).toString().startsWith(dir.resolve("main.nft") + ":1:9: include: no such file"),
                e.getMessage());
    }

    @Test
    void anIncludedFileThatCannotBeReadSaysWhyNotItsPathAgain() {
        // an AccessDeniedException's message is the path: "cannot read /proc/1/mem (/proc/1/mem)"
        assertEquals("permission denied", NftParser.why(new java.nio.file.AccessDeniedException("/proc/1/mem")));
        assertEquals("no such file", NftParser.why(new java.nio.file.NoSuchFileException("/etc/nft/gone.nft")));
        assertEquals("Is a directory", NftParser.why(new java.nio.file.FileSystemException("/etc", null, "Is a directory")));
    }
}
