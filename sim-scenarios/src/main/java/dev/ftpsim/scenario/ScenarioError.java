package dev.ftpsim.scenario;

import java.util.Comparator;

/**
 * One problem in a scenario file, located like Jackson's {@code JsonLocation}: the file, a 1-based
 * line and column (-1 when unknown), plus the key path of the setting ({@code links[1].loss}) and
 * a message that says what was expected.
 *
 * @param file the file as the user named it
 * @param line 1-based, or -1
 * @param column 1-based, or -1
 * @param path key path such as {@code firewall.fw.forward.rules[2]}; empty for the whole file
 * @param message what is wrong and what was expected
 */
public record ScenarioError(String file, int line, int column, String path, String message) {
    /** Sorts by file, line, column, then path: the order a reader meets the problems. */
    public static final Comparator<ScenarioError> BY_POSITION = Comparator.comparing(ScenarioError::file)
            .thenComparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column)
            .thenComparing(ScenarioError::path);

    /** {@code file:line:column: key.path: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
