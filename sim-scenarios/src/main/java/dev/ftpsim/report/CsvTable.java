package dev.ftpsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file the run wrote, read back (RFC 4180: quoted cells may hold commas, quotes doubled,
 * line breaks). Columns are found by name, so a column added later does not shift the report.
 *
 * @param header the first line's cells
 * @param rows   the other lines' cells
 */
record CsvTable(List<String> header, List<List<String>> rows) {

    static CsvTable read(final Path file) throws IOException {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !line.isEmpty()) {
            line.add(cell.toString());
            lines.add(line);
        }
        return lines.isEmpty() ? new CsvTable(List.of(), List.of())
                : new CsvTable(lines.get(0), lines.subList(1, lines.size()));
    }

    /** The column's index, or -1. */
    int column(final String name) {
        return header.indexOf(name);
    }

    /** A row's cell of column {@code name}, "" when there is no such column. */
    String cell(final List<String> row, final String name) {
        final int i = column(name);
        return i < 0 || i >= row.size() ? "" : row.get(i);
    }
}
