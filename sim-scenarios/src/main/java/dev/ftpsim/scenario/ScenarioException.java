package dev.ftpsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be run: every problem found in it, sorted by position. The message
 * prints them one per line as {@code file:line:column: key.path: message}.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ScenarioError> errors;

    public ScenarioException(final List<ScenarioError> errors) {
        super(errors.stream().sorted(ScenarioError.BY_POSITION).map(ScenarioError::toString)
                .collect(Collectors.joining("\n")));
        this.errors = errors.stream().sorted(ScenarioError.BY_POSITION).toList();
    }

    /** The problems, sorted by file, line and column. */
    public List<ScenarioError> errors() {
        return errors;
    }
}
