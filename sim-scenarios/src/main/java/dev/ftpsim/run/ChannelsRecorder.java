package dev.ftpsim.run;

import dev.ftpsim.core.firewall.ChannelRecorder;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per firewall node, the channels the scenario's FTP traffic used, derived from the packets before
 * any filter judged them (see {@link ChannelRecorder}): one recorder per node and FTP server.
 */
final class ChannelsRecorder implements Recorder {
    private final Scenario scenario;
    private final Map<String, List<ChannelRecorder>> recorders = new LinkedHashMap<>();
    /** Where NAT translates a server's address, the firewalls before it see the address it translates. */
    private Translations nat;

    ChannelsRecorder(final Scenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public void beforeFirewall(final String name, final Node node, final NetworkBuilder net) {
        if (nat == null) {
            nat = Translations.serversOnly(scenario.ftp().servers().stream()
                    .mapToInt(sv -> net.node(sv.host()).interfaces().get(0).address()).toArray());
            for (int i = 0; i < scenario.ftp().servers().size(); i++) {
                // A dual-stack server's IPv6 address stands for it too: IPv6 sessions' channels.
                final int v6 = net.node(scenario.ftp().servers().get(i).host()).interfaces().get(0).address6();
                if (v6 != 0) {
                    nat.addServerAddress(i, v6);
                }
            }
        }
        nat.watch(node);
        final List<ChannelRecorder> recs = new ArrayList<>();
        for (int i = 0; i < scenario.ftp().servers().size(); i++) {
            final FtpSpec.Server sv = scenario.ftp().servers().get(i);
            recs.add(ChannelRecorder.attach(node, net.node(sv.host()).interfaces().get(0).address(), nat.server(i)));
        }
        recorders.put(name, recs);
    }

    /** NAT endpoints remembered: none, since only the servers' addresses are learned. */
    int remembered() {
        return nat == null ? 0 : nat.size();
    }

    /** Per firewall node, every channel seen so far. */
    Map<String, List<ChannelRecorder.Channel>> channels() {
        final Map<String, List<ChannelRecorder.Channel>> channels = new LinkedHashMap<>();
        recorders.forEach((node, recs) -> {
            final List<ChannelRecorder.Channel> all = new ArrayList<>();
            recs.forEach(rec -> all.addAll(rec.channels()));
            channels.put(node, all);
        });
        return channels;
    }
}
