package dev.ftpsim.plot;

/**
 * An opaque colour, 8 bits a channel: what the plots draw with. Not {@code java.awt.Color}, whose
 * first use loads AWT's native library, its toolkit and its resource bundle, tens of milliseconds
 * of a small run that writes only SVG; {@link PngCanvas} turns it into one when it draws.
 */
public final class Rgb {
    public static final Rgb BLACK = new Rgb(0x000000);
    public static final Rgb WHITE = new Rgb(0xffffff);

    private final int rgb;

    /** {@code 0xRRGGBB}; higher bits are ignored, as {@code java.awt.Color(int)} ignores them. */
    public Rgb(final int rgb) {
        this.rgb = rgb & 0xffffff;
    }

    /** Each channel 0-255. */
    public Rgb(final int red, final int green, final int blue) {
        this(check(red) << 16 | check(green) << 8 | check(blue));
    }

    private static int check(final int channel) {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("a colour channel is 0-255, not " + channel);
        }
        return channel;
    }

    public int getRed() {
        return rgb >> 16 & 0xff;
    }

    public int getGreen() {
        return rgb >> 8 & 0xff;
    }

    public int getBlue() {
        return rgb & 0xff;
    }

    /** {@code 0xRRGGBB}. */
    public int getRGB() {
        return rgb;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Rgb c && c.rgb == rgb;
    }

    @Override
    public int hashCode() {
        return rgb;
    }

    @Override
    public String toString() {
        return String.format("#%06x", rgb);
    }
}
