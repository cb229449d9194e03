package dev.ftpsim.ftp.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The failed-login pause is queued per client address: more connections do not buy more guesses per second. */
class FailedLoginDelayTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void failuresFromOneAddressAreAnsweredOneDelayApartAndOtherAddressesWaitOneDelay() throws Exception {
        final AtomicLong now = new AtomicLong(5 * SECOND);
        final FailedLoginDelay d = new FailedLoginDelay(SECOND, now::get);
        final InetAddress a = InetAddress.getByName("192.0.2.1");
        final InetAddress b = InetAddress.getByName("192.0.2.2");
        assertEquals(SECOND, d.reserve(a));      // three connections from a fail at once:
        assertEquals(2 * SECOND, d.reserve(a));  // answered 1, 2 and 3 seconds later
        assertEquals(3 * SECOND, d.reserve(a));
        assertEquals(SECOND, d.reserve(b));      // another address is not held up by a
        now.addAndGet(10 * SECOND);
        assertEquals(SECOND, d.reserve(a));      // once the queue drained, one delay again
    }

    @Test
    void noDelayConfiguredMeansNoWait() throws Exception {
        final FailedLoginDelay d = new FailedLoginDelay(0, () -> 0);
        assertEquals(0, d.reserve(InetAddress.getByName("192.0.2.1")));
    }
}
