package dev.ftpsim.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.kernel.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packets walk netfilter's hooks in netfilter's order, and a hook can drop, steal or rewrite them. */
class NetfilterPathTest {
    private final Simulator sim = new Simulator(1);
    private final Network net = new Network(sim);
    private final Host a = net.host("a");
    private final Router r = net.router("r");
    private final Host b = net.host("b");
    private final List<String> seen = new ArrayList<>();
    private final List<Packet> delivered = new ArrayList<>();

    NetfilterPathTest() {
        final NetInterface ia = a.addInterface("eth0", "10.0.1.2/24");
        final NetInterface r0 = r.addInterface("lan", "10.0.1.1/24");
        final NetInterface r1 = r.addInterface("wan", "10.0.2.1/24");
        final NetInterface ib = b.addInterface("eth0", "10.0.2.2/24");
        b.addInterface("eth1", "10.0.3.2/24");
        a.defaultGateway("10.0.1.1");
        b.defaultGateway("10.0.2.1");
        net.connect(ia, r0, LinkConfig.of(1_000_000_000, 1_000, 0));
        net.connect(r1, ib, LinkConfig.of(1_000_000_000, 1_000, 0));
        for (final Node n : new Node[] {a, r, b}) {
            for (final Hook h : Hook.values()) {
                n.hooks().register(h, 0, (hook, p, in, out) -> {
                    seen.add(n.name() + ":" + hook + (in != null ? " in=" + in.name() : "")
                            + (out != null ? " out=" + out.name() : ""));
                    return Verdict.ACCEPT;
                });
            }
        }
        b.setProtocolHandler(Packet.PROTO_TCP, new ProtocolHandler() {
            @Override
            public void receive(final Packet p, final NetInterface in) {
                final Packet c = new Packet();
                c.copyFrom(p);
                delivered.add(c);
                net.pool().release(p);
            }

            @Override
            public void icmpError(final Packet p, final NetInterface in) {
                net.pool().release(p);
            }
        });
    }

    private void send(final String dst) {
        final Packet p = net.pool().acquire();
        p.protocol = Packet.PROTO_TCP;
        p.src = a.address();
        p.dst = Ipv4.parse(dst);
        p.dport = 80;
        a.sendLocal(p);
        sim.run();
    }

    @Test
    void aForwardedPacketMeetsEveryHookInOrder() {
        send("10.0.2.2");
        assertEquals(List.of("a:OUTPUT out=eth0", "a:POSTROUTING out=eth0", "r:PREROUTING in=lan",
                "r:FORWARD in=lan out=wan", "r:POSTROUTING in=lan out=wan", "b:PREROUTING in=eth0",
                "b:INPUT in=eth0"), seen);
        assertEquals(1, delivered.size());
        assertEquals(63, delivered.get(0).ttl); // one router hop from Linux's 64
    }

    @Test
    void aDropVerdictStopsThePacketAndCountsItAsFiltered() {
        r.hooks().register(Hook.FORWARD, -10, (hook, p, in, out) -> Verdict.DROP);
        send("10.0.2.2");
        assertEquals(0, delivered.size());
        assertEquals(1, r.iface("lan").counters().drops(DropCause.FILTERED));
        assertEquals("r:PREROUTING in=lan", seen.get(seen.size() - 1)); // the later function never ran
    }

    @Test
    void aDestinationRewrittenAtPreroutingIsRoutedToItsNewAddress() {
        // DNAT: 10.0.9.9 does not exist, the router rewrites it to b's second address.
        r.hooks().register(Hook.PREROUTING, -100, (hook, p, in, out) -> {
            if (p.dst == Ipv4.parse("10.0.9.9")) {
                p.dst = Ipv4.parse("10.0.3.2");
            }
            return Verdict.ACCEPT;
        });
        r.addRoute("10.0.3.0/24", "10.0.2.2");
        send("10.0.9.9");
        assertEquals(1, delivered.size());
        assertEquals(Ipv4.parse("10.0.3.2"), delivered.get(0).dst);
    }

    @Test
    void aPacketWithExpiringTtlIsDroppedWithTimeExceeded() {
        final Packet p = net.pool().acquire();
        p.protocol = Packet.PROTO_TCP;
        p.src = a.address();
        p.dst = b.address();
        p.ttl = 1;
        final List<Integer> icmp = new ArrayList<>();
        a.iface("eth0").addTap((i, out, q, t) -> {
            if (!out && q.protocol == Packet.PROTO_ICMP) {
                icmp.add(q.icmpType);
            }
        });
        a.sendLocal(p);
        sim.run();
        assertEquals(List.of(Packet.ICMP_TIME_EXCEEDED), icmp);
        assertEquals(1, r.iface("lan").counters().drops(DropCause.TTL_EXPIRED));
        assertEquals(0, delivered.size());
    }
}
