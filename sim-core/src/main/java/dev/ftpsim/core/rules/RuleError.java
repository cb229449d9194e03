package dev.ftpsim.core.rules;

/** One problem in a ruleset file, printed as {@code file:line:col: message}. */
public record RuleError(Pos pos, String message) {
    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
