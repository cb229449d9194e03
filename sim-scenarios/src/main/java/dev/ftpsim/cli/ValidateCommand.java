package dev.ftpsim.cli;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try {
            final Scenario s = ScenarioLoader.load(file);
            out.printf("%s: valid (%d hosts, %d routers, %d links, %d firewalls, %d client populations%s)%n", file,
                    s.hosts().size(), s.routers().size(), s.links().size(), s.firewalls().size(),
                    s.ftp().clients().size(), s.sweep() == null ? "" : ", sweep of " + s.sweepPoints().size() + " points");
            out.flush();
            return Main.EXIT_OK;
        } catch (final ScenarioException e) {
            err.println(e.getMessage());
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
    }
}
