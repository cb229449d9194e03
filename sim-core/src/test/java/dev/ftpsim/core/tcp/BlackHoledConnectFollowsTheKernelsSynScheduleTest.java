package dev.ftpsim.core.tcp;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.net.LinkConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a black-holed connect sends its SYNs and gives up, as Linux's tcp_write_timeout() decides
 * it, compared with what the real kernel did (Linux 6.18, measured with sim-lab's SynSchedule; the
 * real times are later by the timer wheel's slack, at most an eighth of each timer).
 */
class BlackHoledConnectFollowsTheKernelsSynScheduleTest {
    private static final long S = 1_000_000_000L;

    private static TestNet blackHole(final TcpConfig client) {
        final LinkConfig l = LinkConfig.of(10_000_000, 5 * NS_PER_MS, 100);
        final TestNet n = new TestNet(7, l, l, client, TcpConfig.linux());
        n.serverLink.loss(n.serverLink.a(), p -> true);
        return n;
    }

    /** The SYN times in seconds, then the give-up time. */
    private static List<Double> run(final TcpConfig client) {
        final TestNet n = blackHole(client);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        n.clientTcp.connect(n.serverIp, 21, cli);
        n.sim.runUntil(1000 * S);
        assertEquals(FailReason.TIMED_OUT, cli.failure);
        assertTrue(n.clientWire.stream().allMatch("> S"::equals), n.clientWire.toString());
        final List<Double> out = new ArrayList<>();
        n.clientTimes.forEach(t -> out.add((t - n.clientTimes.get(0)) / 1e9));
        out.add((cli.failedAt - n.clientTimes.get(0)) / 1e9);
        return out;
    }

    @Test
    void onLinux612ElevenSynsAreSentTheFirstFiveASecondApartAndTheConnectGivesUpAt131Seconds() {
        // Real, tcp_syn_retries 6 / tcp_syn_linear_timeouts 4: SYNs at 0, 1.01, 2.03, 3.06, 4.08,
        // 5.11, 7.12, 11.25, 19.45, 35.57, 69.36 s; gave up after 134.89 s.
        final List<Double> t = run(LinuxKernel.DEFAULT.tcp());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 11.0, 19.0, 35.0, 67.0, 131.0), t);
        assertTrue(Math.abs(134.89 - 131.0) <= 0.05 * 134.89);
        assertEquals(131 * S, LinuxKernel.DEFAULT.tcp().synGiveUpNanos());
    }

    @Test
    void beforeLinux65SevenSynsDoubleTheirIntervalAndTheConnectGivesUpAt127Seconds() {
        // Real with tcp_syn_linear_timeouts 0: SYNs at 0, 1.03, 3.03, 7.07, 15.26, 31.39, 64.41 s;
        // gave up after 130.04 s (the last timer, 64 s long, fired 1.6 s late).
        final List<Double> t = run(new LinuxKernel(6, 1).tcp());
        assertEquals(List.of(0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0), t);
        assertEquals(t, run(new LinuxKernel(3, 10).tcp()));
    }

    @ParameterizedTest(name = "tcp_syn_retries {0}, tcp_syn_linear_timeouts {1}: {2} SYNs, gives up at {3} s")
    @CsvSource({
        // retries, linear, SYNs, ftpsim's give-up, the real kernel's give-up (Linux 6.18)
        "6, 4, 11, 131, 134.89",
        "6, 0, 7, 127, 130.04",
        "3, 4, 8, 19, 19.42",
        "2, 4, 6, 7, 7.17", // the time limit, tcp_model_timeout(2, 1 s) = 7 s, ends it before the count
    })
    void theGiveUpTimeIsTheKernelsWithinItsTimerSlack(final int retries, final int linear, final int syns,
            final int giveUp, final double real) {
        final TcpConfig c = TcpConfig.linux().withSynRetries(retries).withSynLinearTimeouts(linear);
        final List<Double> t = run(c);
        assertEquals(syns, t.size() - 1);
        assertEquals(giveUp, t.get(t.size() - 1));
        assertEquals(giveUp * S, c.synGiveUpNanos());
        assertTrue(real >= giveUp && real - giveUp <= 0.125 * giveUp, "real " + real + " vs " + giveUp);
    }
}
