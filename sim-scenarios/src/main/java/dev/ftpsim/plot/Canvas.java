package dev.ftpsim.plot;


/**
 * What a chart draws on: lines, boxes, dots and text in pixels, origin top left. Two painters
 * implement it, {@link SvgCanvas} (text stays text, a polyline is one element) and {@link PngCanvas}
 * (Java2D), so the PNG and the SVG of a figure are one drawing.
 */
public interface Canvas {
    /** Where a text's x lies: its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Rgb color, double width, boolean dashed);

    /** A line through the first {@code n} points, as one element. */
    void polyline(double[] x, double[] y, int n, Rgb color, double width);

    /** A box; {@code fill} or {@code stroke} null draws no fill or no outline. */
    void rect(double x, double y, double w, double h, Rgb fill, Rgb stroke);

    void circle(double cx, double cy, double r, Rgb fill);

    /** Short vertical ticks from {@code y0} to {@code y1} at each of the first {@code n} x, as one element. */
    void ticks(double[] x, int n, double y0, double y1, Rgb color);

    /** Text with its baseline at {@code y}; {@code vertical} turns it a quarter left, about (x, y). */
    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, boolean bold, Rgb color);

    /** Opens a group named {@code role} (an SVG {@code <g class>}), for readers and tests. */
    void begin(String role);

    void end();

    /** A text's width, estimated the same way by both painters so layouts match. */
    static double textWidth(final String s, final double size) {
        return s.length() * size * 0.55;
    }
}
