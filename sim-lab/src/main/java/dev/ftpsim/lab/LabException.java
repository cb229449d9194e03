package dev.ftpsim.lab;

/** The lab could not build or run a cell: a command failed, or the scenario asks for what the lab cannot build. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the command or the scenario setting. */
    public LabException(final String message) {
        super(message);
    }

    /** With its cause. */
    public LabException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
