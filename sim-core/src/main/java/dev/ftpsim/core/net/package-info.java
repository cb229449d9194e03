/**
 * The IPv4 and IPv6 network: addresses as {@code int} (an IPv6 address as its network's id, see
 * {@link dev.ftpsim.core.net.Ipv6}), {@link dev.ftpsim.core.net.Prefix}es and
 * {@link dev.ftpsim.core.net.Prefix6}es,
 * {@link dev.ftpsim.core.net.Packet}s (pooled), {@link dev.ftpsim.core.net.Host}s and
 * {@link dev.ftpsim.core.net.Router}s with interfaces, static routes (longest-prefix match over
 * one hash table per prefix length, whose keys also say which of the router's own addresses each
 * prefix holds: a forwarded packet is judged "not mine" from its route, without the address
 * table), point-to-point {@link dev.ftpsim.core.net.Link}s (bandwidth,
 * propagation delay, drop-tail queues in bytes and/or packets, MTU, Bernoulli or Gilbert-Elliott
 * loss from the named stream {@code link/<link>/<node>.<iface>/loss} of each direction), and
 * per-interface counters with drops by {@link dev.ftpsim.core.net.DropCause}.
 *
 * <p>Every packet walks netfilter's hooks, even empty ones, so firewalls, conntrack and NAT plug
 * in through {@link dev.ftpsim.core.net.NetfilterHooks#register} without touching the path:
 *
 * <pre>
 * in iface -> PREROUTING -> route -+-> INPUT   -> local TCP
 *                                  +-> FORWARD -> POSTROUTING -> out iface
 * local TCP -> route -> OUTPUT -> POSTROUTING -> out iface
 * </pre>
 *
 * Every node has a loopback interface {@code lo} (127.0.0.1/8, made when first used): what a node
 * sends to one of its own addresses leaves through OUTPUT and POSTROUTING on {@code lo} and comes
 * back through PREROUTING and INPUT on it, as Linux's local routing table sends it. Interface
 * names follow Linux's rules ({@link dev.ftpsim.core.net.NetInterface#nameProblem}).
 *
 * <p>Routers answer with ICMP net unreachable (no route) and time exceeded (TTL); ICMP is not rate
 * limited, there is no ARP, no fragmentation and no broadcast.
 */
package dev.ftpsim.core.net;
