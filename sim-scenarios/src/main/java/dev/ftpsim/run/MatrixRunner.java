package dev.ftpsim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the matrix, one simulation per cell, rows in parallel on all cores. Each simulation is
 * single-threaded and seeded alike, so the results do not depend on the thread count.
 */
public final class MatrixRunner {
    private MatrixRunner() {}

    /**
     * Every cell's result, row by row in table order, each row's cells in its sweep's order; with
     * {@code pcapRoot} set, each cell's pcaps in its own folder there, cut at {@code snaplen} bytes
     * per packet (null: the scenarios' own, all of it).
     */
    public static List<SeedMatrix.Result> run(final long seed, final int threads, final java.nio.file.Path pcapRoot,
            final Integer snaplen) {
        final List<SeedMatrix.Setup> setups = SeedMatrix.setups();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            final Thread t = new Thread(r, "ftpsim-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<Future<List<SeedMatrix.Result>>> futures = new ArrayList<>();
            for (final SeedMatrix.Setup s : setups) {
                futures.add(pool.submit(() -> SeedMatrix.run(s, seed, pcapRoot, snaplen)));
            }
            final List<SeedMatrix.Result> out = new ArrayList<>();
            for (final Future<List<SeedMatrix.Result>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("a simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
