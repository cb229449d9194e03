package dev.ftpsim.run;

import dev.ftpsim.core.balancer.Algorithm;
import dev.ftpsim.core.balancer.Balancer;
import dev.ftpsim.core.balancer.Flow;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.core.tcp.TcpState;
import dev.ftpsim.scenario.BalancerSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's {@code backend} section around a balancer's choice (configuration.txt of 2.6, each
 * measured with 2.6.12 in front of two vsftpd 3.0.3): its {@code retries}, {@code option
 * redispatch}, each server's {@code maxconn} with the queue and {@code timeout queue}, and the
 * health checks ({@code check}) that mark a server down and up again.
 */
final class HaproxyBackend implements UserlandProxy.Pool {
    private final Balancer b;
    private final BalancerSpec.Haproxy cfg;
    private final Simulator sim;
    private final long connectTimeout;
    /** Per server, the connections it holds (HAProxy's {@code cur_sess}, which {@code maxconn} limits). */
    private final int[] current;
    /** The flow of each dial handed out, until its relay is over. */
    private final Map<UserlandProxy.Dial, Flow> flows = new IdentityHashMap<>();
    /** Connections waiting for a server, oldest first (the backend's queue). */
    private final ArrayDeque<UserlandProxy.Waiter> queue = new ArrayDeque<>();
    private final List<Transition> transitions = new ArrayList<>();
    /** Per server, checks ended, and those refused (each one SYN the server's kernel answered with a reset). */
    private final int[] checks;
    private final int[] checksRefused;
    /** Per server, checks given up unanswered while connecting, and the SYNs they sent. */
    private final int[] checksUnanswered;
    private final long[] checkSynsUnanswered;
    /** Connections that waited in the queue, and those {@code timeout queue} closed there. */
    private int queued;
    private int queueTimeouts;

    /**
     * A server a health check marked down or up, with HAProxy's words for the check that did it
     * (checks.c, check_reason_string: "Layer4 connection problem", "Layer4 timeout", "Layer4 check
     * passed", "Layer7 ..." with {@code tcp-check}), its info (null when HAProxy logs none), how long
     * the check took, and how many servers were up after it.
     */
    record Transition(long at, int backend, boolean up, String reason, String info, long checkNanos, int upLeft,
            int sessions, int queued) {}

    HaproxyBackend(final Balancer b, final BalancerSpec.Haproxy cfg, final long connectTimeout) {
        this.b = b;
        this.cfg = cfg;
        this.sim = b.node().network().simulator();
        this.connectTimeout = connectTimeout;
        this.current = new int[b.config().backends().size()];
        this.checks = new int[current.length];
        this.checksRefused = new int[current.length];
        this.checksUnanswered = new int[current.length];
        this.checkSynsUnanswered = new long[current.length];
    }

    /** Server {@code i}'s checks that ended by the stop. */
    int checks(final int i) {
        return checks[i];
    }

    /** Server {@code i}'s checks refused: each one a SYN its kernel found no listener for. */
    int checksRefused(final int i) {
        return checksRefused[i];
    }

    /** Server {@code i}'s checks given up after inter while still connecting: no SYN-ACK came. */
    int checksUnanswered(final int i) {
        return checksUnanswered[i];
    }

    /** The SYNs those checks sent, retransmissions included: each one lost somewhere or unanswered. */
    long checkSynsUnanswered(final int i) {
        return checkSynsUnanswered[i];
    }

    /** Connections that waited in the queue for a server under its maxconn. */
    int queued() {
        return queued;
    }

    /** Connections {@code timeout queue} closed while they waited (HAProxy's log: "sQ"). */
    int queueTimeouts() {
        return queueTimeouts;
    }

    /** Whether the backend checks its servers. */
    boolean checked() {
        return cfg.check() != null;
    }

    /** The servers the health checks marked down or up, in order. */
    List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /**
     * The dial for a connection just accepted: a server below its maxconn; a place in the queue
     * when every server up is at its maxconn; null when none is up (the client gets a FIN at once).
     */
    UserlandProxy.Dial admit(final TcpConnection front) {
        boolean anyUp = false;
        for (int i = 0; i < current.length; i++) {
            if (b.isHealthy(i)) {
                anyUp = true;
                if (room(i)) {
                    return take(b.accepted(front.remoteIp(), front.remotePort(), front.localPort(), this::room));
                }
            }
        }
        if (anyUp) {
            // measured: 'server s1 ... maxconn 1' and a second connection: [F.] to the client 5.000 s
            // later with 'timeout connect 5s' and no 'timeout queue'; log "<NOSRV> ... sQ"
            return UserlandProxy.Dial.queued(this, b.config().idleTimeoutNanos());
        }
        b.accepted(front.remoteIp(), front.remotePort(), front.localPort()); // counts the refusal
        return null;
    }

