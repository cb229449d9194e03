package dev.ftpsim.run;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Prefix;
import dev.ftpsim.core.net.Route;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.net.Switch;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.scenario.HostSpec;
import dev.ftpsim.scenario.LinkSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a scenario's hosts, host groups, routers, links and routes on a {@link Network}, then
 * answers where each named node, group member and link end is, and gives each node its TCP stack.
 *
 * <p>A host group's members each get their own link to the other end; on a router that end is an
 * interface per member named {@code lan#17} in the interface group {@code lan} (so rules on
 * {@code lan} match it) with a host route, as if the members hung off a switch port each. An end
 * naming a switch gets a new port of it for each link (and for each member of a group).
 */
public final class NetworkBuilder {
    private final Scenario scenario;
    private final Network net;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<Host>> groups = new HashMap<>();
    /** Each host's TCP settings where its scenario {@code tcp} block sets them; else {@link #linux}. */
    private final Map<Node, TcpConfig> hostTcp = new HashMap<>();
    /** Linux's settings, one for every host without its own (a million group members share it). */
    private final TcpConfig linux = TcpConfig.linux();

    private NetworkBuilder(final Scenario scenario, final Simulator sim) {
        this.scenario = scenario;
        this.net = new Network(sim);
    }

    /** Builds the scenario's network on {@code sim}. */
    public static NetworkBuilder build(final Scenario scenario, final Simulator sim) {
        final NetworkBuilder b = new NetworkBuilder(scenario, sim);
        b.hosts();
        for (final String sw : scenario.switches()) {
            b.nodes.put(sw, b.net.bridge(sw));
        }
        for (final RouterSpec rs : scenario.routers().values()) {
            final Router router = b.net.router(rs.name());
            rs.interfaces().forEach((name, cidr) -> router.addInterface(name, cidr.toString()));
            rs.interfaces6().forEach(router::addAddress6);
            rs.routeLocalnet().forEach(name -> router.iface(name).setRouteLocalnet(true));
            b.nodes.put(rs.name(), router);
        }
        for (int i = 0; i < scenario.links().size(); i++) {
            b.link(i, scenario.links().get(i));
        }
        scenario.bridges().forEach((sw, br) -> ((Switch) b.nodes.get(sw))
                .bridgeOf(b.nodes.get(br.router()).iface(br.iface()), br.brNetfilter()));
        scenario.hairpin().forEach(sw -> ((Switch) b.nodes.get(sw)).hairpin(true));
        for (final RouterSpec rs : scenario.routers().values()) {
            for (final RouterSpec.Route route : rs.routes()) {
                b.nodes.get(rs.name()).addRoute(route.to().toString(), Ipv4.format(route.via()));
            }
            for (final RouterSpec.Route6 route : rs.routes6()) {
                b.nodes.get(rs.name()).addRoute(route.to(), route.via());
            }
        }
        for (final HostSpec h : scenario.hosts().values()) {
            if (h.gateway() != 0) {
                for (final Host host : b.hostsOf(h.name())) {
                    host.defaultGateway(Ipv4.format(h.gateway()));
                }
            }
            if (h instanceof HostSpec.Single s && s.gateway6() != null) {
                b.nodes.get(s.name()).defaultGateway(s.gateway6());
            }
        }
        return b;
    }

    private void hosts() {
        for (final HostSpec h : scenario.hosts().values()) {
            final TcpConfig tcpConfig = scenario.tcp().containsKey(h.name())
                    ? scenario.tcp().get(h.name()).config() : linux;
            if (h instanceof HostSpec.Single s) {
                final Host host = net.host(s.name());
                host.addInterface("eth0", s.address().toString());
                if (s.address6() != null) {
                    host.addAddress6("eth0", s.address6());
                }
                nodes.put(s.name(), host);
                hostTcp.put(host, tcpConfig);
            } else {
                final HostSpec.Group g = (HostSpec.Group) h;
                final List<Host> members = new ArrayList<>(g.count());
                // Members are found through groups, never by name, and have Linux's TCP unless
                // the group sets its own: no per-member map entries for a million members.
                final boolean ownTcp = scenario.tcp().containsKey(h.name());
                for (int i = 0; i < g.count(); i++) {
                    final Host host = net.host(g.memberName(i));
                    host.addInterface("eth0", Ipv4.format(g.address(i)) + "/" + g.subnet().length());
                    members.add(host);
                    if (ownTcp) {
                        hostTcp.put(host, tcpConfig);
                    }
                }
                groups.put(g.name(), members);
            }
        }
    }

    /** The network built: every node, a host group's members included. */
    public Network network() {
        return net;
    }

