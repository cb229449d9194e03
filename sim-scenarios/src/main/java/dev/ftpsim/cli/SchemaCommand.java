package dev.ftpsim.cli;

import dev.ftpsim.run.AtomicFiles;
import dev.ftpsim.scenario.ScenarioSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim schema}: the JSON Schema of scenario files, for editors that complete and check keys. */
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of scenario files (draft-07), made from the keys the loader accepts.",
            "With the YAML language server (VS Code's YAML extension and others), a first line",
            "  # yaml-language-server: $schema=<path or URL of this file>",
            "makes the editor complete and check a scenario's keys; docs/scenario.schema.json is a copy."},
        footer = {"", "Example:", "  ftpsim schema --out scenario.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--out", paramLabel = "FILE", description = "Write it to FILE instead of standard output.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final String text = ScenarioSchema.text();
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.replace(out, text);
        }
        return Main.EXIT_OK;
    }
}
