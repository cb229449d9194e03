package dev.ftpsim.run;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Host;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.tcp.TcpConfig;
import dev.ftpsim.core.tcp.TcpStack;

/** client 10.0.1.2 -- docker host 10.0.1.1 (docker-proxy on port 21) -- container 10.0.2.2, 1 ms links. */
final class DockerHostNet {
    final Simulator sim = new Simulator(1);
    final TcpStack client;
    final TcpStack container;

    DockerHostNet(final long clientBps, final long containerBps) {
        this(clientBps, containerBps, UserlandProxy.Dial.once(Ipv4.parse("10.0.2.2"), 21));
    }

    /** With the proxy on port 21 relaying as {@code dial} says. */
    DockerHostNet(final long clientBps, final long containerBps, final UserlandProxy.Dial dial) {
        final Network net = new Network(sim);
        final Host c = net.host("client");
        final Host k = net.host("container");
        final Router host = net.router("docker-host");
        final NetInterface c0 = c.addInterface("eth0", "10.0.1.2/24");
        final NetInterface h0 = host.addInterface("eth0", "10.0.1.1/24");
        final NetInterface h1 = host.addInterface("docker0", "10.0.2.1/24");
        final NetInterface k0 = k.addInterface("eth0", "10.0.2.2/24");
        c.defaultGateway("10.0.1.1");
        k.defaultGateway("10.0.2.1");
        net.connect(c0, h0, LinkConfig.of(clientBps, 1_000_000, 100));
        net.connect(h1, k0, LinkConfig.of(containerBps, 1_000_000, 100));
        client = new TcpStack(c, TcpConfig.linux());
        container = new TcpStack(k, TcpConfig.linux());
        UserlandProxy.start(new TcpStack(host, TcpConfig.linux()), 21, 0, front -> dial, (front, back) -> { });
    }
}
