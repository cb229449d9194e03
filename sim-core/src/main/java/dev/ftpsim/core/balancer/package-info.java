/**
 * An L4 load balancer in NAT mode, as LVS-NAT, AWS Network Load Balancer, Azure Load Balancer and
 * HAProxy's TCP mode are seen from the hosts: a virtual address and front ports in front of
 * backends; a connection's first packet picks a backend (5-tuple hash, round robin or source
 * address), later packets follow its entry in the balancer's own connection table, and the
 * backend's replies come back through the balancer, which rewrites them to the virtual address.
 *
 * <p>Theory of operation. A {@link dev.ftpsim.core.balancer.Balancer} is a hook function at
 * PREROUTING of a forwarding node (before a firewall's conntrack there would see the packet), so
 * the node's routing then sends the rewritten packet to the backend or the client. Its table is
 * an open-addressing map of packed 5-tuples (the front tuple and the backend's reply tuple) to
 * flow ids: a forwarded packet costs one lookup and allocates nothing. Each flow has one idle
 * timer, re-armed lazily: a packet only stamps the flow, and the timer, when it fires early,
 * re-schedules itself at the last stamp plus the timeout. At expiry the flow is forgotten
 * silently, or with a reset to both ends, or silently with a reset answering whoever sends next, or
 * as a TCP proxy closes: a FIN to the client and a reset to the backend
 * ({@link dev.ftpsim.core.balancer.OnIdle}).
 *
 * <p>An LVS director ({@link dev.ftpsim.core.balancer.BalancerConfig.Lvs}) also tracks each
 * connection's TCP state and forgets it by that state's timeout, counts each backend's active and
 * inactive connections for wlc and lc, keeps persistence templates per client address, and, with
 * the IPVS FTP helper, rewrites a backend's 227 and keeps entries for the data connections whose
 * client port is not known yet (outside the 5-tuple map until the client's SYN fills it in).
 */
package dev.ftpsim.core.balancer;
