package dev.ftpsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.run.TimeSeries;
import dev.ftpsim.scenario.Fixture;
import dev.ftpsim.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record.tcp} adds each named host's congestion window and RTO to the time series: an
 * upload's sender starts at Linux's initial window of 10 segments and grows it in slow start, and
 * its RTO stays at or above Linux's 200 ms floor while its connections are open.
 */
class ABulkTransfersCongestionWindowGrowsInTheTimeSeriesTest {
    /** Linux's initial window for a 1460-byte MSS: 10 segments (RFC 6928, {@code TCP_INIT_CWND}). */
    private static final long INITIAL_WINDOW = 10 * 1460;

    /** The test network, its LAN link slow and long enough for slow start to show in 10 ms samples. */
    private static final String SCENARIO = "name: upload-cwnd\nseed: 3\nstop: 20s\n"
            + Fixture.NET.replace("[client, fw.lan] }",
                    "[client, fw.lan], bandwidth: 100Mbps, delay: 20ms, queue: 1000 packets }")
            + """
            ftp:
              server: { host: server, anonymous-write: true, files: { /pub/f.bin: 1KB } }
              clients:
                - host: client
                  mode: passive
                  script: [login anonymous, put /incoming/up.bin 20MB]
            record: { timeseries: 10ms, tcp: [client, server] }
            """;

    @Test
    void theSendersWindowStartsAtTenSegmentsAndGrows(@TempDir final Path dir) throws Exception {
        final Scenario s = scenario(dir);
        final RunResult r = Ftpsim.run(s);
        assertTrue(r.sessions().get(0).record().ok(), r.sessions().get(0).record().reasonText());
        final TimeSeries t = r.timeseries();
        assertEquals(java.util.List.of("cwnd_client", "rto_client", "cwnd_server", "rto_server"),
                t.columns().subList(t.columns().size() - 4, t.columns().size()));
        final long[] cwnd = t.column("cwnd_client");
        final long[] rto = t.column("rto_client");
        final int first = firstNonZero(cwnd);
        assertTrue(first > 0, "no connection at time 0, so cwnd 0 there");
        assertEquals(INITIAL_WINDOW, cwnd[first], "a new connection starts at the initial window");
        final long max = Arrays.stream(cwnd).max().orElseThrow();
        assertTrue(max >= 10 * INITIAL_WINDOW, "slow start grows the window tenfold, got at most " + max);
        for (int i = 0; i < cwnd.length; i++) {
            if (cwnd[i] > 0) {
                assertTrue(rto[i] >= 200, "RTO " + rto[i] + " ms below Linux's 200 ms floor at sample " + i);
            } else {
                assertEquals(0, rto[i], "no open connection, no RTO, sample " + i);
            }
        }
        assertEquals(0, cwnd[cwnd.length - 1], "every connection is closed by the end");
    }

    @Test
    void theSameSeedGivesTheSameColumns(@TempDir final Path dir) throws Exception {
        final Scenario s = scenario(dir);
        assertEquals(Ftpsim.run(s).timeseries().csv(), Ftpsim.run(s).timeseries().csv());
    }

    private static Scenario scenario(final Path dir) throws Exception {
        final Path f = dir.resolve("upload.yaml");
        Files.writeString(f, SCENARIO);
        return Ftpsim.load(f);
    }

    private static int firstNonZero(final long[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
