package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.conntrack.Tuple2IntHashMap.MISSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Tuple2IntHashMapTest {
    private static final int CLIENT = 0x0A00_0001; // 10.0.0.1
    private static final int SERVER = 0xC000_0207; // 192.0.2.7

    private final Tuple2IntHashMap table = new Tuple2IntHashMap();

    /** Puts entry {@code value}, a connection from CLIENT:{@code clientPort} to SERVER:21, both ways. */
    private void track(final int clientPort, final int value) {
        final long ips = FiveTuple.ips(CLIENT, SERVER);
        final long ports = FiveTuple.ports(clientPort, 21, FiveTuple.TCP);
        assertEquals(MISSING, table.put(ips, ports, value));
        assertEquals(MISSING, table.put(FiveTuple.replyIps(ips), FiveTuple.replyPorts(ports), value));
    }

    private int original(final int clientPort) {
        return table.get(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(clientPort, 21, FiveTuple.TCP));
    }

    private int reply(final int clientPort) {
        return table.get(FiveTuple.ips(SERVER, CLIENT), FiveTuple.ports(21, clientPort, FiveTuple.TCP));
    }

    @Test
    void shouldInitiallyBeEmpty() {
        assertTrue(table.isEmpty());
        assertEquals(0, table.size());
    }

    @Test
    void getShouldReturnMissingWhenEmpty() {
        assertEquals(MISSING, original(40000));
    }

    @Test
    void aConnectionShouldBeFoundFromBothDirections() {
        track(40000, 7);
        assertEquals(7, original(40000));
        assertEquals(7, reply(40000));
        assertEquals(2, table.size());
    }

    @Test
    void aPacketWithOtherPortsOrProtocolShouldNotMatchTheConnection() {
        track(40000, 7);
        assertEquals(MISSING, original(40001));
        assertEquals(MISSING, table.get(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(40000, 21, FiveTuple.UDP)));
        assertEquals(MISSING, table.get(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(21, 40000, FiveTuple.TCP)));
    }

    @Test
    void putOfATrackedTupleShouldReplaceItsValueAndReturnThePreviousOne() {
        track(40000, 7);
        assertEquals(7, table.put(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(40000, 21, FiveTuple.TCP), 9));
        assertEquals(9, original(40000));
        assertEquals(7, reply(40000));
        assertEquals(2, table.size());
    }

    @Test
    void removingAConnectionShouldLeaveTheOtherConnectionsFound() {
        for (int i = 0; i < 1000; i++) {
            track(10000 + i, i);
        }
        for (int i = 0; i < 1000; i += 3) {
            final long ips = FiveTuple.ips(CLIENT, SERVER);
            final long ports = FiveTuple.ports(10000 + i, 21, FiveTuple.TCP);
            assertEquals(i, table.remove(ips, ports));
            assertEquals(i, table.remove(FiveTuple.replyIps(ips), FiveTuple.replyPorts(ports)));
        }
        for (int i = 0; i < 1000; i++) {
            final int expected = i % 3 == 0 ? MISSING : i;
            assertEquals(expected, original(10000 + i), "original of " + i);
            assertEquals(expected, reply(10000 + i), "reply of " + i);
        }
        assertEquals(2 * (1000 - 334), table.size());
    }

    @Test
    void removingOneDirectionShouldKeepTheOther() {
        track(40000, 7);
        assertEquals(7, table.remove(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(40000, 21, FiveTuple.TCP)));
        assertEquals(MISSING, original(40000));
        assertEquals(7, reply(40000));
    }

    @Test
    void removingAnUntrackedTupleShouldReturnMissingAndChangeNothing() {
        track(40000, 7);
        assertEquals(MISSING, table.remove(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(40001, 21, FiveTuple.TCP)));
        assertEquals(2, table.size());
    }

    @Test
    void growingShouldKeepEveryConnection() {
        final int before = table.capacity();
        for (int i = 0; i < 5000; i++) {
            track(10000 + i, i);
        }
        assertTrue(table.capacity() > before);
        assertTrue(table.size() <= 0.75 * table.capacity());
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, original(10000 + i));
            assertEquals(i, reply(10000 + i));
        }
    }

    @Test
    void aFullSweepShouldVisitEachConnectionExactlyTwice() {
        final int n = 3000;
        for (int i = 0; i < n; i++) {
            track(10000 + i, i);
        }
        final int[] seen = new int[n];
        table.forEachValue(v -> seen[v]++);
        final int[] twice = new int[n];
        Arrays.fill(twice, 2);
        assertTrue(Arrays.equals(twice, seen));
    }

    @Test
    void aSlotScanShouldSeeTheSameTuplesAsLookups() {
        for (int i = 0; i < 100; i++) {
            track(10000 + i, i);
        }
        int occupied = 0;
        for (int s = 0; s < table.capacity(); s++) {
            final int v = table.valueAt(s);
            if (v != MISSING) {
                occupied++;
                assertEquals(v, table.get(table.ipsAt(s), table.portsAt(s)));
            }
        }
        assertEquals(table.size(), occupied);
    }

    @Test
    void clearShouldForgetEveryConnectionButKeepWorking() {
        for (int i = 0; i < 100; i++) {
            track(10000 + i, i);
        }
        table.clear();
        assertTrue(table.isEmpty());
        assertEquals(MISSING, original(10050));
        track(10050, 3);
        assertEquals(3, reply(10050));
    }

    @Test
    void randomTuplesAtHighLoadShouldSurviveChurn() {
        final SplittableRandom rnd = new SplittableRandom(4);
        final Tuple2IntHashMap small = new Tuple2IntHashMap(1 << 12, 0.9f);
        final int n = 3600; // 0.88 of capacity: long clusters, many wrap past the last slot
        final long[] ips = new long[n];
        final long[] ports = new long[n];
        for (int i = 0; i < n; i++) {
            ips[i] = rnd.nextLong();
            ports[i] = FiveTuple.ports(rnd.nextInt(65536), rnd.nextInt(65536), FiveTuple.TCP);
            small.put(ips[i], ports[i], i);
        }
        assertEquals(1 << 12, small.capacity());
        for (int round = 0; round < 20_000; round++) {
            final int i = rnd.nextInt(n);
            assertEquals(i, small.remove(ips[i], ports[i]));
            ips[i] = rnd.nextLong();
            small.put(ips[i], ports[i], i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, small.get(ips[i], ports[i]));
        }
        assertEquals(n, small.size());
    }

    @Test
    void valuesThatDoNotFitInTwentyFourBitsShouldBeRejected() {
        final long ips = FiveTuple.ips(CLIENT, SERVER);
        final long ports = FiveTuple.ports(40000, 21, FiveTuple.TCP);
        assertThrows(IllegalArgumentException.class, () -> table.put(ips, ports, Tuple2IntHashMap.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> table.put(ips, ports, MISSING));
        assertEquals(MISSING, table.put(ips, ports, Tuple2IntHashMap.MAX_VALUE));
        assertEquals(Tuple2IntHashMap.MAX_VALUE, table.get(ips, ports));
    }

    @Test
    void aPortWordThatIsNotFromFiveTupleShouldBeRejectedByPutAndMissedByGet() {
        assertEquals(MISSING, table.get(0, 1L << 40));
        assertThrows(IllegalArgumentException.class, () -> table.put(0, 1L << 40, 1));
        assertFalse(table.containsKey(0, 0));
    }
}