    private boolean room(final int i) {
        final int max = cfg.maxconn(i);
        return max == 0 || current[i] < max;
    }

    private UserlandProxy.Dial take(final Flow f) {
        if (f == null) {
            return null;
        }
        current[f.backend()]++;
        final UserlandProxy.Dial d = new UserlandProxy.Dial(f.backendAddress(), f.backendPort(), cfg.retries(),
                Balancers.haproxyRetryDelay(connectTimeout), connectTimeout, b.config().idleTimeoutNanos(), true,
                at -> b.expired(f, at), this);
        flows.put(d, f);
        return d;
    }

    /**
     * {@code option redispatch} (HAProxy 2.6.12, measured: round robin, two servers, both refusing:
     * SYNs to s1, s2, s1, s2 within 0.2 ms, then the client's FIN; log "+3"): with round robin and
     * more than one server up every retry goes to the next server at once; otherwise only the last
     * retry, or any retry while the server is down (configuration.txt: "redispatching on the last
     * retry"). A hash (balance source) chooses the same server again while it is up, and that last
     * retry too goes at once (measured: balance source, the last SYN 0.1 ms after the third, to the
     * same server; log "3", not "+3").
     */
    @Override
    public UserlandProxy.Dial retry(final UserlandProxy.Dial failed, final int retriesLeft) {
        final Flow f = flows.get(failed);
        if (!cfg.redispatch() || f == null) {
            return null;
        }
        final boolean hash = b.config().algorithm() != Algorithm.ROUND_ROBIN;
        final boolean down = !b.isHealthy(f.backend());
        if (!(down || retriesLeft == 0 || !hash && upCount() > 1)) {
            return null;
        }
        boolean other = false;
        for (int i = 0; i < current.length; i++) {
            other |= i != f.backend() && b.isHealthy(i) && room(i);
        }
        if (hash && !down || !other) {
            return failed; // the same server, at once
        }
        final Flow next = b.accepted(f.clientAddress(), f.clientPort(), f.frontPort(),
                i -> room(i) && i != f.backend());
        if (next == null) {
            return failed;
        }
        flows.remove(failed);
        current[f.backend()]--;
        return take(next);
    }

    private int upCount() {
        int n = 0;
        for (int i = 0; i < current.length; i++) {
            n += b.isHealthy(i) ? 1 : 0;
        }
        return n;
    }

    @Override
    public void released(final UserlandProxy.Dial last) {
        final Flow f = flows.remove(last);
        if (f != null) {
            current[f.backend()]--;
            dequeue();
        }
    }

    @Override
    public void waiting(final UserlandProxy.Waiter w) {
        queue.add(w);
        queued++;
        if (cfg.queueTimeoutNanos() > 0) {
            sim.schedule(cfg.queueTimeoutNanos(), x -> {
                if (queue.remove(w) && !w.gone()) {
                    queueTimeouts++;
                    w.reject();
                }
            }, null);
        }
    }

    /** Hands slots that came free to the oldest waiting connections; how many got one. */
    private int dequeue() {
        int granted = 0;
        while (!queue.isEmpty()) {
            final UserlandProxy.Waiter w = queue.peek();
            if (w.gone()) {
                queue.poll();
                continue;
            }
            final TcpConnection c = w.client();
            final UserlandProxy.Dial d = take(b.accepted(c.remoteIp(), c.remotePort(), c.localPort(), this::room));
            if (d == null) {
                return granted;
            }
            queue.poll();
            w.grant(d);
            granted++;
        }
        return granted;
    }

    /**
     * Starts the health checks of every server not marked {@code down}, from the router's TCP
     * {@code tcp}: the k-th of n checked servers first at k × interval / n (checks.c, start_checks:
     * "mininter * srvpos / nbcheck"; measured with two servers: 0 and 1.0 s after start).
     */
    void startChecks(final TcpStack tcp, final BalancerSpec.HealthCheck hc, final List<Integer> down) {
        final List<Check> checks = new ArrayList<>();
        for (int i = 0; i < current.length; i++) {
            if (!down.contains(i)) {
                checks.add(new Check(tcp, hc, i));
            }
        }
        for (int k = 0; k < checks.size(); k++) {
            final Check c = checks.get(k);
            sim.schedule(c.interval() * k / checks.size(), x -> c.run(), null);
        }
    }

