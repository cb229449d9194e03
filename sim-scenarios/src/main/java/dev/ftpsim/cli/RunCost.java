package dev.ftpsim.cli;

import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.HostSpec;
import dev.ftpsim.scenario.Scenario;

/**
 * A guess, from the parsed scenario alone, of how long its run takes, in packets: what {@link
 * MultiRun} sorts files by to start the longest first, so that a long file listed late does not
 * run alone at the end while the other cores idle. The simulation's time grows with the packets it
 * moves: per session some control exchange, and each transfer's bytes in segments; per host some
 * setup. Only the order matters, not the figure (scale-5000-clients guesses 4.6 M packets and
 * takes ~6 s; a one-session example guesses a few hundred and takes a few milliseconds).
 */
final class RunCost {
    /** Packets of a session's control connection: handshake, login, each command's reply, close. */
    private static final long SESSION_PACKETS = 40;
    /** Packets of a data connection besides its payload: handshake, close, the 150 and 226. */
    private static final long TRANSFER_PACKETS = 12;
    /** Bytes per data segment: Ethernet's MSS (1500 - 40 - 12 for the timestamp option). */
    private static final long SEGMENT_BYTES = 1448;
    /** A host's share of building the network (interfaces, routes, sockets), counted as packets. */
    private static final long HOST_PACKETS = 20;

    private RunCost() {}

    /** The estimate for {@code s}'s run ({@code ftpsim run} runs a sweep file's base scenario once). */
    static long packets(final Scenario s) {
        long packets = 0;
        for (final HostSpec h : s.hosts().values()) {
            packets += HOST_PACKETS * (h instanceof HostSpec.Group g ? g.count() : 1);
        }
        if (s.ftp() == null) {
            return packets;
        }
        for (final FtpSpec.Clients c : s.ftp().clients()) {
            long perSession = SESSION_PACKETS;
            for (final FtpSpec.Step step : c.script()) {
                if (step instanceof FtpSpec.Get g) {
                    perSession += TRANSFER_PACKETS + fileSize(s.ftp(), g.path()) / SEGMENT_BYTES;
                } else if (step instanceof FtpSpec.Put p) {
                    perSession += TRANSFER_PACKETS + meanBytes(p.size()) / SEGMENT_BYTES;
                } else if (step instanceof FtpSpec.ListDir) {
                    perSession += TRANSFER_PACKETS;
                } else {
                    perSession += 2; // a command and its reply
                }
            }
            packets += (long) c.sessions() * perSession;
        }
        return packets;
    }

    /** The largest size any server gives {@code path}; 0 when none has it (the GET fails at once). */
    private static long fileSize(final FtpSpec ftp, final String path) {
        long size = 0;
        for (final FtpSpec.Server server : ftp.servers()) {
            size = Math.max(size, server.files().getOrDefault(path, 0L));
        }
        return size;
    }

    private static long meanBytes(final FtpSpec.SizeDist d) {
        if (d instanceof FtpSpec.Fixed f) {
            return f.bytes();
        }
        if (d instanceof FtpSpec.UniformSize u) {
            return (u.lo() + u.hi()) / 2;
        }
        if (d instanceof FtpSpec.Exponential e) {
            return e.mean();
        }
        final FtpSpec.LogNormal l = (FtpSpec.LogNormal) d;
        return Math.round(l.median() * Math.exp(l.sigma() * l.sigma() / 2));
    }
}
