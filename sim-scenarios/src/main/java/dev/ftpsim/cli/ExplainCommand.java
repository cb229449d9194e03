package dev.ftpsim.cli;

import dev.ftpsim.explain.Explainer;
import dev.ftpsim.explain.Explanation;
import dev.ftpsim.run.Results;
import dev.ftpsim.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim explain FILE}: why each failing client population fails, and which single
 * change to the scenario makes it succeed, tried by simulation with the same seed.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {"Explain a scenario's failures: for each failing client population the failure chain in words",
            "(which firewall dropped the data connection by which rule, what the client read), then candidate fixes",
            "(the FTP helper, the passive address, another mode, the passive range, keepalive, conntrack limits,",
            "promiscuity, a wider passive range, a refused login's account, max-time, proftpd's no-transfer timeout),",
            "each applied to a copy of the scenario and run with the same seed; the keys or rules to add are listed",
            "for each fix that works. A population a firewall's own drop rule keeps out is said to be kept out."},
        footer = {"", "Example:", "  ftpsim explain examples/passive-stateful-server-fw.yaml"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file (YAML or JSON).")
    Path file;

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's).")
    Long seed;

    @CommandLine.Option(names = "--json", description = "Print one JSON document on stdout instead (docs/results-format.md).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How {@link Drawings} names what this command makes. */
    static final String WHAT = "the explanation";

    @Override
    public Integer call() throws IOException {
        OptionChecks.seedAndThreads(spec, seed, null);
        final PrintWriter out = spec.commandLine().getOut();
        final Explainer e;
        final long s;
        try {
            e = Explainer.of(file);
            s = seed != null ? seed : e.scenario().seed();
        } catch (final ScenarioException x) {
            spec.commandLine().getErr().println(x.getMessage());
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        // The scenario loaded: what throws now is ftpsim's bug, never bad input (exit 2), whatever its class.
        final Drawings explaining = new Drawings();
        final Explanation x = explaining.attempt(WHAT, () -> {
            try {
                return e.explain(s);
            } catch (final ScenarioException impossible) {
                throw new IllegalStateException("the scenario loaded once and not again", impossible);
            }
        });
        if (x == null) {
            spec.commandLine().getErr().println("ftpsim: " + dev.ftpsim.plot.Markup.visible(explaining.problem(WHAT)));
            spec.commandLine().getErr().flush();
            return Main.EXIT_INTERNAL;
        }
        out.print(json ? Results.toJsonForStdout(x) : x.markdown());
        out.flush();
        return Main.EXIT_OK;
    }
}
