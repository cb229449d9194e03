package dev.ftpsim.cli;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim validate FILE}: checks a scenario file and lists every error at once. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a scenario file without running it; every error is listed with file, line, column and key.",
        footer = {"", "Example:", "  ftpsim validate examples/passive-stateful-server-fw.yaml"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file (YAML or JSON).")
    Path file;

    @CommandLine.Option(names = "--json", description = "Print one JSON document on stdout: valid, the counts, or the errors.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try {
            final Scenario s = Warmup.load(file);
            if (json) {
                final java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("file", file.toString());
                doc.put("valid", true);
                doc.put("hosts", s.hosts().size());
                doc.put("routers", s.routers().size());
                doc.put("links", s.links().size());
                doc.put("firewalls", s.firewalls().size());
                doc.put("populations", s.ftp().clients().stream().map(c -> c.name()).toList());
                doc.put("sweepPoints", s.sweep() == null ? 0 : s.sweepPoints().size());
                doc.put("errors", java.util.List.of());
                out.print(dev.ftpsim.run.Results.toJsonForStdout(doc));
                out.flush();
                return Main.EXIT_OK;
            }
            out.printf(java.util.Locale.ROOT, "%s: valid (%d hosts, %d routers, %d links, %d firewalls, %d client populations%s)%n", file,
                    s.hosts().size(), s.routers().size(), s.links().size(), s.firewalls().size(),
                    s.ftp().clients().size(), s.sweep() == null ? "" : ", sweep of " + s.sweepPoints().size() + " points");
            out.flush();
            return Main.EXIT_OK;
        } catch (final ScenarioException e) {
            if (json) {
                final java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("file", file.toString());
                doc.put("valid", false);
                doc.put("errors", e.errors());
                out.print(dev.ftpsim.run.Results.toJsonForStdout(doc));
                out.flush();
                return Main.EXIT_BAD_INPUT;
            }
            err.println(e.getMessage());
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
    }
}
