/**
 * The rule engine's back end: the IR of {@link dev.ftpsim.core.rules} compiled into a small VM.
 *
 * <h2>Theory of operation</h2>
 * <p>{@link dev.ftpsim.core.rules.vm.Compiler} turns the tables an IPv4 packet meets ({@code ip} and
 * {@code inet}, not dormant) into a {@link dev.ftpsim.core.rules.vm.Program}: every chain an array of
 * rules, every rule a flat array of instructions. A match loads one field per key component into a
 * long register under {@code (x & mask) ^ xor} and compares it (equality, order, a bitmask's any/none,
 * an inclusive range) or looks the key up in a {@code KeySet}: per component intervals, so prefixes,
 * ranges and concatenations share one structure, sorted and bisected when it has one component and
 * disjoint elements. Interface names become small ids when the program is compiled for a node
 * ({@code lo} is 1, a {@code *} wildcard the ids it matches); helper names become ids too. Fields
 * carry guards for the kernel's implicit dependencies: ip fields match IPv4 packets only, ip6
 * fields IPv6 only, tcp/udp/icmp/icmpv6 fields their protocol. IPv6 addresses are 128 bits, wider
 * than a register: {@code ip6 saddr/daddr} against an address or prefix ({@code CMP6}) or a set of
 * intervals ({@code LOOKUP6}) have instructions of their own; in concatenations and maps they
 * compile to a match that fails. Chains of ip tables skip IPv6 packets, of ip6 tables IPv4 ones.
 *
 * <p>{@link dev.ftpsim.core.rules.vm.Machine} runs a base chain on a packet: rule by rule, a failed
 * match ends the rule, a verdict ends the chain; {@code jump} pushes on a stack of the kernel's 16
 * entries, {@code goto} replaces, {@code return} or a chain's end pops, and the base chain's policy
 * decides when nothing did (a {@link dev.ftpsim.core.rules.vm.Machine.Tracer}, when set, hears of each
 * jump and goto, for {@code ftpsim trace}; it is checked there only, not per rule). A {@code flow add} hands a connection to the firewall's flowtable:
 * its packets skip the prerouting, forward and postrouting chains until a FIN or RST. State rules keep (counters, token buckets in simulated time after
 * nft_limit.c, quotas, dynamic sets with timeouts, xt_recent lists) lives in the machine, not the
 * program, so one program serves many runs. Nothing is allocated per packet.
 *
 * <p>What rules do outside the machine (reject answers, log lines, NAT bindings, helper assignment,
 * routing lookups for {@code fib}) goes through {@link dev.ftpsim.core.rules.vm.Machine.Host}, which
 * {@link dev.ftpsim.core.firewall.Firewall} implements on its node. Nat chains see only a
 * connection's first packet, through the firewall's NAT hooks at -100 and 100.
 *
 * <p>{@code jhash} hashes its key's register bytes with the kernel's jhash ({@link
 * dev.ftpsim.core.rules.vm.Jhash}); {@code ct count} and xtables' connlimit keep a list of connection
 * entries per rule (nf_conncount), walked when a packet meets the rule, so entries that left the table
 * stop counting; a set update with a {@code limit} (meters, hashlimit) keeps one token bucket per
 * element, grown with the set, never per packet.
 *
 * <p>Maps may yield objects (a counter, quota, limit, ct helper, ct timeout or ct expectation slot):
 * the statement looks its key up and uses the element's object, or breaks the rule when there is none.
 * {@code meta skuid}/{@code skgid} carry a socket guard: only packets a host's own processes send
 * have an owner (the uid its TCP runs as); for any other packet the match fails, negated or not.
 *
 * <p>For a switch ({@code Compiler.compileBridge}) the program holds its {@code bridge} tables, run
 * on the frames it bridges: {@code ether saddr}/{@code daddr} load the stations' synthetic MAC addresses
 * ({@code NetInterface.mac}), {@code ether type} the carried packet's family; an ip, ip6 or inet table
 * there, a nat chain, {@code reject}, {@code flow add} and {@code fib} are refused at their positions.
 *
 * <p>Everything else in the IR is refused at compile time at its position, saying it is not
 * modelled: ether fields outside bridge tables, vlan fields, {@code meta priority}, {@code queue},
 * the ingress/egress hooks.
 */
package dev.ftpsim.core.rules.vm;
