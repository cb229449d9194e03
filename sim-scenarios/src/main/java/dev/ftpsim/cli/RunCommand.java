package dev.ftpsim.cli;

import dev.ftpsim.core.units.Units;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.run.MatrixRunner;
import dev.ftpsim.run.SeedMatrix;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ftpsim run}: with no scenario file, the sources' active/passive x firewall matrix. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run the sources' matrix: every firewall setup of the two source documents, in active",
            "and passive mode, one simulated FTP download per cell."},
        footer = {"", "Examples:", "  ftpsim run", "  ftpsim run --seed 7"})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--seed", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Option(names = "--threads", description = "Simulations run at once (default: the number of cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final long t0 = System.nanoTime();
        final List<SeedMatrix.Result> results = MatrixRunner.run(seed,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        final double wall = (System.nanoTime() - t0) / 1e9;
        out.println(matrix(results));
        long ok = results.stream().filter(r -> r.record().ok()).count();
        out.printf("%d of %d sessions succeeded. Seed %d, %d simulations in %.1f s of wall time.%n", ok, results.size(),
                seed, results.size(), wall);
        out.println("Each cell: login and download of 1 MB through client -- fw -- server (100 Mbps, 5 ms links).");
        out.flush();
        return Main.EXIT_OK;
    }

    static String matrix(final List<SeedMatrix.Result> results) {
        final TextTable t = new TextTable("firewall setup", "source", "active (PORT)", "passive (PASV)");
        for (int i = 0; i < results.size(); i += 2) {
            final SeedMatrix.Result a = results.get(i);
            final SeedMatrix.Result p = results.get(i + 1);
            if (a.mode() != DataMode.PORT || p.mode() != DataMode.PASV || a.setup() != p.setup()) {
                throw new IllegalStateException("matrix results out of order");
            }
            t.row(a.setup().name(), a.setup().source(), cell(a.record()), cell(p.record()));
        }
        return t.render();
    }

    private static String cell(final FtpSessionRecord r) {
        if (r.ok()) {
            return "ok    " + Units.formatSize(r.bytes()) + " in " + seconds(r.end() - r.start());
        }
        return "FAIL  " + r.reason() + (r.lastReplyCode() != 0 && !r.reason().startsWith(String.valueOf(r.lastReplyCode()))
                ? " (last reply " + r.lastReplyCode() + ")" : "");
    }

    private static String seconds(final long ns) {
        return String.format("%.2f s", ns / 1e9);
    }
}
