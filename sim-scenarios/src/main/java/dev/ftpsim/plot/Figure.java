package dev.ftpsim.plot;

import dev.ftpsim.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A titled figure of panels stacked top to bottom, written as {@code <base>.png} and {@code
 * <base>.svg} from one drawing.
 */
public final class Figure {
    /** Something that draws itself into a rectangle of the figure. */
    public interface Panel {
        /** Its height in pixels at the figure's width. */
        double height();

        void draw(Canvas c, double x, double y, double w, double h);
    }

    /** Colours for series, told apart in print and by most colour-blind readers (Tableau 10). */
    public static final List<Rgb> PALETTE = List.of(new Rgb(0x4e79a7), new Rgb(0xf28e2b), new Rgb(0xe15759),
            new Rgb(0x76b7b2), new Rgb(0x59a14f), new Rgb(0xedc948), new Rgb(0xb07aa1), new Rgb(0xff9da7),
            new Rgb(0x9c755f), new Rgb(0xbab0ac));

    private static final double TITLE = 34;
    private final int width;
    private final String title;
    private final List<Panel> panels = new ArrayList<>();

    public Figure(final int width, final String title) {
        this.width = width;
        this.title = title;
    }

    public Figure add(final Panel p) {
        panels.add(p);
        return this;
    }

    /** The colour of series {@code i}. */
    public static Rgb color(final int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    private int height() {
        double h = TITLE;
        for (final Panel p : panels) {
            h += p.height();
        }
        return (int) Math.ceil(h);
    }

    private void draw(final Canvas c) {
        c.text(width / 2.0, 22, title, 15, Canvas.Anchor.MIDDLE, false, true, Rgb.BLACK);
        double y = TITLE;
        for (final Panel p : panels) {
            c.begin("panel");
            p.draw(c, 0, y, width, p.height());
            c.end();
            y += p.height();
        }
    }

    /** The SVG document. */
    public String svg() {
        final SvgCanvas c = new SvgCanvas(width, height());
        draw(c);
        return c.document();
    }

    /** The PNG bytes. */
    public byte[] png() {
        final PngCanvas c = new PngCanvas(width, height());
        draw(c);
        return c.png();
    }

    /** Writes {@code base.png} and {@code base.svg} into {@code dir}, each whole or not at all; returns them. */
    public List<Path> write(final Path dir, final String base) throws IOException {
        return List.of(writePng(dir, base), writeSvg(dir, base));
    }

    /** Writes {@code base.png} alone, whole or not at all; returns it. */
    public Path writePng(final Path dir, final String base) throws IOException {
        final Path png = dir.resolve(base + ".png");
        AtomicFiles.replace(png, png());
        return png;
    }

    /** Writes {@code base.svg} alone, whole or not at all; returns it. */
    public Path writeSvg(final Path dir, final String base) throws IOException {
        final Path svg = dir.resolve(base + ".svg");
        AtomicFiles.replace(svg, svg());
        return svg;
    }
}
