package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Records one session of the first client population for a ladder diagram: a {@link LadderRecorder}
 * on the session's path (its client, the routers, the first server), told of every firewall's
 * decisions.
 */
final class LadderRecording implements Recorder {
    /** Packets recorded at most: a ladder of more is unreadable. */
    private static final int LIMIT = 20_000;
    private final Scenario scenario;
    private final int session;
    private LadderRecorder ladder;

    LadderRecording(final Scenario scenario, final int session) {
        this.scenario = scenario;
        this.session = session;
    }

    @Override
    public void networkBuilt(final NetworkBuilder net) {
        final FtpSpec.Clients pop = scenario.ftp().clients().get(0);
        final List<? extends Node> members = net.clientNodes(pop.host());
        final Node client = members.get(session % members.size());
        final List<Node> path = new ArrayList<>();
        path.add(client);
        for (final RouterSpec rs : scenario.routers().values()) {
            path.add(net.node(rs.name()));
        }
        final FtpSpec.Server server = scenario.ftp().servers().get(0);
        path.add(net.node(server.host()));
        ladder = new LadderRecorder(path, client.interfaces().get(0).address(), server.port(), LIMIT);
    }

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        return ladder;
    }

    LadderRecorder ladder() {
        return ladder;
    }
}