    /**
     * One server's check, as HAProxy's plain TCP check: a connect to the check port, passed when
     * the handshake completes, failed on a refusal or when {@code inter} passes without an answer
     * (with no {@code timeout check}, "inter" is the check's timeout: measured 2.002 s, "Layer4
     * timeout"). A passed check's connection is closed with a reset before the handshake's last
     * ACK (HAProxy turns TCP_QUICKACK off: measured SYN, SYN-ACK, [R.]), so vsftpd never accepts it:
     * no "CONNECT" in its log, nothing counted toward max_clients or max_per_ip. The next check
     * follows the end of this one by the interval of the server's state.
     *
     * <p>With {@code expect} ({@code option tcp-check}, {@code tcp-check expect string 220}) the
     * check completes the handshake and reads: it passes once the server's bytes hold the text,
     * then resets the connection, and fails when they do not by the timeout or the server closes
     * first. Measured with vsftpd 3.0.3: SYN, SYN-ACK, ACK, the 20-byte greeting, ACK, [R.]; vsftpd
     * logged "CONNECT: Client "10.1.1.1"" and its 220 for every check, so these checks do count
     * toward its max_clients and max_per_ip while they last.
     */
    private final class Check implements TcpHandler {
        final TcpStack tcp;
        final BalancerSpec.HealthCheck hc;
        final int server;
        final int address;
        /**
         * HAProxy's check->health: 0 down .. rise + fall - 1 fully up; a server starts at rise, up
         * but not fully ("yet unchecked"), so its first failed check marks it down (measured: DOWN
         * after one refused check), its first passed one fully up (set_server_check_status).
         */
        int health;
        TcpConnection conn;
        long started;
        /** What the server sent on the check's connection so far (with {@code expect}). */
        final StringBuilder read = new StringBuilder();

        Check(final TcpStack tcp, final BalancerSpec.HealthCheck hc, final int server) {
            this.tcp = tcp;
            this.hc = hc;
            this.server = server;
            this.address = b.config().backends().get(server);
            this.health = hc.rise();
        }

        /** srv_getinter: inter when fully up, downinter when down, fastinter while changing. */
        long interval() {
            if (health == hc.rise() + hc.fall() - 1) {
                return hc.intervalNanos();
            }
            if (health == 0 && hc.downIntervalNanos() > 0) {
                return hc.downIntervalNanos();
            }
            return hc.fastIntervalNanos() > 0 ? hc.fastIntervalNanos() : hc.intervalNanos();
        }

        void run() {
            started = sim.now();
            final TcpConnection c = tcp.connect(address, hc.port(), this);
            c.setQuickAck(hc.expect() != null);
            conn = c;
            read.setLength(0);
            sim.schedule(hc.intervalNanos(), x -> {
                if (conn == c) {
                    final boolean connecting = c.state() == TcpState.SYN_SENT;
                    if (connecting) {
                        checksUnanswered[server]++;
                        checkSynsUnanswered[server] += 1 + c.segmentsRetransmitted();
                        c.close(); // given up without a word, as a connect under way
                    } else {
                        c.abort();
                    }
                    done(false, connecting ? "Layer4 timeout" : "Layer7 timeout", null);
                }
            }, null);
        }

        @Override
        public void connected(final TcpConnection c) {
            if (conn != c || hc.expect() != null) {
                return;
            }
            c.abort();
            done(true, "Layer4 check passed", null);
        }

        @Override
        public void received(final TcpConnection c, final byte[] data) {
            if (conn != c) {
                return;
            }
            read.append(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (read.indexOf(hc.expect()) >= 0) {
                c.abort();
                done(true, "Layer7 check passed", null);
            }
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            if (conn == c) {
                c.abort();
                done(false, "Layer7 invalid response", null);
            }
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            if (conn == c) {
                if (reason == FailReason.REFUSED) {
                    checksRefused[server]++;
                }
                done(false, "Layer4 connection problem", reason == FailReason.REFUSED ? "Connection refused"
                        : reason == FailReason.UNREACHABLE ? "No route to host" : reason.text());
            }
        }

        void done(final boolean passed, final String reason, final String info) {
            conn = null;
            checks[server]++;
            final boolean wasUp = health >= hc.rise();
            if (passed) {
                if (health < hc.rise() + hc.fall() - 1) {
                    health++;
                    if (health >= hc.rise()) {
                        health = hc.rise() + hc.fall() - 1;
                    }
                }
            } else if (health > 0) {
                health--;
                if (health < hc.rise()) {
                    health = 0;
                }
            }
            final boolean up = health >= hc.rise();
            if (up != wasUp) {
                b.setHealthy(server, up);
                // what HAProxy's log line adds (2.6.12, measured): DOWN "0 sessions active, 0 requeued,
                // 0 remaining in queue." (its connections go on); UP "0 sessions requeued, 0 total in
                // queue." (the waiting connections it took, and those left waiting)
                final int sessions = up ? dequeue() : current[server];
                transitions.add(new Transition(sim.now(), server, up, reason, info, sim.now() - started, upCount(),
                        sessions, up ? (int) queue.stream().filter(w -> !w.gone()).count() : 0));
            }
            sim.schedule(interval(), x -> run(), null);
        }
    }
}
