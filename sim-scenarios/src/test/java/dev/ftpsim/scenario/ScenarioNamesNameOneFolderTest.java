package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code name} names the folder runs/NAME: nothing that leads elsewhere or cannot be a file name. */
class ScenarioNamesNameOneFolderTest {
    private static List<String> nameErrors(final String yamlValue) {
        return errors("name: " + yamlValue + "\n" + NET);
    }

    @Test
    void aNameThatLeadsOutOfRunsIsRefusedAtItsPosition() {
        assertEquals(List.of("t.yaml:1:7: name: the name contains '/': it names one folder under runs/, so it may not"
                + " contain '/' or '\\'"), nameErrors("../../x"));
        assertEquals(List.of("t.yaml:1:7: name: the name contains '\\': it names one folder under runs/, so it may"
                + " not contain '/' or '\\'"), nameErrors("'a\\b'"));
        assertEquals(List.of("t.yaml:1:7: name: the name contains '..': it names one folder under runs/, and may not"
                + " lead out of it"), nameErrors(".."));
        assertEquals(List.of("t.yaml:1:7: name: the name '.' names no folder of its own under runs/"),
                nameErrors("'.'"));
    }

    @Test
    void aNameWithAControlCharacterIsRefusedBeforeAnythingRuns() {
        assertEquals(List.of("t.yaml:1:7: name: the name has the control character U+0000 at character 2: it names"
                + " the output folder runs/NAME"), nameErrors("\"a\\0b\""));
        assertEquals(List.of("t.yaml:1:7: name: the name has the control character U+0009 at character 1: it names"
                + " the output folder runs/NAME"), nameErrors("\"\\tx\""));
    }

    @Test
    void anEmptyOrOverlongNameIsRefused() {
        assertEquals(List.of("t.yaml:1:7: name: the name is empty: it names the output folder runs/NAME"),
                nameErrors("''"));
        assertEquals(List.of("t.yaml:1:7: name: the name has 201 characters: at most 200 (it names a folder)"),
                nameErrors("n".repeat(201)));
    }
}
