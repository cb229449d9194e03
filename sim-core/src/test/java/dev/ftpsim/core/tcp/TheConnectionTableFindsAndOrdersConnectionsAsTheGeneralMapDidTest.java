package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ftpsim.core.net.LinkConfig;
import dev.ftpsim.core.util.LongObjectMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A stack's connection table reads each slot's key from its connection, where a {@link
 * LongObjectMap} kept the keys apart. Lookups, replacements and removals give what the map gave,
 * and a walk of the table ({@link TcpStack#forEachConnection}, which results read) visits the
 * connections in the map's order, through growth and deletions that shift entries back.
 */
class TheConnectionTableFindsAndOrdersConnectionsAsTheGeneralMapDidTest {
    @Test
    void randomInsertionsLookupsAndRemovalsMatchTheMapAndItsOrder() {
        final LinkConfig l = LinkConfig.of(100_000_000L, 1_000_000L, 100);
        final TestNet n = new TestNet(1, l, l, TcpConfig.linux(), TcpConfig.linux(), false);
        final ConnectionTable table = new ConnectionTable(16);
        final LongObjectMap<TcpConnection> map = new LongObjectMap<>(16);
        final SplittableRandom rnd = new SplittableRandom(7);
        final List<Long> keys = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            final int op = rnd.nextInt(10);
            if (op < 6 || keys.isEmpty()) {
                // few addresses and ports, so that keys collide in their home slots and repeat
                final int ip = 0x0A00_0000 | rnd.nextInt(64);
                final int port = 1024 + rnd.nextInt(512);
                final int local = 5001 + rnd.nextInt(2);
                final TcpConnection c = new TcpConnection(n.serverTcp, n.serverIp, local, ip, port, null, 1);
                final long k = TcpStack.key(ip, port, local);
                assertSame(map.put(k, c), table.put(k, c));
                keys.add(k);
            } else if (op < 8) {
                final long k = keys.remove(rnd.nextInt(keys.size()));
                assertSame(map.remove(k), table.remove(k));
            } else {
                final long k = keys.get(rnd.nextInt(keys.size()));
                assertSame(map.get(k), table.get(k));
            }
            assertEquals(map.size(), table.size());
            assertEquals(map.capacity(), table.capacity());
        }
        final List<TcpConnection> inMap = new ArrayList<>();
        map.forEach((k, c) -> inMap.add(c));
        final List<TcpConnection> inTable = new ArrayList<>();
        table.forEach(inTable::add);
        assertEquals(inMap, inTable);
        assertEquals(map.get(TcpStack.key(0x0B00_0000, 1, 1)), table.get(TcpStack.key(0x0B00_0000, 1, 1)));
    }
}
