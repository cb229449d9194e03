package dev.ftpsim.run;

import dev.ftpsim.core.units.Units;

/**
 * The engine refused something while building or running a scenario that loaded: an {@link
 * IllegalArgumentException} of sim-core or sim-ftp. The loader checks every value of the file, so
 * this is a bug in ftpsim, not bad input: the command line reports it as an internal error (exit
 * 3), never as the user's (exit 2) with a message that names no file, line or key.
 */
public final class EngineFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    EngineFailure(final String what, final long nowNanos, final IllegalArgumentException cause) {
        super(what + " at " + Units.formatDuration(nowNanos) + " simulated: " + cause.getMessage(), cause);
    }
}
