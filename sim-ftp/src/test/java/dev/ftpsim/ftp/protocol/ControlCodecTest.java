package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    private static LineDecoder fed(int max, byte[] b) {
        var d = new LineDecoder(max);
        d.feed(b, 0, b.length);
        return d;
    }

    @Test
    void iacIacBecomesOneFfByteAndTelnetFunctionsAreStripped() {
        byte[] in = {'A', 'B', (byte) 0xFF, (byte) 0xFF, 'C', (byte) 0xFF, (byte) 244 /* IP */, (byte) 0xFF,
                (byte) 242 /* DM */, (byte) 0xFF, (byte) 251 /* WILL */, 1, 'D', '\r', '\n'};
        assertEquals("AB\u00ffCD", fed(64, in).next());
    }

    @Test
    void aLineSplitAnywhereIncludingInsideCrlfAndIacIsReassembled() {
        byte[] all = "NOOP\r\nQU\u00ffIT\r\n".getBytes(StandardCharsets.ISO_8859_1);
        all = Reply.escapeIac(all);
        var d = new LineDecoder(64);
        var got = new java.util.ArrayList<String>();
        for (byte b : all) {
            d.feed(new byte[] {b}, 0, 1);
            for (String l; (l = d.next()) != null; ) {
                got.add(l);
            }
        }
        assertEquals(List.of("NOOP", "QU\u00ffIT"), got);
    }

    @Test
    void aBareLfEndsALineToo() {
        assertEquals("PWD", fed(64, "PWD\n".getBytes(StandardCharsets.US_ASCII)).next());
    }

    @Test
    void anOverLongLineIsReportedOnceAndTheNextLineIsIntact() {
        byte[] in = ("X".repeat(500) + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII);
        var d = fed(64, in);
        assertSame(LineDecoder.TOO_LONG, d.next());
        assertEquals("NOOP", d.next());
        assertNull(d.next());
    }

    @Test
    void bufferedBytesNeverExceedTheCaps() {
        var d = new LineDecoder(64);
        byte[] junk = new byte[200_000];
        d.feed(junk, 0, junk.length);
        assertTrue(d.buffered() <= 64 + LineDecoder.MAX_PENDING);
        d.next();
        assertTrue(d.buffered() <= 64);
    }

    @Test
    void multiLineRepliesIndentMiddleLinesThatStartWithDigits() {
        var r = new Reply(211, List.of("Features:", "123 looks like an end", " SIZE", "End"));
        assertEquals("211-Features:\r\n 123 looks like an end\r\n SIZE\r\n211 End\r\n",
                new String(r.encode(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void theReplyDecoderReadsSingleAndMultiLineReplies() {
        var d = new ReplyDecoder(256, 100);
        byte[] b = "220 hi\r\n211-Features:\r\n 211 no\r\n211x\r\n211 End\r\n".getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        assertEquals(Reply.of(220, "hi"), d.next());
        Reply m = d.next();
        assertEquals(211, m.code());
        assertEquals(List.of("Features:", " 211 no", "211x", "End"), m.lines());
        assertNull(d.next());
    }

    @Test
    void theReplyDecoderFlagsGarbage() {
        var d = new ReplyDecoder(256, 100);
        byte[] b = "hello\r\n".getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        assertSame(ReplyDecoder.MALFORMED, d.next());
    }
}
