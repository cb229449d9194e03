package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.conntrack.Tuple2IntHashMap.MISSING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The table behaves as a {@code HashMap} of tuples under any sequence of puts, gets and removes. */
class Tuple2IntHashMapPropertyTest {
    enum Kind { PUT, GET, REMOVE }

    record Op(Kind kind, long ips, long ports, int value) {
    }

    record Key(long ips, long ports) {
    }

    @Property(tries = 300)
    void theTableShouldAgreeWithAHashMapModel(
            @ForAll("operations") final List<Op> ops, @ForAll("loadFactors") final float loadFactor) {
        final Tuple2IntHashMap table = new Tuple2IntHashMap(16, loadFactor); // grows during the run
        final Map<Key, Integer> model = new HashMap<>();
        for (final Op op : ops) {
            final Key key = new Key(op.ips(), op.ports());
            final int expected = switch (op.kind()) {
                case PUT -> orMissing(model.put(key, op.value()));
                case GET -> orMissing(model.get(key));
                case REMOVE -> orMissing(model.remove(key));
            };
            final int actual = switch (op.kind()) {
                case PUT -> table.put(op.ips(), op.ports(), op.value());
                case GET -> table.get(op.ips(), op.ports());
                case REMOVE -> table.remove(op.ips(), op.ports());
            };
            assertEquals(expected, actual, () -> op + " on " + FiveTuple.toString(op.ips(), op.ports()));
            assertEquals(model.size(), table.size());
        }
        for (final Map.Entry<Key, Integer> e : model.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey().ips(), e.getKey().ports()));
        }
        final List<Integer> swept = new ArrayList<>();
        table.forEachValue(swept::add);
        final List<Integer> values = new ArrayList<>(model.values());
        swept.sort(null);
        values.sort(null);
        assertEquals(values, swept);
    }

    private static int orMissing(final Integer v) {
        return v == null ? MISSING : v;
    }

    /** 0.9 makes long clusters that wrap past the last slot; 0.1 grows often. */
    @Provide
    Arbitrary<Float> loadFactors() {
        return Arbitraries.of(0.1f, 0.5f, 0.75f, 0.9f);
    }

    /** Few distinct addresses and ports, so that keys repeat and probe clusters are long. */
    @Provide
    Arbitrary<List<Op>> operations() {
        final Arbitrary<Long> ips = Arbitraries.integers().between(0, 40)
            .map(i -> FiveTuple.ips(0x0A00_0000 + i % 7, 0xC000_0200 + i / 7));
        final Arbitrary<Long> ports = Arbitraries.integers().between(0, 30)
            .map(i -> FiveTuple.ports(1024 + i % 6, 21 - i / 6 % 2, i < 15 ? FiveTuple.TCP : FiveTuple.UDP));
        final Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.class).edgeCases(c -> c.includeOnly(Kind.PUT)),
                ips, ports, Arbitraries.integers().between(0, Tuple2IntHashMap.MAX_VALUE))
            .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(600);
    }
}
