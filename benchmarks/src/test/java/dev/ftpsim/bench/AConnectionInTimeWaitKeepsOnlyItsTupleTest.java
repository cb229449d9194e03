package dev.ftpsim.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A connection in TIME_WAIT keeps its tuple, sequence numbers and timer, not its socket or its
 * application, as Linux's {@code inet_timewait_sock} (about 200 bytes): at most 640 bytes of heap
 * each with its pending timer's share of the event queue (120 bytes of it the TimeWait; 319 bytes in
 * all at 100,000), where the socket with the application's 4 KiB stayed for the 60 s before.
 */
class AConnectionInTimeWaitKeepsOnlyItsTupleTest {
    @Test
    void twentyThousandConnectionsInTimeWaitTakeAtMost640BytesEach() {
        final int m = 20_000;
        final IdleConnectionFootprint.Growth g = TimeWaitFootprint.measure(m);
        final double perConnection = g.totalBytes() / (double) m;
        assertTrue(perConnection <= 640, perConnection + " bytes per connection in TIME_WAIT: " + g.rows().subList(0, 5));
    }
}
