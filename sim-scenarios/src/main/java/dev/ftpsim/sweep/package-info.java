/**
 * Parameter sweeps, independent of the scenario format.
 *
 * <h2>Theory of operation</h2>
 * A {@link dev.ftpsim.sweep.SweepSpec} is an ordered list of points, a replication count and a
 * master seed. {@link dev.ftpsim.sweep.Sweep#run} runs every (point, replication) once on a fixed
 * thread pool, each with the seed {@link dev.ftpsim.sweep.SweepSeeds#seed} derives, so the numbers
 * do not depend on the thread count or on the order in which tasks finish.
 *
 * <p>Before any point runs, {@code sweep.json} names the sweep. When the last replication of a
 * point finishes, the point's raw metric values go to the journal ({@code points.jsonl}: one
 * fsync'd line per finished point; rewritten in the points' order once all are in), and {@code results.csv} (per point) and {@code runs.csv} (per replication) are
 * rewritten atomically from the journal's content.
 * A second run with the same output folder reads the journal, refuses it if {@code sweep.json} names
 * another sweep (other points, replications, seed, or other {@code inputs}: the digest of the
 * files and program version the results depend on, so an edited scenario is never resumed), and
 * runs only the missing points; {@link dev.ftpsim.sweep.SweepOptions#restart} starts over. Because {@code results.csv} is always computed
 * from the journaled values (doubles written in their shortest exact form) and in the points'
 * order, a resumed sweep's final file is byte-identical to an uninterrupted one's.
 *
 * <p>At the end, one plot per metric ({@code plot-<metric>.png} and {@code .svg}) shows the
 * mean and 95% interval of each point, grouped by the first varied parameter (see
 * {@code SweepPlots}).
 *
 * <p>Files in the output folder: {@code sweep.json} and {@code points.jsonl} (the journal, the
 * only state a resume reads), {@code results.csv}, {@code runs.csv}, the plots, and {@code .sweep.lock}, an OS file lock held while a
 * sweep runs so that a second sweep into the same folder is refused rather than duplicating work
 * (the same {@link dev.ftpsim.run.FolderLock} that keeps two runs out of one output folder).
 */
package dev.ftpsim.sweep;
