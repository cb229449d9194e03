package dev.ftpsim.sweep;

import dev.ftpsim.run.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart per metric: mean with 95% error bars against the first varied parameter (a parameter
 * whose value differs between points). One series per combination of the other varied parameters
 * ({@code loss=0.01}); one series when only one varies. A numeric x axis when every x value is a
 * number, else the values as evenly spaced categories in first-seen order. Points whose mean is
 * NaN are left out; error bars are 0 where the interval is unknown (n < 2). In the SVG, text is
 * drawn as paths (VectorGraphics2D's way), so it looks the same without the fonts installed.
 */
final class SweepPlots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    static {
        // Sweeps run on servers without a display; respect an explicit choice.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SweepPlots() {
    }

    /**
     * Writes {@code plot-<metric>.png} and {@code .svg} for each metric (characters other than
     * letters, digits, {@code . _ -} become {@code _}); returns the files.
     */
    static List<Path> write(final Path dir, final SweepSpec spec, final List<PointSummary> rows) throws IOException {
        final List<String> varied = variedParameters(spec);
        final List<Path> files = new ArrayList<>();
        final Set<String> used = new HashSet<>();
        for (final String metric : ResultsCsv.metricNames(rows)) {
            final XYChart chart = chart(metric, varied, rows);
            String base = "plot-" + fileSafe(metric);
            // "a b" and "a_b" would share a file: number the later one.
            for (int k = 2; !used.add(base); k++) {
                base = "plot-" + fileSafe(metric) + "-" + k;
            }
            final Path png = dir.resolve(base + ".png");
            AtomicFiles.replace(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            final var svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            final Path svgFile = dir.resolve(base + ".svg");
            AtomicFiles.replace(svgFile, svg.toByteArray());
            files.add(png);
            files.add(svgFile);
        }
        return files;
    }

    /** Parameters whose value is not the same in every point, in column order. */
    static List<String> variedParameters(final SweepSpec spec) {
        final List<String> varied = new ArrayList<>();
        for (final String p : ResultsCsv.parameterNames(spec)) {
            final Set<String> values = new LinkedHashSet<>();
            spec.points().forEach(pt -> values.add(pt.params().getOrDefault(p, "")));
            if (values.size() > 1) {
                varied.add(p);
            }
        }
        return varied;
    }

    private static XYChart chart(final String metric, final List<String> varied, final List<PointSummary> rows) {
        final String xName = varied.isEmpty() ? "point" : varied.get(0);
        final List<String> xs = new ArrayList<>();
        for (final PointSummary r : rows) {
            xs.add(xValue(r, varied));
        }
        final boolean numeric = xs.stream().allMatch(SweepPlots::isNumber);
        final List<String> categories = new ArrayList<>(new LinkedHashSet<>(xs));

        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(metric + " (mean, 95% CI)").xAxisTitle(xName).yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        if (!numeric) {
            // Categories sit at 0, 1, 2...; label only those ticks.
            chart.getStyler().setXAxisDecimalPattern("0");
            chart.setCustomXAxisTickLabelsFormatter(v -> {
                final long i = Math.round(v);
                return Math.abs(v - i) < 1e-9 && i >= 0 && i < categories.size() ? categories.get((int) i) : "";
            });
        }

        // Series key -> (x, mean, half width) triples, in the points' order.
        final Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (int k = 0; k < rows.size(); k++) {
            final PointSummary r = rows.get(k);
            final MetricSummary s = r.metrics().get(metric);
            final String key = seriesKey(r, varied, metric);
            final List<double[]> pts = series.computeIfAbsent(key, q -> new ArrayList<>());
            if (s == null || Double.isNaN(s.mean()) || Double.isInfinite(s.mean())) {
                continue;
            }
            final double x = numeric ? Double.parseDouble(xs.get(k)) : categories.indexOf(xs.get(k));
            pts.add(new double[] {x, s.mean(), s.halfWidth()});
        }
        boolean any = false;
        for (final var e : series.entrySet()) {
            final List<double[]> pts = e.getValue();
            if (pts.isEmpty()) {
                continue;
            }
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            final double[] x = new double[pts.size()];
            final double[] y = new double[pts.size()];
            final double[] err = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
                err[i] = pts.get(i)[2];
            }
            final XYSeries s = chart.addSeries(e.getKey(), x, y, err);
            s.setMarker(SeriesMarkers.CIRCLE);
            any = true;
        }
        if (!any) {
            // XChart cannot draw a chart without series; say why the plot is empty instead.
            chart.setTitle(metric + ": no finite values");
            chart.addSeries("no data", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    private static String xValue(final PointSummary r, final List<String> varied) {
        return varied.isEmpty() ? r.point().name() : r.point().params().getOrDefault(varied.get(0), "");
    }

    private static String seriesKey(final PointSummary r, final List<String> varied, final String metric) {
        if (varied.size() < 2) {
            return metric;
        }
        final StringJoiner j = new StringJoiner(", ");
        for (final String p : varied.subList(1, varied.size())) {
            j.add(p + "=" + r.point().params().getOrDefault(p, ""));
        }
        return j.toString();
    }

    private static boolean isNumber(final String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    static String fileSafe(final String metric) {
        return metric.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