    /** The scenario's single hosts and routers by name, in declaration order (hosts first). */
    public Map<String, Node> nodes() {
        return java.util.Collections.unmodifiableMap(nodes);
    }

    /** The single host or router called {@code name}. */
    public Node node(final String name) {
        return nodes.get(name);
    }

    /** The members of the host group {@code name}, or the single host of that name. */
    public List<Host> hostsOf(final String name) {
        final List<Host> g = groups.get(name);
        return g != null ? g : List.of((Host) nodes.get(name));
    }

    /** The nodes a client population named {@code name} runs on: a group's members, a host, or a router. */
    public List<? extends Node> clientNodes(final String name) {
        final List<Host> g = groups.get(name);
        return g != null ? g : List.of(nodes.get(name));
    }

    /** The node's TCP stack if something made it already, else null (a probe must not make one). */
    public TcpStack builtTcp(final Node n) {
        return n.protocolHandler(Packet.PROTO_TCP) instanceof TcpStack s ? s : null;
    }

    /**
     * The node's TCP stack, made on first use with its host's settings. The node holds it (as its
     * TCP handler): no map here with an entry per group member.
     */
    public TcpStack tcp(final Node n) {
        final TcpStack s = builtTcp(n);
        return s != null ? s : new TcpStack(n, hostTcp.getOrDefault(n, linux));
    }

    /** The interfaces a link end names: one, an interface group's, every member's of a host group, or a switch's ports. */
    public List<NetInterface> interfacesOf(final LinkSpec.End end) {
        if (nodes.get(end.node()) instanceof Switch sw) {
            return sw.interfaces(); // every port: what the switch's own drops are commented in
        }
        if (end.iface() != null) {
            final Node n = nodes.get(end.node());
            final List<NetInterface> out = new ArrayList<>();
            for (final NetInterface i : n.interfaces()) {
                if (i.name().equals(end.iface()) || i.group().equals(end.iface())) {
                    out.add(i);
                }
            }
            return out;
        }
        return hostsOf(end.node()).stream().map(h -> h.iface("eth0")).toList();
    }

    /** Connects the ends; a group end gets one link per member, with a router interface each. */
    private void link(final int index, final LinkSpec l) {
        final boolean aGroup = l.a().iface() == null && groups.containsKey(l.a().node());
        final boolean bGroup = l.b().iface() == null && groups.containsKey(l.b().node());
        if (!aGroup && !bGroup) {
            connect("links[" + index + "]", -1, l, l.config(), iface(l.a()), iface(l.b()));
            return;
        }
        final LinkSpec.End groupEnd = aGroup ? l.a() : l.b();
        final LinkSpec.End other = aGroup ? l.b() : l.a();
        final List<Host> members = groups.get(groupEnd.node());
        final NetInterface first = iface(other);
        final LinkConfig config = l.config(); // one for all members' links
        final String name = "links[" + index + "]"; // member i's link is links[index][i]
        for (int i = 0; i < members.size(); i++) {
            final NetInterface m = members.get(i).iface("eth0");
            final NetInterface o;
            if (first.node() instanceof Switch sw) {
                connect(name, i, l, config, m, i == 0 ? first : sw.addPort());
                continue; // a port per member on the shared segment
            }
            if (i == 0) {
                o = first;
            } else {
                o = first.node().addInterface(first.name() + "#" + i, Ipv4.format(first.address()) + "/32");
                o.setGroup(first.group());
            }
            first.node().routes().add(new Route(new Prefix(m.address(), 32), 0, o));
            connect(name, i, l, config, m, o);
        }
    }

    private void connect(final String name, final int member, final LinkSpec l, final LinkConfig config,
            final NetInterface a, final NetInterface b) {
        final var link = net.connect(name, member, a, b, config);
        if (l.loss() instanceof LinkSpec.Bernoulli bern && bern.p() > 0) {
            net.bernoulliLoss(link, a, bern.p());
            net.bernoulliLoss(link, b, bern.p());
        } else if (l.loss() instanceof LinkSpec.GilbertElliott ge) {
            net.gilbertElliottLoss(link, a, ge.p(), ge.r(), ge.lossGood(), ge.lossBad());
            net.gilbertElliottLoss(link, b, ge.p(), ge.r(), ge.lossGood(), ge.lossBad());
        }
    }

    /** The end's interface; a switch end gets a new port. */
    private NetInterface iface(final LinkSpec.End end) {
        final Node n = nodes.get(end.node());
        if (n instanceof Switch sw) {
            return sw.addPort();
        }
        return end.iface() == null ? n.interfaces().get(0) : n.iface(end.iface());
    }
}
