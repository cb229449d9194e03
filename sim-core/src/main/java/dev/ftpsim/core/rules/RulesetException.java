package dev.ftpsim.core.rules;

import java.util.List;

/** A ruleset file that did not load: every error found in it, in source order, at once. */
public final class RulesetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleError> errors;

    public RulesetException(final List<RuleError> errors) {
        super(String.join("\n", errors.stream().map(RuleError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    /** The errors, first one first; never empty. */
    public List<RuleError> errors() {
        return errors;
    }
}
