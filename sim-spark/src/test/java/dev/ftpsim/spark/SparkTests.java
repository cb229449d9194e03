package dev.ftpsim.spark;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.cli.Main;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import dev.ftpsim.sweep.Sweep;
import dev.ftpsim.sweep.SweepOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** What the Spark tests share: one local[2] context for the whole test JVM, and the tiny sweep. */
final class SparkTests {
    private static JavaSparkContext context;

    private SparkTests() {
    }

    /** Started once (Spark allows one context per JVM), stopped when the test JVM exits. */
    static synchronized JavaSparkContext spark() {
        if (context == null) {
            context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("ftpsim tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1"));
            final JavaSparkContext sc = context;
            Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
        }
        return context;
    }

    /** Copies the tiny sweep and the ruleset it loads (from ../nft) into {@code dir}; returns the scenario file. */
    static Path tinySweep(final Path dir) throws IOException {
        for (final String name : new String[] {"sweep/tiny-sweep.yaml", "nft/server-fw.nft"}) {
            final Path to = dir.resolve(name);
            Files.createDirectories(to.getParent());
            try (InputStream in = SparkTests.class.getResourceAsStream("/" + name)) {
                Files.copy(in, to);
            }
        }
        return dir.resolve("sweep/tiny-sweep.yaml");
    }

    /** What {@code ftpsim sweep FILE --out out --threads 1 --no-progress} does. */
    static void localSweep(final Path file, final Path out) throws Exception {
        final SourceFiles read = new SourceFiles();
        final Scenario s = ScenarioLoader.load(file, read);
        final ScenarioSweep sweep = ScenarioSweep.of(s, s.seed(), ScenarioSweep.inputs(file, s, Main.version(), read));
        Sweep.run(sweep.spec(), sweep.task(), options(out));
    }

    /** What {@code SparkSweep FILE} does, with these options. */
    static SparkSweep.Outcome sparkSweep(final Path file, final SweepOptions opts) throws Exception {
        final SourceFiles read = new SourceFiles();
        return SparkSweep.run(spark(), file, ScenarioLoader.load(file, read), read, null, opts);
    }

    /** One simulation at a time, so the journal lists points in their order, as the Spark path does. */
    static SweepOptions options(final Path out) {
        return SweepOptions.in(out).withThreads(1).withProgress(SweepOptions.Progress.OFF);
    }

    /** Every file a sweep wrote into {@code dir} (the lock file aside), by name. */
    static Map<String, String> files(final Path dir) throws IOException {
        final Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (final Path p : all.toList()) {
                final String n = p.getFileName().toString();
                if (!n.equals(".sweep.lock")) {
                    m.put(n, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }
}
