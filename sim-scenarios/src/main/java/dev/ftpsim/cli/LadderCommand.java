package dev.ftpsim.cli;

import dev.ftpsim.api.Ftpsim;
import dev.ftpsim.api.RunResult;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.ladder.LadderRenderer;
import dev.ftpsim.run.FolderLock;
import dev.ftpsim.run.OutputFolder;
import dev.ftpsim.run.Results;
import dev.ftpsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim ladder FILE [--session N]}: one FTP session through every firewall, packet by packet. */
@Command(name = "ladder",
        mixinStandardHelpOptions = true,
        description = {"Draw a ladder diagram of one FTP session through every firewall on its path.",
            "Control and data connections, each packet, and where a packet was dropped, by which rule or"
                + " conntrack decision. Writes ladder.svg (for people) and ladder.mmd (Mermaid, for documents)."},
        footer = {"", "Example:", "  ftpsim ladder examples/passive-stateful-server-fw.yaml --out runs/ladder"})
final class LadderCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file.")
    Path file;

    @CommandLine.Option(names = "--session", paramLabel = "N", defaultValue = "0",
            description = "Session of the first client population (default: ${DEFAULT-VALUE}).")
    int session;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<scenario name>).")
    Path out;

    @CommandLine.Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the scenario's).")
    Long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the lock is held by being open, never referenced
    public Integer call() throws Exception {
        OptionChecks.seedAndThreads(spec, seed, null);
        final Scenario s = ScenarioRun.load(spec, file);
        if (s == null) {
            return Main.EXIT_BAD_INPUT;
        }
        if (s.ftp().clients().isEmpty() || session < 0 || session >= s.ftp().clients().get(0).sessions()) {
            final int n = s.ftp().clients().isEmpty() ? 0 : s.ftp().clients().get(0).sessions();
            spec.commandLine().getErr().println("--session " + session + ": the first client population has "
                    + (n == 0 ? "no sessions" : n == 1 ? "one session, number 0" : n + " sessions, numbered 0 to "
                    + (n - 1)));
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        final Path dir = out != null ? out : Path.of("runs", s.name());
        try (FolderLock lock = OutputFolder.lock(dir)) { // checked before the run, not written while a run replaces it
            java.nio.file.Files.createDirectories(dir);
            return ladder(s, dir);
        }
    }

    private int ladder(final Scenario s, final Path dir) throws java.io.IOException {
        final PrintWriter o = spec.commandLine().getOut();
        final RunResult run = Ftpsim.ladder(s, seed != null ? seed : s.seed(), session);
        FtpSessionRecord rec = null;
        for (final Results.Row row : run.sessions()) {
            // Session N of the first population: its index, on the host the ladder follows.
            final FtpSessionRecord.Identity id = row.record().identity();
            if (id.session() == session && id.client().equals(run.ladder().clientName())) {
                rec = row.record();
                break;
            }
        }
        final long from = rec == null ? 0 : rec.timings().start();
        final long to = rec == null || rec.timings().end() < 0 ? run.simulatedNanos() : rec.timings().end();
        final List<LadderEvent> events = run.ladder().events(from, to);
        final String title = s.name() + ", session " + session
                + (rec == null ? "" : rec.ok() ? ": ok" : ": " + rec.reasonText());
        Results.atomicWrite(dir.resolve("ladder.svg"), LadderRenderer.svg(run.ladder().nodes(), events, title));
        Results.atomicWrite(dir.resolve("ladder.mmd"), LadderRenderer.mermaid(run.ladder().nodes(), events, title));
        o.printf("%s: %d arrows, %d dropped. Wrote %s and %s%n", title, events.size(),
                events.stream().filter(e -> e.kind() == LadderEvent.Kind.DROPPED).count(), dir.resolve("ladder.svg"),
                dir.resolve("ladder.mmd"));
        o.flush();
        return Main.EXIT_OK;
    }
}
