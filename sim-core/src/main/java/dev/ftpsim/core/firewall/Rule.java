package dev.ftpsim.core.firewall;

import java.util.List;

/**
 * One firewall rule, as written in nftables' language: matches, then statements (counter, log,
 * {@code ct helper set}), then at most one verdict. A rule without a verdict lets the packet
 * continue to the next rule, as in nftables.
 *
 * @param text the rule as the user wrote it, for reports ("dropped by rule ...")
 * @param matches all must hold for the rule to apply
 * @param statements executed in order when the rule applies, before the verdict
 * @param verdict what happens to the packet, or null to continue
 * @param comment the rule's {@code comment "..."}, or null
 */
public record Rule(String text, List<Match> matches, List<Statement> statements, Verdict verdict, String comment) {
    public Rule {
        matches = List.copyOf(matches);
        statements = List.copyOf(statements);
    }

    /** Which end of the packet a match looks at. */
    public enum Dir { SRC, DST }

    /** A condition on a packet or its conntrack entry. */
    public sealed interface Match
            permits Iface, Addr, Proto, Port, CtStateIs, CtHelperIs, CtStatusIs {}

    /** {@code iif/iifname NAME} (in = true) or {@code oif/oifname NAME}. */
    public record Iface(boolean in, String name, boolean negate) implements Match {
        /** Reads the optional negation and the name that follow the keyword. */
        Iface withName(final Rules.Cursor c) {
            final boolean neg = c.negation();
            return new Iface(in, c.name("an interface name"), neg);
        }
    }

    /** {@code ip saddr/daddr} against a set of prefixes. */
    public record Addr(Dir dir, List<Prefix4> prefixes, boolean negate) implements Match {
        public Addr {
            prefixes = List.copyOf(prefixes);
        }

        public boolean contains(final int address) {
            for (int i = 0; i < prefixes.size(); i++) { // indexed: no iterator per packet
                if (prefixes.get(i).contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code ip protocol}, or implied by {@code tcp dport ...}: IANA protocol number. */
    public record Proto(int protocol, boolean negate) implements Match {}

    /** {@code tcp/udp sport/dport} against port ranges; {@code protocol} is 6 or 17. */
    public record Port(int protocol, Dir dir, List<PortRange> ranges, boolean negate) implements Match {
        public Port {
            ranges = List.copyOf(ranges);
        }

        public boolean contains(final int port) {
            for (int i = 0; i < ranges.size(); i++) { // indexed: no iterator per packet
                final PortRange r = ranges.get(i);
                if (port >= r.lo() && port <= r.hi()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code ct state new,established}: bits of {@link CtState}. */
    public record CtStateIs(int states, boolean negate) implements Match {}

    /** {@code ct helper "ftp"}: the connection (or its master) is handled by that helper. */
    public record CtHelperIs(String helper, boolean negate) implements Match {}

    /** {@code ct status dnat|snat}: the connection is translated that way. */
    public record CtStatusIs(boolean dnat, boolean snat) implements Match {}

    /** Non-terminal actions. */
    public sealed interface Statement permits Counter, Log, CtHelperSet {}

    /** {@code counter} (anonymous, per rule) or {@code counter name "X"} (a named counter object). */
    public record Counter(String name) implements Statement {}

    /** {@code log [prefix "..."]}: the packet is recorded in the run's log. */
    public record Log(String prefix) implements Statement {}

    /** {@code ct helper set "NAME"}: assigns a helper object to a new connection. */
    public record CtHelperSet(String helper) implements Statement {}

    /** Terminal actions. */
    public sealed interface Verdict permits Accept, Drop, Reject, Dnat, Snat, Masquerade {}

    public record Accept() implements Verdict {}

    public record Drop() implements Verdict {}

    /**
     * {@code reject}: a TCP reset, or an ICMP destination-unreachable with the given code (RFC 792
     * and RFC 1812: 0 net, 1 host, 2 protocol, 3 port, 9/10 net/host prohibited, 13 administratively
     * prohibited). nftables' plain {@code reject} sends ICMP port unreachable.
     */
    public record Reject(boolean tcpReset, int icmpCode) implements Verdict {}

    /** {@code dnat to ADDR[:PORT]}; port -1 keeps the original. */
    public record Dnat(int address, int port) implements Verdict {}

    /** {@code snat to ADDR[:LO-HI]}; ports -1 mean "keep the source port if free". */
    public record Snat(int address, int portLo, int portHi) implements Verdict {}

    /** {@code masquerade [to :LO-HI]}: SNAT to the outgoing interface's address. */
    public record Masquerade(int portLo, int portHi) implements Verdict {}

    /** An inclusive port range. */
    public record PortRange(int lo, int hi) {}

    /** An IPv4 prefix; {@code address} has the host bits cleared. */
    public record Prefix4(int address, int length) {
        public boolean contains(final int a) {
            return length == 0 || ((a ^ address) & (-1 << (32 - length))) == 0;
        }

        @Override
        public String toString() {
            return dev.ftpsim.core.net.Ipv4.format(address) + (length == 32 ? "" : "/" + length);
        }
    }
}
