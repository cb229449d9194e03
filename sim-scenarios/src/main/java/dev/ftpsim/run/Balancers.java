package dev.ftpsim.run;

import dev.ftpsim.core.balancer.Balancer;
import dev.ftpsim.core.balancer.Flow;
import dev.ftpsim.core.balancer.Profile;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.FailureReason;
import dev.ftpsim.scenario.BalancerSpec;
import dev.ftpsim.scenario.FtpSpec;
import dev.ftpsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's load balancers, built on their routers, and what they did to FTP sessions: a
 * passive data connection the balancer sent to a backend other than the one holding the client's
 * control connection reached a server that never announced that port. Such a failed session's
 * reason becomes {@link FailureReason#DATA_WRONG_BACKEND}.
 *
 * <p>Only mismatches are kept (client address and data port), until the session that made them
 * ends: with affinity nothing is kept at all. The control connection of a data connection is the
 * client address's latest connection to a control port (the port its FTP clients dial on the
 * virtual address); concurrent sessions of one address to different backends could be confused.
 */
final class Balancers implements Balancer.Listener {
    private final Map<String, Balancer> built = new LinkedHashMap<>();
    /** Per balancer, the front ports its FTP clients dial for control connections. */
    private final Map<Balancer, Set<Integer>> controlPorts = new HashMap<>();
    /** Client address to the backend index of its latest control connection, per balancer. */
    private final Map<Balancer, Map<Integer, Integer>> controlBackend = new HashMap<>();
    /** Client address and port of data connections sent to another backend than their control's. */
    private final Set<Long> mismatched = new HashSet<>();
    private final List<Balancer.Listener> also = new ArrayList<>();
    /** The HAProxy backends by router name. */
    private final Map<String, HaproxyBackend> pools = new LinkedHashMap<>();

    /**
     * Builds every balancer of {@code scenario} on {@code net}; {@code recorders} are told of each
     * connection a proxying balancer relays.
     */
    Balancers(final Scenario scenario, final NetworkBuilder net, final dev.ftpsim.core.kernel.Simulator sim,
            final List<Recorder> recorders) {
        for (final BalancerSpec s : scenario.balancers().values()) {
            final long seed = sim.streams().stream("balancer/" + s.router() + "/hash").nextLong();
            final boolean proxy = Profile.byKey(s.profile()).terminates();
            final Balancer b = proxy ? Balancer.forProxy(s.router(), net.node(s.router()), s.config(), seed)
                    : Balancer.install(s.router(), net.node(s.router()), s.config(), seed);
            s.down().forEach(i -> b.setHealthy(i, false));
            if (proxy) {
                final HaproxyBackend pool = new HaproxyBackend(b, s.haproxy(), s.connectTimeoutNanos());
                proxy(b, pool, net, recorders);
                if (s.haproxy().check() != null) {
                    pool.startChecks(net.tcp(b.node()), s.haproxy().check(), s.down());
                }
                pools.put(s.router(), pool);
            }
            final Set<Integer> ports = new HashSet<>();
            for (final FtpSpec.Clients c : scenario.ftp().clients()) {
                if (c.serverAddress() == s.config().virtualAddress()) {
                    ports.add(c.port());
                }
            }
            controlPorts.put(b, ports);
            controlBackend.put(b, new HashMap<>());
            b.setListener(this);
            built.put(s.router(), b);
        }
    }

    /**
     * HAProxy's {@code retries} default: "the number of times to retry a connection to a server
     * after a failure (3 by default)" (configuration.txt, retries).
     */
    static final int HAPROXY_RETRIES = 3;

    /**
     * HAProxy's turn-around timer before a retry: "a turn-around timer of min("timeout connect",
     * one second) is applied before a retry occurs" (configuration.txt, retries); measured with
     * 2.6.12 and no {@code timeout connect}: four SYNs to a refusing server at 0, 1.002, 2.004 and
     * 3.007 s, then the client's FIN; with {@code timeout connect 300ms}, 0.905 s in all.
     */
    static final long HAPROXY_RETRY_DELAY = 1_000_000_000L;

    /** HAProxy's wait before a retry after a failed connect: min({@code timeout connect}, 1 s). */
    static long haproxyRetryDelay(final long connectTimeoutNanos) {
        return connectTimeoutNanos > 0 ? Math.min(connectTimeoutNanos, HAPROXY_RETRY_DELAY) : HAPROXY_RETRY_DELAY;
    }

    /**
     * Makes balancer {@code b}'s router a terminating proxy, as HAProxy in {@code mode tcp}: the
     * virtual address becomes the router's own (as an address on a dummy interface, where
     * HAProxy's host has it), and a proxy listens on each front port of it; each accepted
     * connection gets a backend from {@code b} and the proxy's own connection to it, from the
     * router's address toward the backend.
     */
    private static void proxy(final Balancer b, final HaproxyBackend pool, final NetworkBuilder net,
            final List<Recorder> recorders) {
        final dev.ftpsim.core.net.Node node = b.node();
        final int vip = b.config().virtualAddress();
        holdVirtualAddress(node, vip);
        final dev.ftpsim.core.tcp.TcpStack tcp = net.tcp(node);
        for (final int[] r : b.config().frontPorts()) {
            for (int port = r[0]; port <= r[1]; port++) {
                UserlandProxy.start(tcp, port, vip, pool::admit,
                        (front, back) -> recorders.forEach(rec -> rec.relayed(node, front, back)));
            }
        }
    }

