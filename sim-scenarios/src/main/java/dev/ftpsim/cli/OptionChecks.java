package dev.ftpsim.cli;

import picocli.CommandLine;

/**
 * Range checks of options picocli cannot express in an annotation. A bad value is a usage error
 * like any unparsable option: picocli prints the message and the usage, and the exit code is 2.
 */
final class OptionChecks {
    private OptionChecks() {}

    /** {@code --seed} is a master seed from 0 (as the scenario's {@code seed}), {@code --threads} at least 1. */
    static void seedAndThreads(final CommandLine.Model.CommandSpec spec, final Long seed, final Integer threads) {
        if (seed != null && seed < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--seed': "
                    + seed + " is negative: expected a whole number from 0 to " + Long.MAX_VALUE);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--threads': "
                    + threads + ": expected at least 1 simulation at once");
        }
    }

    /** {@code --snaplen}: from 1 to libpcap's MAXIMUM_SNAPLEN, 262144 bytes, as the scenario's {@code record.snaplen}. */
    static void snaplen(final CommandLine.Model.CommandSpec spec, final Integer snaplen) {
        if (snaplen != null && (snaplen < 1 || snaplen > 262144)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--snaplen': "
                    + snaplen + ": expected a whole number of bytes from 1 to 262144");
        }
    }
}
