package dev.ftpsim.cli;

import dev.ftpsim.run.ChannelReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim channels [FILE]}: the channels FTP needs through a packet filter, derived from
 * packets: for a scenario file, at each of its firewalls (run with every firewall open); without
 * one, for each mode in front of a server.
 */
@Command(name = "channels",
        mixinStandardHelpOptions = true,
        description = {"Show the channels a packet filter in front of an FTP server must open, per mode.",
            "They are derived from the packets of one unfiltered session per mode, written in the first"
                + " source's words, each with a rule you can paste."},
        footer = {"", "Examples:", "  ftpsim channels", "  ftpsim channels examples/passive-stateful-server-fw.yaml"})
final class ChannelsCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", arity = "0..1",
            description = "Scenario file: the channels at each of its firewalls.")
    java.nio.file.Path file;

    @CommandLine.Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        OptionChecks.seedAndThreads(spec, seed, null);
        final PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            out.print(ChannelReport.render(ChannelReport.sources(seed)));
            out.flush();
            return Main.EXIT_OK;
        }
        final dev.ftpsim.scenario.Scenario s = ScenarioRun.load(spec, file);
        if (s == null) {
            return Main.EXIT_BAD_INPUT;
        }
        out.print(ChannelReport.renderScenario(dev.ftpsim.api.Ftpsim.channels(s, s.seed()),
                "channels its FTP traffic needs (derived with every firewall open; a packet filter must open them)"));
        out.flush();
        return Main.EXIT_OK;
    }
}
