package dev.ftpsim.cli;

import dev.ftpsim.plot.Markup;
import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.run.FolderLock;
import dev.ftpsim.run.LadderDrawing;
import dev.ftpsim.run.OutputFolder;
import dev.ftpsim.run.Results;
import dev.ftpsim.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim ladder FILE [--session [POPULATION#]N]}: one FTP session through every firewall, packet by packet. */
@Command(name = "ladder",
        mixinStandardHelpOptions = true,
        description = {"Draw a ladder diagram of one FTP session through every firewall on its path.",
            "Control and data connections, each packet, and where a packet was dropped, by which rule or"
                + " conntrack decision. Writes ladder.svg (for people) and ladder.mmd (Mermaid, for documents)."},
        footer = {"", "Example:", "  ftpsim ladder examples/passive-stateful-server-fw.yaml --out runs/ladder"})
final class LadderCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "Scenario file.")
    Path file;

    @CommandLine.Option(names = "--session", paramLabel = "[POPULATION#]N", defaultValue = "0",
            description = {"Session N (from 0) of the client population named POPULATION, as sessions.csv names"
                + " sessions (its host, or <host>-1, <host>-2 with several on one host); without POPULATION#, of the"
                + " first population (default: ${DEFAULT-VALUE}).",
                "Example: --session branch#3"})
    String sessionSpec;

    private int population;
    private int session;

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
        final String bad = session(s);
        if (bad != null) {
            spec.commandLine().getErr().println("--session " + sessionSpec + ": " + bad);
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        final Path dir = out != null ? out : Path.of("runs", s.name());
        try (FolderLock lock = OutputFolder.lock(dir)) { // checked before the run, not written while a run replaces it
            java.nio.file.Files.createDirectories(dir);
            return ladder(s, dir);
        }
    }

    /** Reads {@code [POPULATION#]N} into {@link #population} and {@link #session}; the problem, or null. */
    private String session(final Scenario s) {
        final int[] ps = new int[2];
        final String bad = parseSession(s, sessionSpec, ps);
        population = ps[0];
        session = ps[1];
        return bad;
    }

    /** Reads {@code [POPULATION#]N} into {@code out} (population, session); the problem, or null. */
    static String parseSession(final Scenario s, final String sessionSpec, final int[] out) {
        final int hash = sessionSpec.lastIndexOf('#');
        final String name = hash < 0 ? null : sessionSpec.substring(0, hash);
        // By the population's name, as sessions.csv names sessions; a host with one population also by the host.
        final List<String> names = s.ftp().clients().stream().map(c -> c.name()).toList();
        final List<String> hosts = s.ftp().clients().stream().map(c -> c.host()).toList();
        int population = name == null ? 0 : names.indexOf(name);
        if (population < 0 && name != null && hosts.indexOf(name) >= 0 && hosts.indexOf(name) == hosts.lastIndexOf(name)) {
            population = hosts.indexOf(name);
        }
        out[0] = population;
        if (names.isEmpty()) {
            return "the scenario has no client population";
        }
        if (population < 0) {
            return "no client population is named '" + name + "'; populations: " + String.join(", ", names);
        }
        final int n = s.ftp().clients().get(population).sessions();
        final String pop = name == null ? "the first client population" : "population " + names.get(population);
        final int session;
        try {
            session = Integer.parseInt(sessionSpec.substring(hash + 1));
        } catch (NumberFormatException e) {
            return "expected [POPULATION#]N, N a session number from 0";
        }
        out[1] = session;
        if (session < 0 || session >= n) {
            return pop + " has " + (n == 1 ? "one session, number 0" : n + " sessions, numbered 0 to " + (n - 1));
        }
        return null;
    }

    /** How {@link Drawings} names the drawing, the session's name following. */
    static final String LADDER = "the ladder of session ";

    private int ladder(final Scenario s, final Path dir) throws java.io.IOException {
        final PrintWriter o = spec.commandLine().getOut();
        final String name = (population == 0 && sessionSpec.indexOf('#') < 0 ? "" : s.ftp().clients().get(population).name()
                + "#") + session;
        // The scenario loaded: what throws now is ftpsim's bug, never bad input (exit 2), whatever its class.
        final Drawings drawing = new Drawings();
        final LadderDrawing d = drawing.attempt(LADDER + name, () -> LadderDrawing.draw(s, seed != null ? seed : s.seed(),
                population, session, name));
        if (d == null) {
            spec.commandLine().getErr().println("ftpsim: " + dev.ftpsim.plot.Markup.visible(drawing.problem(LADDER + name))
                    + "; nothing written");
            spec.commandLine().getErr().flush();
            return Main.EXIT_INTERNAL;
        }
        // Both or neither: never one session's picture beside another's.
        final java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(dir.resolve("ladder.svg"), d.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put(dir.resolve("ladder.mmd"), d.mermaid().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dev.ftpsim.run.AtomicFiles.replaceTogether(files);
        // the title and notes hold the scenario's name and rule comments: shown, not obeyed, by the terminal
        o.printf(java.util.Locale.ROOT, "%s: %d arrows, %d dropped. Wrote %s and %s%n", Markup.visible(d.title()), d.arrows(), d.dropped(),
                Markup.visible(dir.resolve("ladder.svg").toString()), Markup.visible(dir.resolve("ladder.mmd").toString()));
        d.events().stream().filter(e -> e.kind() == LadderEvent.Kind.NOTE)
                .forEach(e -> o.println("Note: " + Markup.visible(e.label())));
        o.flush();
        return Main.EXIT_OK;
    }
}
