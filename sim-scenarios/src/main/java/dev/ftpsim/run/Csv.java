package dev.ftpsim.run;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV writer behind every CSV file ftpsim writes: RFC 4180 rows through Jackson's CSV
 * generator, one row at a time, so a file of any length streams in bounded memory. A cell is
 * quoted only where a reader needs it: a comma, a double quote (doubled inside), {@code \r} or
 * {@code \n}, and also a leading or trailing space, which some readers trim from unquoted cells.
 * Lines end in {@code \n}. Ordinary cells are written as they are.
 */
public final class Csv implements Flushable, Closeable {
    /** The streaming factory alone: a mapper would load Jackson's object binding, which rows never use. */
    private static final CsvFactory FACTORY = CsvFactory.builder()
            // Quote by content only: Jackson's default also quotes every cell over 24 characters.
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withoutHeader().withLineSeparator("\n");

    private final CsvGenerator g;

    private Csv(final Writer out) throws IOException {
        g = FACTORY.createGenerator(out);
        g.setSchema(SCHEMA);
    }

    /** Rows written to {@code out}, which {@link #close} closes. */
    public static Csv over(final Writer out) throws IOException {
        return new Csv(out);
    }

    /** One row of {@code cells}, with its newline. */
    public static String line(final List<String> cells) {
        final StringWriter w = new StringWriter(16 * cells.size());
        try (Csv csv = new Csv(w)) {
            csv.row(cells);
        } catch (final IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Writes one row. */
    public Csv row(final List<String> cells) throws IOException {
        g.writeStartArray();
        for (final String c : cells) {
            cell(c);
        }
        g.writeEndArray();
        return this;
    }

    /** Writes one row: {@code first}, then the numbers. */
    public Csv row(final String first, final long[] numbers) throws IOException {
        g.writeStartArray();
        cell(first);
        for (final long v : numbers) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        return this;
    }

    private void cell(final String c) throws IOException {
        final boolean padded = !c.isEmpty() && (c.charAt(0) == ' ' || c.charAt(c.length() - 1) == ' ');
        if (!padded) {
            g.writeString(c);
            return;
        }
        // Jackson's content check keeps outer spaces unquoted; quote this one cell.
        g.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        g.writeString(c);
        g.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
