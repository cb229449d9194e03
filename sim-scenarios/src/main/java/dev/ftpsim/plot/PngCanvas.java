package dev.ftpsim.plot;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

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
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Rgb color,
            final double width, final boolean dashed) {
        g.setColor(awt(color));
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f)
                : new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] x, final double[] y, final int n, final Rgb color, final double width) {
        if (n == 0) {
            return;
        }
        final Path2D.Double p = new Path2D.Double();
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(x[i], y[i]);
        }
        g.setColor(awt(color));
        g.setStroke(new BasicStroke((float) width));
        g.draw(p);
    }

    @Override
    public void rect(final double x, final double y, final double w, final double h, final Rgb fill,
            final Rgb stroke) {
        final Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(awt(fill));
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(awt(stroke));
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void circle(final double cx, final double cy, final double r, final Rgb fill) {
        g.setColor(awt(fill));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void ticks(final double[] x, final int n, final double y0, final double y1, final Rgb color) {
        for (int i = 0; i < n; i++) {
            line(x[i], y0, x[i], y1, color, 1, false);
        }
    }

    @Override
    public void text(final double x, final double y, final String s, final double size, final Anchor anchor,
            final boolean vertical, final boolean bold, final Rgb color) {
        final Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size));
        g.setFont(font);
        g.setColor(awt(color));
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

    private static java.awt.Color awt(final Rgb c) {
        return new java.awt.Color(c.getRGB());
    }

    @Override
    public void begin(final String role) {
        // A bitmap has no groups.
    }

    @Override
    public void end() {
        // A bitmap has no groups.
    }

    /**
     * The picture as PNG bytes: 8-bit RGB, each row filtered with Sub (a plot is mostly runs of one
     * colour, which Sub turns into zeros), compressed by zlib (PNG specification, sections 6 and 9).
     * Written here rather than by ImageIO, whose plugin registry costs a small run more CPU than
     * the encoding itself.
     */
    public byte[] png() {
        g.dispose();
        final int w = image.getWidth();
        final int h = image.getHeight();
        final int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        final byte[] row = new byte[1 + 3 * w];
        row[0] = 1; // filter type Sub
        final ByteArrayOutputStream idat = new ByteArrayOutputStream();
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            for (int y = 0; y < h; y++) {
                int prev = 0;
                for (int x = 0; x < w; x++) {
                    final int p = px[y * w + x];
                    row[1 + 3 * x] = (byte) ((p >> 16) - (prev >> 16));
                    row[2 + 3 * x] = (byte) ((p >> 8) - (prev >> 8));
                    row[3 + 3 * x] = (byte) (p - prev);
                    prev = p;
                }
                z.write(row);
            }
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        } finally {
            deflater.end();
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        final ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8 bits, RGB, deflate, adaptive filters, no interlace
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
    private static void chunk(final ByteArrayOutputStream out, final String type, final byte[] data) {
        final byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * Loads and initialises what drawing the first picture needs (Java2D's rasteriser, the fonts),
     * on a thread of its own, so that a run's plot, drawn after its simulation, does not wait for
     * it. Once per process.
     */
    public static void prepareAside() {
        if (PREPARED.compareAndSet(false, true)) {
            final Thread t = new Thread(() -> {
                final PngCanvas c = new PngCanvas(8, 8);
                c.line(0, 0, 8, 8, Rgb.BLACK, 1, true);
                c.text(0, 8, "0", 12, Anchor.START, false, false, Rgb.BLACK);
                c.text(0, 8, "0", 12, Anchor.START, false, true, Rgb.BLACK);
                c.g.dispose();
            }, "ftpsim-plot-prepare");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREPARED = new java.util.concurrent.atomic.AtomicBoolean();
}
