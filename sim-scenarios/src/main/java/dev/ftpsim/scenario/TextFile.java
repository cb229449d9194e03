package dev.ftpsim.scenario;

import dev.ftpsim.core.rules.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the text files a scenario consists of (the scenario, its nftables rulesets) without
 * trusting them: the type is checked before the file is opened (a folder, FIFO or device is
 * refused, so nothing blocks or reads forever), at most a fixed number of bytes is read, and the
 * bytes must be UTF-8 text without control characters. A problem is reported with the line and
 * column where it is, or 1:1 when it concerns the whole file; messages never quote the content.
 */
final class TextFile {
    /** Largest scenario file: the biggest example is 4 KB, so this leaves room for hand-written files. */
    static final int MAX_SCENARIO_BYTES = 1 << 20;
    /** Largest nftables ruleset: `nft list ruleset` of a firewall with tens of thousands of rules. */
    static final int MAX_RULESET_BYTES = 4 << 20;

    private TextFile() {}

    /** Why a file cannot be used, located inside it (1-based; 1:1 for the whole file). */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Unusable(final int line, final int column, final String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /**
     * The file's text; {@code what} names it in messages ("a scenario file", "an nftables ruleset").
     * A file {@code sources} holds is not read again: its bytes are those the load read first; a
     * file read is added to it.
     */
    static String read(final Path p, final int maxBytes, final String what, final SourceFiles sources)
            throws Unusable {
        final byte[] read = sources.get(p);
        if (read != null) {
            if (read.length > maxBytes) {
                throw tooBig(String.valueOf(read.length), maxBytes, what);
            }
            return decode(read);
        }
        final BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (final NoSuchFileException e) {
            throw new Unusable(1, 1, "no such file");
        } catch (final IOException e) {
            throw new Unusable(1, 1, "cannot read the file (" + reason(e) + ")");
        }
        if (a.isDirectory()) {
            throw new Unusable(1, 1, "is a folder: expected " + what);
        }
        if (!a.isRegularFile()) {
            throw new Unusable(1, 1, "is not a regular file (a FIFO, device or socket): expected " + what);
        }
        if (a.size() > maxBytes) {
            throw tooBig(String.valueOf(a.size()), maxBytes, what);
        }
        final byte[] bytes;
        try (InputStream in = Files.newInputStream(p)) {
            // The size was checked, but a file can grow while it is read: never read past the limit.
            bytes = in.readNBytes(maxBytes + 1);
        } catch (final AccessDeniedException e) {
            throw new Unusable(1, 1, "cannot read the file: permission denied");
        } catch (final IOException e) {
            throw new Unusable(1, 1, "cannot read the file (" + reason(e) + ")");
        }
        if (bytes.length > maxBytes) {
            throw tooBig("more than " + maxBytes, maxBytes, what);
        }
        return decode(sources.put(p, bytes));
    }

    private static Unusable tooBig(final String size, final int max, final String what) {
        return new Unusable(1, 1, "the file has " + size + " bytes: "
                + what + " may have at most " + max + " bytes (" + (max >> 20) + " MiB)");
    }

    private static String reason(final IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * UTF-8 text, a UTF-8 byte order mark dropped. UTF-16 and UTF-32 are recognised as YAML 1.2
     * section 5.2 does (by the byte order mark, else by the zero bytes around the first character)
     * and refused with a hint: ftpsim reads UTF-8 only.
     */
    static String decode(final byte[] b) throws Unusable {
        final int n = b.length;
        final String wide = n >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] == (byte) 0xFE && b[3] == (byte) 0xFF
                || b[2] == 0 && b[3] != 0) || b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0
                || b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) ? "UTF-32"
                : n >= 2 && (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF || b[0] == (byte) 0xFF && b[1] == (byte) 0xFE
                || b[0] == 0 && b[1] != 0 || b[0] != 0 && b[1] == 0) ? "UTF-16" : null;
        if (wide != null) {
            throw new Unusable(1, 1, "the file is " + wide + " text: save it as UTF-8");
        }
        final int start = n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        final CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(b, start, n - start);
        final CharBuffer out = CharBuffer.allocate(n - start);
        final CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            throw located(out, "byte 0x" + String.format("%02X", b[in.position()] & 0xFF)
                    + " is not valid UTF-8: save the file as UTF-8");
        }
        d.flush(out);
        out.flip();
        for (int i = 0; i < out.limit(); i++) {
            final char c = out.get(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                throw located(CharBuffer.wrap(out, 0, i), "control character U+" + String.format("%04X", (int) c)
                        + " is not allowed: the file must be text");
            }
        }
        return out.toString();
    }

    /** An error at the end of {@code before}: its line and column. */
    private static Unusable located(final CharSequence before, final String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Unusable(line, col, message);
    }
}
