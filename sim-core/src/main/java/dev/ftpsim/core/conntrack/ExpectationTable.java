package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Pending expectations of one conntrack, by the destination they expect (the only part never a
 * wildcard), so a new connection finds its expectation without a scan. Lookups happen once per
 * new connection, never per packet.
 */
final class ExpectationTable {
    private final Map<Long, List<Expectation>> byDestination = new HashMap<>();
    private final ConntrackStats stats;
    private int count;

    ExpectationTable(final ConntrackStats stats) {
        this.stats = stats;
    }

    int count() {
        return count;
    }

    /**
     * Registers an expectation; an identical one of the same master is refreshed, and a master at
     * {@code maxPerMaster} loses its oldest, as {@code nf_ct_expect_related} does. Then, as
     * {@code __nf_ct_expect_check} goes on, a table holding {@code expectMax} expectations takes no
     * more: null, counted as "expectation table full".
     */
    Expectation expect(final ConnEntry master, final int srcIp, final int srcPort, final int dstIp, final int dstPort,
            final int proto, final int maxPerMaster, final int expectMax, final long deadline, final String label,
            final Consumer<ConnEntry> onCreate) {
        final Long k = key(dstIp, dstPort, proto);
        final Expectation x = new Expectation(master, srcIp, srcPort, dstIp, dstPort, proto, deadline, label, onCreate);
        final List<Expectation> same = byDestination.get(k);
        if (same != null) {
            for (int i = 0; i < same.size(); i++) {
                final Expectation old = same.get(i);
                if (old.master() == master && old.srcIp() == srcIp && old.srcPort() == srcPort) {
                    same.set(i, x);
                    return x;
                }
            }
        }
        if (maxPerMaster > 0 && master.expectationCount() >= maxPerMaster) {
            removeOldestOf(master); // may drop emptied lists from the map: look the list up after it
        }
        if (count >= expectMax) {
            stats.expectTableFull++;
            return null;
        }
        byDestination.computeIfAbsent(k, key -> new ArrayList<>(1)).add(x);
        master.x().expectations++;
        count++;
        stats.expectCreated++;
        return x;
    }

    /** Whether a pending expectation of another master than {@code master} expects this destination. */
    boolean heldByOther(final ConnEntry master, final int dstIp, final int dstPort, final int proto) {
        final List<Expectation> list = byDestination.get(key(dstIp, dstPort, proto));
        if (list != null) {
            for (final Expectation x : list) {
                if (x.master() != master) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes and returns the live expectation the packet fulfils, or null. */
    Expectation take(final Packet p, final long now) {
        if (count == 0) {
            return null;
        }
        final Long k = key(p.dst, p.dport, p.protocol);
        final List<Expectation> list = byDestination.get(k);
        if (list == null) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            final Expectation x = list.get(i);
            if (x.deadline() <= now || x.master().deadline <= now) {
                continue;
            }
            if (x.matches(p.src, p.sport, p.dst, p.dport, p.protocol)) {
                list.remove(i);
                if (list.isEmpty()) {
                    byDestination.remove(k);
                }
                x.master().x().expectations--;
                count--;
                return x;
            }
        }
        return null;
    }

    /** Every pending expectation, soonest to expire first. */
    List<Expectation> all() {
        final List<Expectation> out = new ArrayList<>();
        byDestination.values().forEach(out::addAll);
        out.sort((a, b) -> Long.compare(a.deadline(), b.deadline()));
        return out;
    }

    void expire(final long now) {
        removeIf(x -> x.deadline() <= now || x.master().deadline <= now);
    }

    void removeOf(final ConnEntry master) {
        removeIf(x -> x.master() == master);
    }

    /** Removes the pending expectations that match, counting them as expired. */
    private void removeIf(final Predicate<Expectation> which) {
        final var it = byDestination.values().iterator();
        while (it.hasNext()) {
            final List<Expectation> list = it.next();
            list.removeIf(x -> {
                if (which.test(x)) {
                    x.master().x().expectations--;
                    count--;
                    stats.expectExpired++;
                    return true;
                }
                return false;
            });
            if (list.isEmpty()) {
                it.remove();
            }
        }
    }

    private void removeOldestOf(final ConnEntry master) {
        Expectation oldest = null;
        for (final List<Expectation> list : byDestination.values()) {
            for (final Expectation x : list) {
                if (x.master() == master && (oldest == null || x.deadline() < oldest.deadline())) {
                    oldest = x;
                }
            }
        }
        if (oldest != null) {
            final Expectation victim = oldest;
            removeIf(x -> x == victim);
            stats.expectExpired--; // displaced by a newer one, not expired
        }
    }

    private static Long key(final int dstIp, final int dstPort, final int proto) {
        return (dstIp & 0xFFFFFFFFL) << 24 | (long) dstPort << 8 | proto;
    }
}
