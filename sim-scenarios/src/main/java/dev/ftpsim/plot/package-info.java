/**
 * The pictures of runs and sweeps: a small chart kit drawn once onto a {@link dev.ftpsim.plot.Canvas}
 * and painted twice, as SVG ({@link dev.ftpsim.plot.SvgCanvas}) and as PNG
 * ({@link dev.ftpsim.plot.PngCanvas}).
 *
 * <h2>Theory of operation</h2>
 * A {@link dev.ftpsim.plot.Figure} stacks panels under a title. Each panel is one chart:
 * {@link dev.ftpsim.plot.StepChart} (series against time, a limit line, event ticks),
 * {@link dev.ftpsim.plot.PointChart} (means with interval whiskers, grouped by category, side by
 * side, never joined), {@link dev.ftpsim.plot.StackedBarChart} (shares of a whole on 0 to 1) and
 * {@link dev.ftpsim.plot.HeatmapChart} (a mean per pair of values). Value axes
 * ({@link dev.ftpsim.plot.Axis}) step by 1, 2 or 5 times a power of ten, and counts by whole
 * numbers.
 *
 * <p>Why not a chart library: the one used before drew every letter as a filled outline, so the
 * SVGs held no text a reader or a test could find and weighed hundreds of kilobytes to megabytes,
 * and it had no grouped categories or stacked shares with whiskers. Here text is
 * {@code <text>}, a series one {@code <polyline>} of at most four points per pixel column, and
 * groups carry a {@code class} naming their role, so a figure is a few kilobytes and its content
 * can be checked.
 */
package dev.ftpsim.plot;
