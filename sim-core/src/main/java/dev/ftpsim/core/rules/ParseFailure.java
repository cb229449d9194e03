package dev.ftpsim.core.rules;

/**
 * Thrown inside a loader to abandon one rule or declaration; the loader records it as a
 * {@link RuleError} and goes on with the next one, so a file reports all its errors at once.
 */
final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Pos pos;

    ParseFailure(final Pos pos, final String message) {
        super(message, null, false, false);
        this.pos = pos;
    }

    RuleError error() {
        return new RuleError(pos, getMessage());
    }
}