    /** Gives {@code node} the proxy's virtual address on a dummy interface, unless it has it already. */
    static void holdVirtualAddress(final dev.ftpsim.core.net.Node node, final int vip) {
        if (!node.isLocal(vip)) {
            String name = VIP_INTERFACE;
            for (int k = 1; hasInterface(node, name); k++) {
                name = VIP_INTERFACE + k; // the scenario named one of the router's own so
            }
            node.addInterface(name, dev.ftpsim.core.net.Ipv4.format(vip) + "/32");
        }
    }

    private static boolean hasInterface(final dev.ftpsim.core.net.Node node, final String name) {
        return node.interfaces().stream().anyMatch(i -> i.name().equals(name));
    }

    /** The name of the dummy interface that holds a proxy's virtual address on its router. */
    static final String VIP_INTERFACE = "vip";

    /** The HAProxy backend on router {@code router}, or null. */
    HaproxyBackend haproxy(final String router) {
        return pools.get(router);
    }

    /**
     * What each HAProxy balancer's checks and queue did, by router name: those that check their
     * servers or queued a connection (the others have nothing to tell).
     */
    Map<String, BalancerLog> logs() {
        final Map<String, BalancerLog> out = new LinkedHashMap<>();
        pools.forEach((router, pool) -> {
            if (!pool.checked() && pool.queued() == 0) {
                return;
            }
            final List<Integer> backends = built.get(router).config().backends();
            final Map<String, BalancerLog.Server> servers = new LinkedHashMap<>();
            for (int i = 0; i < backends.size(); i++) {
                final int server = i;
                servers.put(dev.ftpsim.core.net.Ipv4.format(backends.get(i)), new BalancerLog.Server(pool.checks(i),
                        pool.checksRefused(i), pool.checksUnanswered(i), pool.checkSynsUnanswered(i), pool.transitions().stream().filter(t -> t.backend() == server)
                                .map(Balancers::logged).toList()));
            }
            out.put(router, new BalancerLog(pool.queued(), pool.queueTimeouts(), servers));
        });
        return out;
    }

    /** A check's mark as summary.json holds it. */
    static BalancerLog.Transition logged(final HaproxyBackend.Transition t) {
        return new BalancerLog.Transition(t.at() / 1e9, t.up() ? "UP" : "DOWN", t.reason(), t.info(),
                t.checkNanos() / 1_000_000, t.upLeft(), t.sessions(), t.queued());
    }

    /** The balancers by router name, in the scenario's order. */
    Map<String, Balancer> all() {
        return java.util.Collections.unmodifiableMap(built);
    }

    /** Adds a listener told of every balancer's flows after this one. */
    void listen(final Balancer.Listener l) {
        also.add(l);
    }

    @Override
    public void created(final Balancer b, final Flow f) {
        final Map<Integer, Integer> control = controlBackend.get(b);
        if (controlPorts.get(b).contains(f.frontPort())) {
            control.put(f.clientAddress(), f.backend());
        } else {
            final Integer cb = control.get(f.clientAddress());
            if (cb != null && cb != f.backend()) {
                mismatched.add(key(f.clientAddress(), f.clientPort()));
            } else {
                mismatched.remove(key(f.clientAddress(), f.clientPort())); // redispatched to the right one
            }
        }
        for (final Balancer.Listener l : also) {
            l.created(b, f);
        }
    }

    @Override
    public void forgot(final Balancer b, final Flow f, final Balancer.Forget why, final long at) {
        for (final Balancer.Listener l : also) {
            l.forgot(b, f, why, at);
        }
    }

    /**
     * The session's record, its reason replaced when it failed on a data connection a balancer
     * sent to a backend that had not announced it.
     */
    FtpSessionRecord diagnose(final int clientAddress, final FtpSessionRecord r) {
        final int port = r.dataPath().clientPort();
        if (port == 0 || !mismatched.remove(key(clientAddress, port)) || r.ok() || !r.outcome().finished()) {
            return r;
        }
        final FailureReason was = r.outcome().reason();
        if (was != FailureReason.DATA_CONNECT_FAILED && was != FailureReason.DATA_CONNECT_TIMEOUT
                && was != FailureReason.TRANSFER_FAILED) {
            return r;
        }
        final FtpSessionRecord.Outcome o = r.outcome();
        return new FtpSessionRecord(r.identity(), r.timings(), r.transfer(), new FtpSessionRecord.Outcome(o.finished(),
                FailureReason.DATA_WRONG_BACKEND, o.cause(), o.lastReplyCode(), o.lastReplyText()), r.dataPath());
    }

    private static long key(final int addr, final int port) {
        return (addr & 0xFFFF_FFFFL) << 16 | port;
    }
}
