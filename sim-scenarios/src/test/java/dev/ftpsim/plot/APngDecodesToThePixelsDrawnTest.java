package dev.ftpsim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG a canvas writes (its own encoder) is one that a standard reader decodes to the pixels drawn. */
class APngDecodesToThePixelsDrawnTest {
    @Test
    void rectanglesComeBackInTheirColoursOnWhite() throws Exception {
        final PngCanvas c = new PngCanvas(301, 97);
        c.rect(10, 10, 20, 20, new Rgb(0xd6, 0x27, 0x28), null);
        c.rect(200, 50, 100, 40, new Rgb(0x1f, 0x77, 0xb4), null);
        c.text(100, 60, "simulated time (s)", 12, Canvas.Anchor.START, false, false, Rgb.BLACK);
        final BufferedImage png = ImageIO.read(new ByteArrayInputStream(c.png()));
        assertEquals(301, png.getWidth());
        assertEquals(97, png.getHeight());
        assertEquals(0xffffff, png.getRGB(0, 0) & 0xffffff);
        assertEquals(0xd62728, png.getRGB(15, 15) & 0xffffff);
        assertEquals(0x1f77b4, png.getRGB(299, 89) & 0xffffff);
        assertEquals(0xffffff, png.getRGB(300, 96) & 0xffffff);
    }
}
