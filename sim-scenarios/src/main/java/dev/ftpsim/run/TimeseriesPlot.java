package dev.ftpsim.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A run's {@code timeseries.csv} as a picture, {@code timeseries.png} and {@code .svg}: every
 * column against simulated time, as steps (a sample holds until the next one). Conntrack entries
 * climbing to the table's maximum in a storm, or a NAT mapping vanishing mid-transfer in the
 * long-transfer trap, are seen at a glance.
 */
public final class TimeseriesPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        // Runs happen on servers without a display; respect an explicit choice.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TimeseriesPlot() {}

    /**
     * Writes the two pictures into {@code dir}; returns them, or nothing when the series has fewer
     * than two samples (sampling off, or a run shorter than one interval). However long the run,
     * the plot draws at most {@link TimeseriesSampling#MAX_BUCKETS} buckets per series.
     */
    public static List<Path> write(final Path dir, final String title, final TimeseriesSampling.Downsampled series)
            throws IOException {
        if (series.samples() < 2) {
            return List.of();
        }
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("simulated time (s)").yAxisTitle("count").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        final List<String> header = series.columns();
        for (int c = 1; c < header.size(); c++) {
            final double[][] xy = series.steps(c - 1);
            final XYSeries s = chart.addSeries(header.get(c), xy[0], xy[1]);
            s.setMarker(SeriesMarkers.NONE);
        }
        final List<Path> files = new ArrayList<>();
        final Path png = dir.resolve("timeseries.png");
        Results.atomicWrite(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        files.add(png);
        final ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        final Path svgFile = dir.resolve("timeseries.svg");
        Results.atomicWrite(svgFile, svg.toByteArray());
        files.add(svgFile);
        return files;
    }
}
