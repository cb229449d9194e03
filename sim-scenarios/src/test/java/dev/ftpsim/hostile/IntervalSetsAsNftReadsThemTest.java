package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interval sets and maps as nft 1.0.6 reads them (each case checked with {@code nft -c -f}):
 * overlapping elements of a set without {@code auto-merge}, of a map, or of an anonymous map are
 * refused at the element nft names ("conflicting intervals specified"); a set with auto-merge and
 * an anonymous set merge them and match their union; a second {@code elements =} replaces the first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntervalSetsAsNftReadsThemTest {
    @TempDir
    Path dir;

    /** A forward chain that accepts what {@code match} matches, after set {@code s} whose body is {@code body}. */
    private static String ruleset(final String body, final String match) {
        return "table ip f {\n\tset s {\n\t\ttype inet_service\n\t\tflags interval\n" + body + "\t}\n\tchain forward {\n"
                + "\t\ttype filter hook forward priority filter; policy drop;\n\t\t" + match + " accept\n\t}\n}\n";
    }

    private String badInput(final String ruleset) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), ruleset);
        return HostileCorpus.refusedByValidateAndRun(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"));
    }

    private String at(final String position) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: fw.nft:" + position + ": conflicting intervals specified";
    }

    /** The last line of {@code ftpsim trace} for a SYN from the client to the server's port {@code port}. */
    private String trace(final String ruleset, final int port) throws Exception {
        Files.writeString(dir.resolve("fw.nft"), ruleset);
        return HostileCorpus.lastTraceLine(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + "fw.nft\n"), port);
    }

    @Test
    void anIntervalInsideAnEarlierOneIsRefusedAtTheInnerOne() throws Exception {
        assertEquals(at("5:23"), badInput(ruleset("\t\telements = { 20-30, 25 }\n", "tcp dport @s")));
    }

    @Test
    void overlappingIntervalsAreNamedAtTheOneThatStartsLater() throws Exception {
        // nft sorts by the start: 20-30 comes first, 25-40 starts inside it
        assertEquals(at("5:16"), badInput(ruleset("\t\telements = { 25-40, 20-30 }\n", "tcp dport @s")));
    }

    @Test
    void anAddedElementThatOverlapsIsRefusedAtTheAddedElement() throws Exception {
        assertEquals(at("12:22"), badInput(ruleset("\t\telements = { 20-30 }\n", "tcp dport @s")
                + "add element ip f s { 30-40 }\n"));
    }

    @Test
    void anOverlappingAnonymousVerdictMapIsRefused() throws Exception {
        assertEquals(at("8:36"), badInput(ruleset("", "tcp dport vmap { 20-30 : accept, 30 : drop }\n\t\ttcp dport 1")));
    }

    @Test
    void anOverlappingIntervalMapIsRefusedEvenWithoutAnyRuleUsingIt() throws Exception {
        assertEquals(at("5:32"), badInput("table ip f {\n\tmap m {\n\t\ttype inet_service : verdict\n\t\tflags interval\n"
                + "\t\telements = { 20-30 : accept, 21 : drop }\n\t}\n}\n"));
    }

    @Test
    void aMapWithAutoMergeIsRefusedAsNftRefusesIt() throws Exception {
        assertEquals(dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: fw.nft:5:3: a map has no auto-merge (nft refuses"
                + " it: only a set merges intervals) at 'auto-merge'", badInput("table ip f {\n\tmap m {\n"
                + "\t\ttype inet_service : verdict\n\t\tflags interval\n\t\tauto-merge\n\t\telements = { 20-30 : accept }\n"
                + "\t}\n}\n"));
    }

    @Test
    void anOverlappingJsonSetIsRefused() throws Exception {
        assertEquals(at("3:1"), badInput("{\"nftables\": [\n{\"table\": {\"family\": \"ip\", \"name\": \"f\"}},\n"
                + "{\"set\": {\"family\": \"ip\", \"table\": \"f\", \"name\": \"s\", \"type\": \"inet_service\", \"flags\":"
                + " [\"interval\"], \"elem\": [{\"range\": [20, 30]}, 25]}}\n]}\n"));
    }

    @Test
    void anAutoMergeKeyInJsonIsNotReadAsNft106DoesNotReadIt() throws Exception {
        // nft 1.0.6: 'nft -j -c' refuses this file (conflicting intervals); 'nft -j list' never prints the key
        assertEquals(at("3:1"), badInput("{\"nftables\": [\n{\"table\": {\"family\": \"ip\", \"name\": \"f\"}},\n"
                + "{\"set\": {\"family\": \"ip\", \"table\": \"f\", \"name\": \"s\", \"type\": \"inet_service\", \"flags\":"
                + " [\"interval\"], \"auto-merge\": true, \"elem\": [{\"range\": [20, 30]}, 25]}}\n]}\n"));
    }

    @Test
    void aSetWithAutoMergeMatchesTheUnionOfItsElements() throws Exception {
        final String r = ruleset("\t\tauto-merge\n\t\telements = { 20-30, 25-40, 41, 20-30, 100 }\n", "tcp dport @s");
        for (final int port : new int[] {20, 35, 41, 100}) {
            assertTrue(trace(r, port).startsWith("delivered to server"), port + ": " + trace(r, port));
        }
        for (final int port : new int[] {19, 42, 99}) {
            assertTrue(trace(r, port).startsWith("dropped by fw"), port + ": " + trace(r, port));
        }
    }

    @Test
    void anAnonymousSetMergesItsOverlappingElements() throws Exception {
        final String r = ruleset("", "tcp dport { 20-30, 25-40 }");
        assertTrue(trace(r, 35).startsWith("delivered to server"), trace(r, 35));
        assertTrue(trace(r, 41).startsWith("dropped by fw"), trace(r, 41));
    }

    @Test
    void aSecondElementsListReplacesTheFirst() throws Exception {
        final String r = ruleset("\t\telements = { 20-30 }\n\t\telements = { 40 }\n", "tcp dport @s");
        assertTrue(trace(r, 40).startsWith("delivered to server"), trace(r, 40));
        assertTrue(trace(r, 25).startsWith("dropped by fw"), trace(r, 25));
    }

    private String exists(final String position) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: fw.nft:" + position + ": this key is in the map already,"
                + " with other data (the kernel refuses it: File exists)";
    }

    @Test
    void aVerdictMapWithOneKeyTwiceIsRefusedAtTheSecond() throws Exception {
        // nft 1.0.6: "Could not process rule: File exists" at the second 21; the first used to win silently
        assertEquals(exists("8:31"), badInput(ruleset("", "tcp dport vmap { 21 : drop, 21 : accept }\n\t\ttcp dport 1")));
    }

    @Test
    void anIntervalMapWithOneRangeTwiceIsRefusedAtTheFirstAsTheKernelGetsThemSorted() throws Exception {
        assertEquals(exists("5:16"), badInput("table ip f {\n\tmap m {\n\t\ttype inet_service : verdict\n"
                + "\t\tflags interval\n\t\telements = { 20-30 : accept, 20-30 : drop }\n\t}\n}\n"));
    }

    @Test
    void anElementAddedWithOtherDataIsRefusedAndWithTheSameDataIsNot() throws Exception {
        final String map = "table ip f {\n\tmap m {\n\t\ttype inet_service : verdict\n\t\telements = { 21 : accept }\n"
                + "\t}\n}\n";
        assertEquals(exists("7:22"), badInput(map + "add element ip f m { 21 : drop }\n"));
        Files.writeString(dir.resolve("fw.nft"), map + "add element ip f m { 21 : accept }\n");
        final String[] v = Cli.execute("validate", dir.resolve("s.yaml").toString());
        assertEquals("0", v[0], v[2]);
    }
    /** A forward chain accepting what concatenated interval set {@code s}, of {@code elements}, holds. */
    private static String concat(final String elements) {
        return "table ip f {\n\tset s {\n\t\ttype ipv4_addr . inet_service\n\t\tflags interval\n\t\telements = { "
                + elements + " }\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n"
                + "\t\tip saddr . tcp dport @s accept\n\t}\n}\n";
    }

    private String overlaps(final String position) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: fw.nft:" + position + ": this element overlaps an element"
                + " before it (the kernel refuses it: File exists)";
    }

    @Test
    void aConcatenatedElementStartingOrEndingInsideOneBeforeItIsRefusedAsThePipapoSetRefusesIt() throws Exception {
        // each checked with nft 1.0.6 on Linux 6.18: "Could not process rule: File exists" at the second element;
        // nft itself sorts no concatenation, auto-merge or not: the kernel looks up the new element's two ends
        assertEquals(overlaps("5:41"), badInput(concat("198.51.100.0/24 . 20-30, 198.51.100.10 . 25")));
        assertEquals(overlaps("5:41"), badInput(concat("198.51.100.0/24 . 20-30, 198.51.100.128/25 . 30-40")));
        assertEquals(overlaps("5:41"), badInput(concat("198.51.100.0/24 . 20-30, 198.51.100.0/25 . 0-25")));
        assertEquals(overlaps("6:41"), badInput(concat("198.51.100.0/24 . 20-30, 198.51.100.10 . 25").replace("\t\telements",
                "\t\tauto-merge\n\t\telements")));
        assertEquals(overlaps("12:22"), badInput(concat("198.51.100.0/24 . 20-30") + "add element ip f s { 198.51.100.0/25 . 10-25 }\n"));
        assertEquals(overlaps("9:51"), badInput(concat("198.51.100.0/24 . 20-30").replace("@s",
                "{ 198.51.100.0/24 . 20-30, 198.51.100.10 . 25 }")));
    }

    @Test
    void aConcatenatedElementEnclosingOneBeforeItOrGivenTwiceIsTakenAsTheKernelTakesIt() throws Exception {
        // the enclosing elements' ends lie outside the smaller ones, so the kernel takes them, and a packet matches
        final String r = concat("198.51.100.10 . 25, 198.51.100.0/24 . 20-30, 198.51.100.0/24 . 20-30, 10.0.0.0/8 . 21")
                + "add element ip f s { 198.51.0.0/16 . 10-40 }\n";
        assertTrue(trace(r, 21).startsWith("delivered to server"), trace(r, 21));
        assertTrue(trace(r, 41).startsWith("dropped by fw"), trace(r, 41));
    }

    @Test
    void aConcatenatedIntervalMapWithOneKeyTwiceIsRefusedAtTheSecondAsWritten() throws Exception {
        // nft sends concatenations unsorted: the kernel refuses the second, where it once was named at the first
        assertEquals(exists("5:45"), badInput("table ip f {\n\tmap m {\n\t\ttype ipv4_addr . inet_service : verdict\n"
                + "\t\tflags interval\n\t\telements = { 10.0.0.0/8 . 20-30 : accept, 10.0.0.0/8 . 20-30 : drop }\n\t}\n}\n"));
    }
}
