package dev.ftpsim.cli;

import dev.ftpsim.run.ChannelReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim channels}: the channels each FTP mode needs through a packet filter, derived from packets. */
@Command(name = "channels",
        mixinStandardHelpOptions = true,
        description = {"Show the channels a packet filter in front of an FTP server must open, per mode.",
            "They are derived from the packets of one unfiltered session per mode, written in the first",
            "source's words, each with a rule you can paste."},
        footer = {"", "Example:", "  ftpsim channels"})
final class ChannelsCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--seed", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        out.print(ChannelReport.render(ChannelReport.sources(seed)));
        out.flush();
        return Main.EXIT_OK;
    }
}
