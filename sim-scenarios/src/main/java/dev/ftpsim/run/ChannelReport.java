package dev.ftpsim.run;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels a packet filter in front of the server must open for a mode, derived from the
 * packets of one unfiltered session (see {@link ChannelRecorder}).
 */
public final class ChannelReport {
    /** One mode's channels, and whether the observed session worked. */
    public record ModeChannels(DataMode mode, boolean sessionOk, List<ChannelRecorder.Channel> channels) {}

    /** The sources' situation: client -- fw -- server, one download per mode. */
    static final String SOURCES = "/dev/ftpsim/channels/sources.yaml";

    private ChannelReport() {}

    /**
     * Active mode as the first source describes it (port 20, control port + 1), and passive mode:
     * the points of the shipped scenario {@value #SOURCES}, run with every firewall open.
     */
    public static List<ModeChannels> sources(final long seed) throws IOException {
        final List<ModeChannels> out = new ArrayList<>();
        for (final Scenario.SweepPoint p : ShippedScenarios.load(ShippedScenarios.path(SOURCES)).sweepPoints()) {
            final ScenarioRunner.Outcome o = ScenarioRunner.open(p.scenario(), seed);
            out.add(new ModeChannels(p.scenario().ftp().clients().get(0).options().mode(),
                    o.rows().size() == 1 && o.rows().get(0).record().ok(), o.channels().get("fw")));
        }
        return out;
    }

    /** Per firewall node: each channel in words, then the rule that opens it. */
    public static String renderScenario(final java.util.Map<String, List<ChannelRecorder.Channel>> byFirewall,
            final String what) {
        final StringBuilder sb = new StringBuilder();
        byFirewall.forEach((node, channels) -> {
            sb.append("Firewall ").append(node).append(": ").append(what).append('\n');
            if (channels.isEmpty()) {
                sb.append("  (no FTP packets crossed it)\n");
            }
            for (final ChannelRecorder.Channel c : channels) {
                sb.append(String.format("  - %-50s %s%n", dev.ftpsim.ftp.alg.FtpChannels.describe(c), c.rule()));
            }
        });
        return sb.toString();
    }

    /** Text for the terminal: each channel in words, then the rule that opens it. */
    public static String render(final List<ModeChannels> modes) {
        final StringBuilder sb = new StringBuilder();
        for (final ModeChannels m : modes) {
            sb.append(m.mode().active() ? "Active mode" : "Passive mode").append(" (").append(m.mode())
                    .append("): channels a packet filter in front of the server must open")
                    .append(m.sessionOk() ? "" : " (the observed session failed!)").append('\n');
            for (final ChannelRecorder.Channel c : m.channels()) {
                sb.append(String.format("  - %-50s %s%n", dev.ftpsim.ftp.alg.FtpChannels.describe(c), c.rule()));
            }
        }
        return sb.toString();
    }
}
