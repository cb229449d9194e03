package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Prefix;

/** An entry of {@code hosts}: one host, or a group of identical hosts on one subnet. */
public sealed interface HostSpec permits HostSpec.Single, HostSpec.Group {
    /** The key under {@code hosts}. */
    String name();

    /** The default gateway, 0 for none (only directly connected peers are reachable). */
    int gateway();

    /**
     * One host with one interface, {@code eth0}.
     *
     * @param name key under {@code hosts}
     * @param address interface address and prefix
     * @param gateway default gateway, 0 for none
     * @param address6 the interface's IPv6 address and prefix ({@code 2001:db8:1::10/64}), null for none
     * @param gateway6 the IPv6 default gateway, null for none
     */
    record Single(String name, Cidr address, int gateway, String address6, String gateway6) implements HostSpec {
        /** An IPv4-only host. */
        public Single(final String name, final Cidr address, final int gateway) {
            this(name, address, gateway, null, null);
        }
    }

    /**
     * {@code count} hosts named {@code name[0]} .. {@code name[count-1]}, each with one interface
     * {@code eth0} on {@code subnet}. Member {@code i} gets the {@code i}-th usable address counted
     * from {@code first}, skipping the gateway's address and, for prefixes up to /30, the
     * subnet's network and broadcast addresses.
     *
     * @param name key under {@code hosts}
     * @param count number of members, at least 1
     * @param subnet the members' subnet
     * @param first the first address handed out (by default the subnet's first usable one)
     * @param gateway default gateway, 0 for none
     */
    record Group(String name, int count, Prefix subnet, int first, int gateway) implements HostSpec {
        /** The address of member {@code i}, in O(1); the loader has checked that all members fit. */
        public int address(final int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("member " + i + " of " + count);
            }
            // Only three addresses of a subnet are skipped: the network address (a start there
            // moves up one), the gateway (everything at or after it moves up one) and the
            // broadcast address (the last one; the capacity check keeps members below it).
            long base = first & 0xFFFF_FFFFL;
            if (subnet.length() <= 30 && base == (subnet.network() & 0xFFFF_FFFFL)) {
                base++;
            }
            long a = base + i;
            final long gw = gateway & 0xFFFF_FFFFL;
            if (gateway != 0 && gw >= base && gw <= a) {
                a++;
            }
            return (int) a;
        }

        /** The member's name, {@code clients[17]}. */
        public String memberName(final int i) {
            return name + "[" + i + "]";
        }

        /**
         * How many members fit into the subnet from {@code first} on: the addresses from there to
         * the subnet's last one, less those that are not usable. Counted, not walked: a sweep
         * checks a million-member group once per point.
         */
        long capacity() {
            final long lo = first & 0xFFFF_FFFFL;
            final long net = subnet.network() & 0xFFFF_FFFFL;
            final long last = net | (~subnet.mask() & 0xFFFF_FFFFL);
            if (lo < net || lo > last) {
                return 0;
            }
            long n = last - lo + 1;
            if (subnet.length() <= 30) {
                n -= (lo == net ? 1 : 0) + 1; // the network address if in range; the broadcast address
            }
            final long gw = gateway & 0xFFFF_FFFFL;
            if (gw >= lo && gw <= last && !(subnet.length() <= 30 && (gw == net || gw == last))) {
                n--; // the gateway, unless already left out as the network or broadcast address
            }
            return n;
        }

        @Override
        public String toString() {
            return "Group[" + name + ", " + count + " in " + subnet + " from " + Ipv4.format(first) + "]";
        }
    }
}
