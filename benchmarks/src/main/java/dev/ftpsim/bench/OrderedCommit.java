package dev.ftpsim.bench;

import dev.ftpsim.core.kernel.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * Whether an engine that runs each node's events of a lookahead window apart from the other
 * nodes' (in lockstep, or on several threads) can keep today's results: the global tie-break,
 * where events at the same instant run in the order they were scheduled across the whole run
 * (benchmarks/README.md, "What is left: a cold client per event").
 *
 * <p>A model of the kernel, not the engine. Nodes hold a state; an event at a node mixes its
 * payload into the node's state and schedules 0-3 children from that state: at the same node
 * after 0 to 5 quanta (so often inside the window, and at the same instant), or at another node
 * after at least the lookahead {@code L}, the smallest delay between two nodes (the links'). Times
 * are whole quanta, so events at the same instant are common.
 *
 * <p>{@link #sequential} is today's kernel: one queue ordered by (time, seq), seq counted up per
 * scheduled event. {@link #windowed} takes every event of {@code [T, T + L)}, where {@code T} is
 * the earliest, runs each node's share on its own (nodes in any order, or in parallel), then
 * commits: it merges the nodes' runs into the one order the sequential kernel would have run
 * them in, and numbers every child in that order. No event a window makes can land in another
 * node's part of the same window, so the nodes' runs cannot see each other. The merge needs no
 * node to know another's sequence: an event that was pending when the window began sorts by its
 * sequence number, before any event made inside the window at the same instant, and those sort
 * by their parent's place in the merged order (two made at one node keep the order the node ran
 * them in).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ftpsim.bench.OrderedCommit [systems]}
 * checks that many random systems and prints how often the two kernels agree, and how often a
 * commit that numbers the children node by node instead (a tie-break each node computes alone)
 * does.
 */
public final class OrderedCommit {
    /** A pending event. */
    record Ev(long time, long seq, int node, long payload) {}

    /** What a run leaves: the events in the order they ran, each node's state, what is pending at the horizon. */
    record Outcome(List<String> trace, long[] states, List<Ev> pending) {
        /** The same run to the last detail: the order of every event and every sequence number. */
        boolean same(final Outcome o) {
            return trace.equals(o.trace) && Arrays.equals(states, o.states) && pending.equals(o.pending);
        }

        /**
         * The same results, whatever order nodes ran in: each node's events in the same order, the
         * same states, the same events pending in the same order.
         */
        boolean sameResults(final Outcome o) {
            return atEachNode().equals(o.atEachNode()) && Arrays.equals(states, o.states)
                    && withoutSeq(pending).equals(withoutSeq(o.pending));
        }

        private java.util.Map<String, List<String>> atEachNode() {
            final java.util.Map<String, List<String>> m = new java.util.TreeMap<>();
            for (final String t : trace) {
                m.computeIfAbsent(t.split(" ")[1], k -> new ArrayList<>()).add(t);
            }
            return m;
        }

        private static List<String> withoutSeq(final List<Ev> evs) {
            return evs.stream().map(e -> line(e.time, e.node, e.payload)).toList();
        }
    }

    /** How the windowed kernel numbers the children it commits. */
    enum Commit {
        /** In the merged order: the sequential kernel's numbers. */
        MERGED,
        /** Node by node, each node's events in its own order: a tie-break each node can compute alone. */
        BY_NODE
    }

    /** A random system: its nodes, lookahead, quantum, first events and horizon. */
    record Model(int nodes, long quantum, long lookahead, long horizon, List<Ev> initial) {
        static Model random(final long seed, final int nodes) {
            final long q = 250;
            final List<Ev> first = new ArrayList<>();
            long s = seed;
            for (int i = 0; i < 20 * nodes; i++) {
                s = SplitMix64.next(s);
                first.add(new Ev((s >>> 40) % 8 * q, i + 1, (int) ((s >>> 8) % nodes), s));
            }
            return new Model(nodes, q, 4 * q, 200 * q, first);
        }
    }

    private static final Comparator<Ev> BY_TIME_SEQ = Comparator.comparingLong(Ev::time).thenComparingLong(Ev::seq);

    private OrderedCommit() {}

    /** Runs an event at {@code node}: sets the node's new state and adds the event's children in the order it schedules them. */
    private static void handle(final Model sys, final long[] states, final long time, final int node,
            final long payload, final List<long[]> children) {
        final long st = SplitMix64.mix(states[node] ^ payload ^ time * 31);
        states[node] = st;
        final int kids = (int) (st & 3) == 0 ? 0 : (int) (st & 3) == 3 ? 2 : 1;
        for (int j = 0; j < kids; j++) {
            final long r = SplitMix64.mix(st + j + 1);
            if ((r & 1) == 0) {
                children.add(new long[] {time + (r >>> 8) % 6 * sys.quantum, node, r});
            } else {
                final int to = (int) ((r >>> 16) % sys.nodes);
                children.add(new long[] {time + sys.lookahead + (r >>> 24) % 4 * sys.quantum, to, r});
            }
        }
    }

    private static String line(final long time, final int node, final long payload) {
        return time + " " + node + " " + payload;
    }

    /** Today's kernel: one queue, ordered by (time, seq). */
    static Outcome sequential(final Model sys) {
        final PriorityQueue<Ev> q = new PriorityQueue<>(BY_TIME_SEQ);
        q.addAll(sys.initial);
        long seq = sys.initial.size() + 1;
        final long[] states = new long[sys.nodes];
        final List<String> trace = new ArrayList<>();
        final List<long[]> kids = new ArrayList<>();
        while (!q.isEmpty() && q.peek().time < sys.horizon) {
            final Ev e = q.poll();
            trace.add(line(e.time, e.node, e.payload));
            kids.clear();
            handle(sys, states, e.time, e.node, e.payload, kids);
            for (final long[] k : kids) {
                q.add(new Ev(k[0], seq++, (int) k[1], k[2]));
            }
        }
        return new Outcome(trace, states, drain(q));
    }

    /** An event run inside a window, with what the merge needs to place it. */
    private static final class Ran {
        final long time;
        final int node;
        final long payload;
        /** The sequence number it was pending with when the window began, or -1 if made inside it. */
        final long seq;
        /** For one made inside the window: its parent. */
        final Ran parent;
        /** Its children in the order it scheduled them: a {@link Ran} when run in the window, else {@code long[]{time, node, payload}}. */
        final List<Object> children = new ArrayList<>(2);
        /** Its place in the merged order. */
        int rank = -1;
        /** For events made inside the window: the node's own count, which orders them at the node. */
        final long local;

        Ran(final long time, final int node, final long payload, final long seq, final Ran parent, final long local) {
            this.time = time;
            this.node = node;
            this.payload = payload;
            this.seq = seq;
            this.parent = parent;
            this.local = local;
        }
    }

    /** At one node, the order the sequential kernel runs its events of the window in: computable by the node alone. */
    private static final Comparator<Ran> AT_NODE = (a, b) -> compare(a, b, false);

    /** Across nodes, once every parent is ranked: the sequential kernel's order. */
    private static final Comparator<Ran> MERGE = (a, b) -> compare(a, b, true);

    private static int compare(final Ran a, final Ran b, final boolean acrossNodes) {
        if (a.time != b.time) {
            return Long.compare(a.time, b.time);
        }
        final boolean ma = a.seq < 0;
        final boolean mb = b.seq < 0;
        if (ma != mb) {
            return ma ? 1 : -1; // pending at the window's start: scheduled before anything made in it
        }
        if (!ma) {
            return Long.compare(a.seq, b.seq);
        }
        // two made at one node run in the order the node made them; two made at two nodes have two
        // parents, and were numbered in their parents' order
        return acrossNodes ? Integer.compare(a.parent.rank, b.parent.rank) : Long.compare(a.local, b.local);
    }

    /**
     * The windowed kernel: each window's nodes run on their own (in {@code nodeOrder}, or in
     * parallel), then the window is committed.
     */
    static Outcome windowed(final Model sys, final int[] nodeOrder, final boolean parallel, final Commit commit) {
        final PriorityQueue<Ev> q = new PriorityQueue<>(BY_TIME_SEQ);
        q.addAll(sys.initial);
        long seq = sys.initial.size() + 1;
        final long[] states = new long[sys.nodes];
        final List<String> trace = new ArrayList<>();
        while (!q.isEmpty() && q.peek().time < sys.horizon) {
            final long end = Math.min(q.peek().time + sys.lookahead, sys.horizon);
            final List<List<Ev>> share = new ArrayList<>();
            for (int n = 0; n < sys.nodes; n++) {
                share.add(new ArrayList<>());
            }
            while (!q.isEmpty() && q.peek().time < end) {
                final Ev e = q.poll();
                share.get(e.node).add(e);
            }
            @SuppressWarnings("unchecked")
            final List<Ran>[] ran = new List[sys.nodes];
            final IntStream nodes = Arrays.stream(nodeOrder);
            (parallel ? nodes.parallel() : nodes).forEach(n -> ran[n] = runNode(sys, states, n, share.get(n), end));
            final List<Ran> merged = commit == Commit.MERGED ? merge(ran) : byNode(ran);
            for (final Ran r : merged) {
                trace.add(line(r.time, r.node, r.payload));
                for (final Object c : r.children) {
                    final long s = seq++; // a child run inside the window takes its number too, as it did in the sequential kernel
                    if (c instanceof long[] k) {
                        q.add(new Ev(k[0], s, (int) k[1], k[2]));
                    }
                }
            }
        }
        return new Outcome(trace, states, drain(q));
    }

    /** One node's events of {@code [.., end)}: those pending and those they make there before {@code end}. */
    private static List<Ran> runNode(final Model sys, final long[] states, final int node, final List<Ev> pending,
            final long end) {
        final PriorityQueue<Ran> local = new PriorityQueue<>(AT_NODE);
        for (final Ev e : pending) {
            local.add(new Ran(e.time, node, e.payload, e.seq, null, 0));
        }
        final List<Ran> out = new ArrayList<>();
        final List<long[]> kids = new ArrayList<>();
        long made = 0;
        while (!local.isEmpty()) {
            final Ran r = local.poll();
            out.add(r);
            kids.clear();
            handle(sys, states, r.time, node, r.payload, kids);
            for (int j = 0; j < kids.size(); j++) {
                final long[] k = kids.get(j);
                if (k[0] < end && k[1] == node) {
                    final Ran c = new Ran(k[0], node, k[2], -1, r, made++);
                    r.children.add(c);
                    local.add(c);
                } else if (k[0] < end) {
                    throw new IllegalStateException("an event reached another node inside the lookahead");
                } else {
                    r.children.add(k);
                }
            }
        }
        return out;
    }

    /** The k-way merge of the nodes' runs into the sequential kernel's order. */
    private static List<Ran> merge(final List<Ran>[] ran) {
        final int[] at = new int[ran.length];
        final List<Ran> merged = new ArrayList<>();
        while (true) {
            int best = -1;
            for (int n = 0; n < ran.length; n++) {
                if (at[n] < ran[n].size()
                        && (best < 0 || MERGE.compare(ran[n].get(at[n]), ran[best].get(at[best])) < 0)) {
                    best = n;
                }
            }
            if (best < 0) {
                return merged;
            }
            final Ran r = ran[best].get(at[best]++);
            r.rank = merged.size(); // its children made in the window compare by it
            merged.add(r);
        }
    }

    private static List<Ran> byNode(final List<Ran>[] ran) {
        final List<Ran> all = new ArrayList<>();
        for (final List<Ran> r : ran) {
            all.addAll(r);
        }
        return all;
    }

    private static List<Ev> drain(final PriorityQueue<Ev> q) {
        final List<Ev> rest = new ArrayList<>();
        while (!q.isEmpty()) {
            rest.add(q.poll());
        }
        return rest;
    }

    static int[] order(final int nodes, final boolean reversed) {
        final int[] o = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            o[i] = reversed ? nodes - 1 - i : i;
        }
        return o;
    }

    public static void main(final String[] args) {
        final int systems = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int merged = 0;
        int byNode = 0;
        long events = 0;
        for (int i = 0; i < systems; i++) {
            final int nodes = new int[] {2, 7, 40}[i % 3];
            final Model sys = Model.random(SplitMix64.next(i), nodes);
            final Outcome ref = sequential(sys);
            events += ref.trace.size();
            if (windowed(sys, order(nodes, true), i % 2 == 0, Commit.MERGED).same(ref)) {
                merged++;
            }
            if (windowed(sys, order(nodes, false), false, Commit.BY_NODE).sameResults(ref)) {
                byNode++;
            }
        }
        System.out.printf("%d random systems, %d events: the windowed kernel with the merged commit "
                + "runs exactly as the sequential kernel in %d; numbering node by node gives its results in %d%n",
                systems, events, merged, byNode);
    }
}
