package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML tags and nesting beyond the limit are bad input at their position, not an internal error. */
class YamlTagsAndDeepNestingAreRefusedTest {
    @Test
    void aBinaryTagIsRefusedWhereItIsWritten() {
        assertEquals(List.of("t.yaml:9:7: YAML tag !!binary is not supported: write plain values, lists and mappings"),
                errors(NET + "name: !!binary aGVsbG8=\n"));
    }

    @Test
    void aSetTagIsRefused() {
        assertEquals(List.of("t.yaml:9:9: YAML tag !!set is not supported: write plain values, lists and mappings"),
                errors(NET + "record: !!set { pcap, timeseries }\n"));
    }

    @Test
    void aCustomTagIsRefused() {
        assertEquals(List.of("t.yaml:2:11: YAML tag !foo is not supported: write plain values, lists and mappings"),
                errors(NET.replace("client: {", "client: !foo {")));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWhereTheLimitIsCrossed() {
        final String deep = "[".repeat(200) + "]".repeat(200);
        assertEquals(List.of("t.yaml:9:71: nested deeper than 64 levels of mappings and lists"),
                errors(NET + "sweep: " + deep + "\n"));
    }

    @Test
    void aMillionOpenBracketsAreRefusedQuickly() {
        assertEquals(List.of("t.yaml:1:65: nested deeper than 64 levels of mappings and lists"),
                errors("[".repeat(1_000_000)));
    }
}
