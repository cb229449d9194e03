package dev.ftpsim.core.firewall;

/**
 * A rule or ruleset that cannot be parsed. Carries the source (a file name, or a description such
 * as {@code firewall.fw.forward.rules[2]}), the 1-based line and column (-1 when unknown), and
 * what was expected, so the message can point at the exact spot.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public RuleSyntaxException(final String source, final int line, final int column, final String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(final String source, final int line, final int column, final String problem) {
        final StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ":" : "line ").append(line);
        }
        if (column > 0) {
            sb.append(sb.length() > 0 ? ":" : "column ").append(column);
        }
        return (sb.length() > 0 ? sb + ": " : "") + problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
