package dev.ftpsim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A {@link Canvas} that paints a bitmap with Java2D, for the PNG beside each SVG. */
public final class PngCanvas implements Canvas {
    private static final float[] DASH = {6f, 4f};

    static {
        // Plots are drawn on servers without a display; respect an explicit choice.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BufferedImage image;
    private final Graphics2D g;

    public PngCanvas(final int width, final int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Color color,
            final double width, final boolean dashed) {
        g.setColor(color);
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f)
                : new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] x, final double[] y, final int n, final Color color, final double width) {
        if (n == 0) {
            return;
        }
        final Path2D.Double p = new Path2D.Double();
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(x[i], y[i]);
        }
        g.setColor(color);
        g.setStroke(new BasicStroke((float) width));
        g.draw(p);
    }

    @Override
    public void rect(final double x, final double y, final double w, final double h, final Color fill,
            final Color stroke) {
        final Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void circle(final double cx, final double cy, final double r, final Color fill) {
        g.setColor(fill);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void ticks(final double[] x, final int n, final double y0, final double y1, final Color color) {
        for (int i = 0; i < n; i++) {
            line(x[i], y0, x[i], y1, color, 1, false);
        }
    }

    @Override
    public void text(final double x, final double y, final String s, final double size, final Anchor anchor,
            final boolean vertical, final boolean bold, final Color color) {
        final Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size));
        g.setFont(font);
        g.setColor(color);
        final double w = g.getFontMetrics().stringWidth(s);
        final double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? w / 2 : w;
        final AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(s, (float) -shift, 0f);
        g.setTransform(saved);
    }

    @Override
    public void begin(final String role) {
        // A bitmap has no groups.
    }

    @Override
    public void end() {
        // A bitmap has no groups.
    }

    /** The picture as PNG bytes. */
    public byte[] png() {
        g.dispose();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
