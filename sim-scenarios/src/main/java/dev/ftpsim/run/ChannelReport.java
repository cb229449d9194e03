package dev.ftpsim.run;

import static dev.ftpsim.core.units.Units.NS_PER_S;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.lab.FtpLab;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import java.util.List;

/**
 * The channels a packet filter in front of the server must open for a mode, derived from the
 * packets of one unfiltered session (see {@link ChannelRecorder}).
 */
public final class ChannelReport {
    /** One mode's channels, and whether the observed session worked. */
    public record ModeChannels(DataMode mode, boolean sessionOk, List<ChannelRecorder.Channel> channels) {}

    private ChannelReport() {}

    /** Active mode as the first source describes it (port 20, control port + 1), and passive mode. */
    public static List<ModeChannels> sources(final long seed) {
        return List.of(derive(seed, ClientOptions.defaults().withMode(DataMode.PORT).withActivePort(ActivePort.CLASSIC)),
                derive(seed, ClientOptions.defaults().withMode(DataMode.PASV)));
    }

    private static ModeChannels derive(final long seed, final ClientOptions client) {
        final FtpLab lab = FtpLab.routed(seed);
        final ChannelRecorder rec = ChannelRecorder.attach(lab.fw, lab.serverIp);
        lab.serve(SeedMatrix.SERVER, 100_000);
        final FtpSessionRecord r = lab.get(client, 60 * NS_PER_S);
        return new ModeChannels(client.mode(), r.ok(), rec.channels());
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
