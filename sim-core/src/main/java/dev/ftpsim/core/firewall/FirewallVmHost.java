package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.Stmt;
import dev.ftpsim.core.rules.vm.Machine;
import dev.ftpsim.core.rules.vm.Program;

/**
 * What a firewall's rules do outside the rule machine, on the firewall's node: answers (reset,
 * ICMP), log lines, NAT set-up, helper, timeout and expectation objects, flow offload, route and
 * address-type lookups for {@code fib}, and telling the listener and tracer who decided.
 */
final class FirewallVmHost implements Machine.Host {
    private final Firewall fw;

    FirewallVmHost(final Firewall fw) {
        this.fw = fw;
    }

    @Override
    public long now() {
        return fw.node.network().simulator().now();
    }

    @Override
    public long randomSeed() {
        return fw.node.network().simulator().streams().unkept("firewall/" + fw.node.name() + "/random").nextLong();
    }

    @Override
    public void reject(final Packet p, final NetInterface in, final int code) {
        if (fw.open) {
            return;
        }
        if (code < 0) {
            fw.node.sendRejectReset(p);
        } else if (p.isV6()) {
            fw.node.sendIcmpError(p, in, Packet.ICMP6_DEST_UNREACHABLE, code, true);
        } else {
            fw.node.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, code);
        }
    }

    @Override
    public dev.ftpsim.core.net.Ipv6Addresses ipv6() {
        return fw.node.network().ipv6();
    }

    @Override
    public void log(final String prefix, final Program.ChainCode chain, final Packet p) {
        fw.log.add(now() + " " + prefix + chain.name() + " " + p);
    }

    @Override
    public boolean nat(final Packet p, final NetInterface in, final NetInterface out, final int kind,
            final int addrLo, final int addrHi, final int portLo, final int portHi, final int flags) {
        if (!(p.ct instanceof ConnEntry e)) {
            return true; // untracked: NAT needs a connection
        }
        final int addr = addrLo == -1 ? -1 : Firewall.bestAddress(addrLo, addrHi, p.src, p.dst, flags);
        final int rnd = (flags & (Stmt.NAT_RANDOM | Stmt.NAT_FULLY_RANDOM)) != 0 ? fw.natRandom().nextInt(65536) : -1;
        switch (kind) {
            case 1: // DNAT
                fw.conntrack.setupDnat(e, addr == -1 ? p.dst : addr, portLo, portHi, rnd);
                return true;
            case 3: // REDIRECT: to the address of the interface the packet came in on
                fw.conntrack.setupDnat(e, in == null || in.addressFor(p.dst) == 0 ? p.dst : in.addressFor(p.dst),
                        portLo, portHi, rnd);
                return true;
            case 2: // MASQUERADE: the out interface's address of the packet's family (NAT66 for IPv6)
                if (out == null || out.addressFor(p.src) == 0) {
                    fw.conntrackDrop(fw.current, p, "no address to masquerade to");
                    return false;
                }
                if (!fw.conntrack.setupSnat(e, out.addressFor(p.src), portLo, portHi, rnd)) {
                    fw.conntrackDrop(fw.current, p, "nat ports exhausted");
                    return false;
                }
                return true;
            default: // SNAT
                if (!fw.conntrack.setupSnat(e, addr == -1 ? p.src : addr, portLo, portHi, rnd)) {
                    fw.conntrackDrop(fw.current, p, "nat ports exhausted");
                    return false;
                }
                return true;
        }
    }

    @Override
    public void helper(final Packet p, final int slot) {
        if (fw.conntrack != null && p.ct instanceof ConnEntry e) {
            fw.conntrack.assignHelper(e, fw.helperBySlot[slot], fw.program.helpers().get(slot).name());
        } else if (fw.conntrack != null) {
            fw.templatePacket = p;
            fw.templateHelper = slot;
        }
    }

    @Override
    public void ctTimeout(final Packet p, final int slot) {
        if (fw.conntrack != null && p.ct instanceof ConnEntry e) {
            fw.conntrack.applyTimeouts(e, fw.program.timeouts().get(slot).l4proto(), fw.timeoutsBySlot[slot]);
        }
    }

    @Override
    public int ctExpect(final Packet p, final int slot) {
        if (fw.conntrack == null || !(p.ct instanceof ConnEntry e)) {
            return 0;
        }
        final Program.ExpectObj x = fw.program.expectations().get(slot);
        final int r = fw.conntrack.expectByObject(e, x.l4proto(), x.dport(), x.timeoutNs(), x.size(), x.name());
        if (r < 0) {
            fw.conntrackDrop(fw.current, p, "expectation table full");
        }
        return r;
    }

    @Override
    public void offload(final Packet p) {
        // nft_flow_offload_eval: tcp or udp, confirmed, no helper, not NEW or RELATED, no FIN/RST
        if (p.ct instanceof ConnEntry e && e.is(ConnEntry.CONFIRMED) && e.helper() == null
                && (p.ctInfo & (CtState.NEW | CtState.RELATED)) == 0
                && (p.protocol == 17 || p.protocol == Packet.PROTO_TCP && !p.has(Packet.FIN) && !p.has(Packet.RST))) {
            fw.offloaded.put(e, Boolean.TRUE);
        }
    }

    @Override
    public NetInterface route(final int addr) {
        if (fw.node.isLocal(addr)) { // the local table: each address on its own device, 127/8 on lo
            final NetInterface i = fw.node.interfaceFor(addr);
            return i != null ? i : fw.node.loopback();
        }
        final var r = fw.node.routes().lookup(addr);
        return r == null ? null : r.iface();
    }

    @Override
    public int addressType(final int addr) {
        if (fw.node.isLocal(addr)) {
            return 2; // RTN_LOCAL
        }
        if (addr == -1) {
            return 3; // RTN_BROADCAST
        }
        if ((addr >>> 28) == 0xe) {
            return 5; // RTN_MULTICAST
        }
        for (final NetInterface i : fw.node.interfaces()) {
            final int len = i.prefix() == null ? 32 : i.prefix().length();
            final int host = len >= 31 ? 0 : -1 >>> len;
            if (host != 0 && addr == (i.address() | host)) {
                return 3; // the subnet's broadcast address
            }
        }
        return fw.node.routes().lookup(addr) == null ? 7 : 1; // RTN_UNREACHABLE, RTN_UNICAST
    }

    @Override
    public int mtu(final NetInterface out) {
        return 1500; // Ethernet: ftpsim's routes carry no MTU of their own
    }

    @Override
    public void decided(final Program.ChainCode chain, final int rule, final Packet p, final boolean dropped) {
        if (fw.tracer != null) {
            fw.tracer.met(fw, fw.current, fw.currentIn, fw.currentOut, chain, rule, p, dropped, null, false);
        }
        // a nat chain's accept only means "no translation here": reports show its drops alone
        if (fw.listener != null && (dropped || !Firewall.chainIsNat(chain))) {
            fw.listener.decided(fw, fw.current, chain, rule, p, dropped);
        }
    }
}
