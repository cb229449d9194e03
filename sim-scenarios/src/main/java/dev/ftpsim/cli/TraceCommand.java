package dev.ftpsim.cli;

import dev.ftpsim.plot.Markup;
import dev.ftpsim.run.PacketTrace;
import dev.ftpsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim trace FILE --packet "..." | --session [POPULATION#]N}: every hook, chain, rule and
 * verdict a packet meets on the firewalls of its path, as {@code nft monitor trace} prints them.
 */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        description = {"Show what a packet meets on each firewall of its path, like 'nft monitor trace':",
            "per hook and chain the packet, each rule that decided or jumped with its verdict, the policy,"
                + " the conntrack state and the NAT applied.",
            "--packet injects one packet at time 0 (the static question: is this flow allowed?); --session runs"
                + " the scenario and traces the first packet of each connection of one FTP session."},
        footer = {"", "Examples:",
            "  ftpsim trace examples/passive-stateful-server-fw.yaml \\",
            "      --packet \"tcp 198.51.100.10:40000 > 203.0.113.10:21 syn\"",
            "  ftpsim trace examples/passive-stateful-server-fw.yaml --session 0"})
final class TraceCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file.")
    Path file;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** One of the two questions. */
    static final class What {
        @CommandLine.Option(names = "--packet", paramLabel = "PACKET", description = {
            "The packet: 'tcp SRC:PORT > DST:PORT [syn|ack|fin|rst|psh...]' (default syn),"
                + " 'udp SRC:PORT > DST:PORT' or 'icmp SRC > DST'; IPv6 addresses with a port in brackets,"
                + " '[2001:db8::1]:40000', and 'icmpv6 SRC > DST'."})
        String packet;

        @CommandLine.Option(names = "--session", paramLabel = "[POPULATION#]N", description = {
            "Session N (from 0) of the client population named POPULATION, as sessions.csv names sessions;"
                + " without POPULATION#, of the first population."})
        String session;
    }

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's).")
    Long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        OptionChecks.seedAndThreads(spec, seed, null);
        PacketTrace.Spec packet = null;
        if (what.packet != null) {
            try {
                packet = PacketTrace.Spec.parse(what.packet);
            } catch (IllegalArgumentException e) {
                return bad("--packet " + what.packet + ": " + e.getMessage());
            }
        }
        final Scenario s = ScenarioRun.load(spec, file);
        if (s == null) {
            return Main.EXIT_BAD_INPUT;
        }
        final long sd = seed != null ? seed : s.seed();
        final List<String> lines;
        if (packet != null) {
            try {
                lines = PacketTrace.packet(s, sd, packet);
            } catch (PacketTrace.Unsendable e) { // what else the engine refuses is its bug: exit 3 (Main)
                return bad("--packet " + what.packet + ": " + e.getMessage());
            }
        } else {
            final int[] ps = new int[2];
            final String problem = LadderCommand.parseSession(s, what.session, ps);
            if (problem != null) {
                return bad("--session " + what.session + ": " + problem);
            }
            lines = PacketTrace.session(s, sd, ps[0], ps[1]);
        }
        final PrintWriter o = spec.commandLine().getOut();
        lines.forEach(l -> o.println(Markup.visible(l))); // a rule's comment is shown, not obeyed, by the terminal
        o.flush();
        return Main.EXIT_OK;
    }

    private int bad(final String message) {
        spec.commandLine().getErr().println(message);
        spec.commandLine().getErr().flush();
        return Main.EXIT_BAD_INPUT;
    }
}
