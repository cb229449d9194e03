package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors about a ruleset speak of what the user wrote: no loader record printed with its fields
 * and the absolute path of the file ({@code Load[field=ip saddr, pos=/home/...]}), no JSON
 * parser feature switches ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}) or source
 * descriptions. Bad input through the command line: exit 2, nothing written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RulesetErrorsAreWordedForUsersTest {
    @TempDir
    Path dir;

    private String badInput(final String file, final String ruleset) throws Exception {
        Files.writeString(dir.resolve(file), ruleset);
        return HostileCorpus.refusedByValidateAndRun(Files.writeString(dir.resolve("s.yaml"), HostileCorpus.NFT + file + "\n"));
    }

    private String at(final String file, final String rest) {
        return dir.resolve("s.yaml") + ":11:10: firewall.fw.nft: " + file + ":" + rest;
    }

    private static String rule(final String rule) {
        return "table inet filter {\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n    "
                + rule + "\n  }\n}\n";
    }

    @Test
    void settingAFieldThatCannotBeSetNamesTheField() throws Exception {
        assertEquals(at("fw.nft", "4:14: setting 'ip saddr' is not modelled"), badInput("fw.nft", rule("ip saddr set 1.2.3.4")));
        assertEquals(at("fw.nft", "4:26: setting 'ip saddr . tcp dport' is not modelled"),
                badInput("fw.nft", rule("ip saddr . tcp dport set 1")));
    }

    @Test
    void aCommentInNftJsonIsNamedAsSuch() throws Exception {
        assertEquals(at("fw.json", "1:15: not valid JSON: JSON has no comments (found '/')"),
                badInput("fw.json", "{\"nftables\": [/* c */]}\n"));
    }

    @Test
    void aNanInNftJsonIsNotANumber() throws Exception {
        assertEquals(at("fw.json", "1:18: not valid JSON: 'NaN' is not a JSON number"),
                badInput("fw.json", "{\"nftables\": [NaN]}\n"));
    }

    @Test
    void anUnclosedArrayInNftJsonSaysWhatIsMissing() throws Exception {
        assertEquals(at("fw.json", "2:1: not valid JSON: the file ends inside an array: a ']' is missing"),
                badInput("fw.json", "{\"nftables\": [\n"));
    }

    @Test
    void aTabInAStringSaysHowToWriteIt() throws Exception {
        assertEquals(at("fw.json", "1:17: not valid JSON: a control character inside a string must be written as an"
                + " escape (\\t, \\n, \\u0009...)"), badInput("fw.json", "{\"nftables\": [\"a\tb\"]}\n"));
    }
}
