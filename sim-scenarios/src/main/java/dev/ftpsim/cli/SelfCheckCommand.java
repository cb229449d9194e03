package dev.ftpsim.cli;

import dev.ftpsim.core.kernel.KernelSelfCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the kernel self-check: a hold-model workload twice, proving ordering and determinism. */
@Command(name = "selfcheck",
        mixinStandardHelpOptions = true,
        description = "Check the simulation kernel: event ordering, determinism and speed.",
        footer = {"", "Examples:", "  ftpsim selfcheck", "  ftpsim selfcheck --events 10000000 --pending 100000"})
final class SelfCheckCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--events", paramLabel = "N", defaultValue = "2000000",
            description = "Events to execute per run (default: ${DEFAULT-VALUE}).")
    long events;

    @CommandLine.Option(names = "--pending", paramLabel = "N", defaultValue = "10000",
            description = "Events kept pending, the hold model's queue size (default: ${DEFAULT-VALUE}).")
    int pending;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        if (events <= 0 || pending <= 0) {
            throw new IllegalArgumentException("--events and --pending must be positive");
        }
        out.println("ftpsim " + Main.version() + " — kernel self-check");
        final KernelSelfCheck.Result a = KernelSelfCheck.run(42, pending, events);
        final KernelSelfCheck.Result b = KernelSelfCheck.run(42, pending, events);
        out.printf("  %-28s %s%n", "events executed", a.executed());
        out.printf("  %-28s %s%n", "order (time, seq) kept", a.ordered() ? "yes" : "NO");
        out.printf("  %-28s %016x%n", "trace checksum", a.checksum());
        out.printf("  %-28s %s%n", "same seed, same trace", a.checksum() == b.checksum() ? "yes" : "NO");
        out.printf(java.util.Locale.ROOT, "  %-28s %.1f M events/s%n", "speed", b.executed() / (b.wallNanos() / 1e9) / 1e6);
        out.flush();
        final boolean ok = a.ordered() && b.ordered() && a.checksum() == b.checksum();
        out.println(ok ? "self-check passed" : "self-check FAILED");
        return ok ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
