package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.scenario.BalancerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records one session of one client population for a ladder diagram: a {@link LadderRecorder}
 * on the session's path (its client, the routers, the server the population dials, the other
 * servers, and a switch between two of them that share its segment), told of every firewall's decisions and, when the
 * session ends, of its record and its client ports, so that other sessions on the same node
 * (of this population or another) are left out of the drawing.
 */
final class LadderRecording implements Recorder {
    private final Scenario scenario;
    private final int population;
    private final int session;
    private final int maxArrows;
    private LadderRecorder ladder;
    /** Roles of path nodes that are more than their firewall: a balancer's router. */
    private final Map<String, String> roles = new HashMap<>();

    LadderRecording(final Scenario scenario, final int population, final int session, final int maxArrows) {
        this.scenario = scenario;
        this.maxArrows = maxArrows;
        this.population = population;
        this.session = session;
    }

    @Override
    public void networkBuilt(final NetworkBuilder net) {
        final FtpSpec.Clients pop = scenario.ftp().clients().get(population);
        final Node client = clientNode(scenario, net, population, session);
        final List<Node> path = new ArrayList<>();
        path.add(client);
        for (final RouterSpec rs : scenario.routers().values()) {
            final Node r = net.node(rs.name());
            if (r != client) { // clients may run on a router (a job on a Docker host): one column
                path.add(r);
            }
        }
        // A population dialling IPv6 is followed by its client's IPv6 address (its connections carry that id).
        final boolean v6 = pop.serverAddress6() != null;
        final int dialled = v6 ? client.network().ipv6().parse(pop.serverAddress6()) : pop.serverAddress();
        FtpSpec.Server server = scenario.ftp().servers().get(0);
        for (final FtpSpec.Server s : scenario.ftp().servers()) { // the one the population dials, if it names one
            if (net.node(s.host()).interfaces().stream().anyMatch(i -> i.address() == dialled || i.address6() == dialled)) {
                server = s;
                break;
            }
        }
        if (!path.contains(net.node(server.host()))) { // a client on the server's own host: one column
            path.add(net.node(server.host()));
        }
        // The other servers: a balancer or kube-proxy may send any connection to any of them. One
        // behind the dialled address (it announces that address in its 227) or a balancer's is always
        // drawn, to show which backend got nothing; another only when a connection reached it.
        final Set<Integer> backends = new HashSet<>();
        for (final BalancerSpec b : scenario.balancers().values()) {
            roles.put(b.router(), "balancer " + b.profile() + " " + Ipv4.format(b.config().virtualAddress()));
            for (final int a : b.config().backends()) {
                backends.add(a);
            }
        }
        final Set<String> optional = new HashSet<>();
        for (final FtpSpec.Server s : scenario.ftp().servers()) {
            final Node n = net.node(s.host());
            if (!path.contains(n)) {
                path.add(n);
                if (!(s.pasvAddress() != null && s.pasvAddress() == dialled
                        || n.interfaces().stream().anyMatch(i -> backends.contains(i.address())))) {
                    optional.add(n.name());
                }
            }
        }
        // A backend that runs no FTP server (a dead one behind HAProxy's checks) still gets the
        // proxy's or balancer's connections: its column shows them when one reached it.
        for (final Node n : net.nodes().values()) {
            if (!path.contains(n) && !(n instanceof dev.ftpsim.core.net.Switch)
                    && n.interfaces().stream().anyMatch(i -> backends.contains(i.address()))) {
                path.add(n);
                optional.add(n.name());
            }
        }
        for (final String name : scenario.switches()) {
            final Node sw = net.node(name);
            for (int i = 0; i + 1 < path.size(); i++) {
                if (touches(path.get(i), sw) && touches(path.get(i + 1), sw)) {
                    path.add(i + 1, sw); // the segment the two neighbours of the path share
                    break;
                }
            }
        }
        final NetInterface eth = client.interfaces().get(0);
        final Set<String> servers = new HashSet<>();
        scenario.ftp().servers().forEach(s -> servers.add(s.host()));
        final int own = v6 && eth.address6() != 0 ? eth.address6() : eth.address();
        // A client dialling loopback (a job on a Docker host to its docker-proxy) sends from 127.0.0.1.
        final int local = !v6 && Node.isLoopbackAddress(dialled) ? client.loopback().address() : own;
        ladder = new LadderRecorder(path, own, local, new int[] {server.port(), pop.port()}, maxArrows);
        ladder.columns(servers, optional, roles);
        for (final BalancerSpec b : scenario.balancers().values()) {
            ladder.balancer(b.router(), b.config().virtualAddress(), b.config().idleTimeoutNanos());
        }
    }

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        ladder.firewall(name, fw);
        return ladder;
    }

    @Override
    public void relayed(final Node node, final dev.ftpsim.core.tcp.TcpConnection front,
            final dev.ftpsim.core.tcp.TcpConnection back) {
        ladder.relayed(node, front, back);
    }

    /** Whether a link joins {@code n} to switch {@code sw}. */
    private static boolean touches(final Node n, final Node sw) {
        return n.interfaces().stream().anyMatch(i -> i.peer() != null && i.peer().node() == sw);
    }

    /** The node session {@code session} of population {@code population} runs on (a group's members take turns). */
    static Node clientNode(final Scenario scenario, final NetworkBuilder net, final int population, final int session) {
        final List<? extends Node> members = net.clientNodes(scenario.ftp().clients().get(population).host());
        return members.get(session % members.size());
    }

    @Override
    public void sessionEnded(final LiveSessions.Live live, final FtpSessionRecord r, final Map<String, String> dataPaths) {
        if (live.population == population && r.identity().session() == session) {
            ladder.follow(r, ports(live));
        }
    }

    /**
     * A session's client ports: its control connections', then each data connection attempt's; null
     * for a session that ended inside its own start (its handle not yet kept): then nothing is left out.
     */
    static int[] ports(final LiveSessions.Live live) {
        if (live.session == null) {
            return null;
        }
        // every control connection's port first: a reconnecting lftp session has several
        final int[] control = live.session.controlPorts();
        final int[] data = live.session.dataPorts();
        final int[] out = java.util.Arrays.copyOf(control, control.length + data.length);
        System.arraycopy(data, 0, out, control.length, data.length);
        return out;
    }

    LadderRecorder ladder() {
        return ladder;
    }
}
