package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The address translations NAT made along the path, learned from conntrack: each translated
 * connection's original and reply tuples link an endpoint (address and port) as one side wrote it
 * with the endpoint the other side sees (SNAT: the original source and the reply's destination;
 * DNAT: the original destination and the reply's source). So a connection can be followed through
 * every translation: a firewall behind a client's masquerade saw the client's data connection
 * from the public address, and one in front of a DNAT saw the server's connections to the public
 * address.
 *
 * <p>Learned on each firewall node's POSTROUTING hook, after source NAT, from the first packet
 * (SYN) of each connection only: one look per connection, not per packet. A session's endpoints
 * are {@linkplain #forget forgotten} when it ends, so the table holds live connections.
 */
final class Translations {
    /** Endpoint key to the endpoints it was translated to or from; null when not kept (see {@link #serversOnly}). */
    private final Map<Long, List<Long>> links;
    /** Per server, its address and those that stand for it further along (a DNAT address, its SNAT address). */
    private final ServerAddresses[] servers;

    /** @param servers the FTP servers' own addresses */
    Translations(final int[] servers) {
        this(servers, true);
    }

    /**
     * Learns only which addresses stand for each server, not the endpoints' links: for a user
     * that never asks for {@link #endpoints} and so never {@linkplain #forget forgets} any, whose
     * links would otherwise grow by a few entries for every connection of the run.
     */
    static Translations serversOnly(final int[] servers) {
        return new Translations(servers, false);
    }

    private Translations(final int[] servers, final boolean keepLinks) {
        this.links = keepLinks ? new HashMap<>() : null;
        this.servers = new ServerAddresses[servers.length];
        for (int i = 0; i < servers.length; i++) {
            this.servers[i] = new ServerAddresses(servers[i]);
        }
    }

    /** Learns from the connections leaving {@code node}. */
    void watch(final Node node) {
        node.hooks().register(Hook.POSTROUTING, Integer.MAX_VALUE, (hook, p, in, out) -> {
            if ((p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN && p.ct instanceof ConnEntry e
                    && (e.is(ConnEntry.SRC_NAT) || e.is(ConnEntry.DST_NAT))) {
                learn(e);
            }
            return Verdict.ACCEPT;
        });
    }

    private void learn(final ConnEntry e) {
        final long origSrc = key(e.srcIp(0), e.srcPort(0));
        final long origDst = key(e.dstIp(0), e.dstPort(0));
        final long replySrc = key(e.srcIp(1), e.srcPort(1));
        final long replyDst = key(e.dstIp(1), e.dstPort(1));
        if (origDst != replySrc) {
            link(origDst, replySrc);
            for (final ServerAddresses s : servers) {
                if (s.test(e.srcIp(1))) {
                    s.add(e.dstIp(0)); // DNAT to a server: its public address stands for it
                }
            }
        }
        if (origSrc != replyDst) {
            link(origSrc, replyDst);
            for (final ServerAddresses s : servers) {
                if (s.test(e.srcIp(0))) {
                    s.add(e.dstIp(1)); // a server's own connection leaves under another address
                }
            }
        }
    }

    private void link(final long a, final long b) {
        if (links == null) {
            return;
        }
        final List<Long> la = links.computeIfAbsent(a, k -> new ArrayList<>(2));
        if (!la.contains(b)) {
            la.add(b);
            links.computeIfAbsent(b, k -> new ArrayList<>(2)).add(a);
        }
    }

    /** {@code ip:port} and every endpoint it was translated to or from, along any number of NATs; itself first. */
    Set<Long> endpoints(final int ip, final int port) {
        final Set<Long> seen = new LinkedHashSet<>();
        final ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(key(ip, port));
        while (!todo.isEmpty()) {
            final Long k = todo.poll();
            if (seen.add(k)) {
                todo.addAll(links == null ? List.of() : links.getOrDefault(k, List.of()));
            }
        }
        return seen;
    }

    /** Forgets the translations of these endpoints (a session ended). */
    void forget(final Set<Long> endpoints) {
        if (links == null) {
            return;
        }
        for (final Long k : endpoints) {
            final List<Long> l = links.remove(k);
            if (l != null) {
                for (final Long other : l) {
                    final List<Long> back = links.get(other);
                    if (back != null) {
                        back.remove(k);
                        if (back.isEmpty()) {
                            links.remove(other);
                        }
                    }
                }
            }
        }
    }

    /** Endpoints remembered: what a run of finished sessions must bring back to zero. */
    int size() {
        return links == null ? 0 : links.size();
    }

    /** Counts {@code address} as server {@code i}'s too (its IPv6 address, say). */
    void addServerAddress(final int i, final int address) {
        servers[i].add(address);
    }

    /** Server {@code i}'s address and the addresses learned to stand for it, as a channel recorder asks. */
    IntPredicate server(final int i) {
        return servers[i];
    }

    /** The key {@link DataPathObserver} files an endpoint under. */
    static long key(final int ip, final int port) {
        return (ip & 0xffff_ffffL) << 16 | (port & 0xffff);
    }

    /** A few addresses, scanned: a scenario has a handful of servers and NAT addresses. */
    private static final class ServerAddresses implements IntPredicate {
        private int[] addrs;
        private int n;

        ServerAddresses(final int server) {
            addrs = new int[] {server, 0, 0, 0};
            n = 1;
        }

        @Override
        public boolean test(final int a) {
            for (int i = 0; i < n; i++) {
                if (addrs[i] == a) {
                    return true;
                }
            }
            return false;
        }

        void add(final int a) {
            if (!test(a)) {
                if (n == addrs.length) {
                    addrs = java.util.Arrays.copyOf(addrs, Math.max(4, 2 * n));
                }
                addrs[n++] = a;
            }
        }
    }
}
