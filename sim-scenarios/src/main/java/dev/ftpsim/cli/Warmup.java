package dev.ftpsim.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ftpsim.run.Results;
import dev.ftpsim.run.SummaryBuilder;
import java.util.Locale;
import java.util.Map;

/**
 * The libraries a small run uses first, made ready on the second core while the first builds the
 * command line: the YAML parser (the scenario is read next), the number formatter (the time
 * series' first sample) and the JSON mapper with the summary's serializers (summary.json, after
 * the simulation). Each costs a small run tens of milliseconds on first use, mostly class
 * initialisation in the interpreter; done here, the run finds them ready. Only libraries and
 * stateless code are touched, so nothing a run computes can change; a failure here is left for
 * the run itself to meet and report.
 */
final class Warmup {
    private Warmup() {}

    /** Starts the warm-up for {@code run} (everything) or {@code validate} (the parser alone). */
    static void start(final boolean run) {
        final Thread t = new Thread(() -> {
            try {
                yaml();
                if (run) {
                    String.format(Locale.ROOT, "%.3f %,d", 0.5, 1000); // as the run's tables and files do
                    Results.toJson(new SummaryBuilder().build("", 0, Map.of()));
                }
            } catch (final Exception | LinkageError e) {
                // Only time was at stake: the run meets the same failure and reports it.
            }
        }, "ftpsim-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void yaml() throws java.io.IOException {
        try (JsonParser p = new YAMLFactory().createParser("a: [1, 'b', {c: 2.5}]\n")) {
            while (p.nextToken() != null) {
                p.getCurrentLocation();
            }
        }
    }
}
