package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures are dated from {@code record.start} (2026-01-01T00:00:00Z unless set, so a run is
 * reproducible) instead of 1970, and keep {@code record.snaplen} or {@code --snaplen} bytes of
 * each packet. Read with tshark when installed, from the first packet block's bytes otherwise.
 */
class CapturesAreDatedFromTheScenariosStartTest {
    /** The first packet's time (ns since 1970) and captured length. */
    static long[] first(final Path f) throws Exception {
        if (Tshark.installed()) {
            final String[] l = Tshark.fields(f, "frame.time_epoch", "frame.cap_len").get(0).split("\t");
            final String[] secs = l[0].split("\\.");
            return new long[] {Long.parseLong(secs[0]) * 1_000_000_000L + Long.parseLong((secs[1] + "000000000")
                    .substring(0, 9)), Long.parseLong(l[1])};
        }
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        final int epb = 28 + b.getInt(28 + 4); // after the section header and the interface block
        assertEquals(6, b.getInt(epb), "an enhanced packet block");
        return new long[] {(long) b.getInt(epb + 12) << 32 | b.getInt(epb + 16) & 0xFFFFFFFFL, b.getInt(epb + 20)};
    }

    @Test
    void byDefaultTheFirstPacketIsOnNewYearsDay2026WholeAtItsFirstHop(@TempDir final Path tmp) throws Exception {
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("run", "../examples/passive-stateful-server-fw-helper.yaml", "--no-progress", "--pcap",
                "--out", out.toString()).exit());
        final long[] p = first(out.resolve("fw-lan.pcapng"));
        // The client's SYN reaches fw.lan after the link's delay: within the first second of 2026.
        assertTrue(p[0] >= 1_767_225_600_000_000_000L && p[0] < 1_767_225_601_000_000_000L, String.valueOf(p[0]));
        assertEquals(48, p[1], "the SYN whole: 20 IP, 20 TCP, 8 of options (MSS, window scale)");
    }

    @Test
    void recordStartAndSnaplenAreHonouredAndTheOptionOverridesTheKey(@TempDir final Path tmp) throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw-helper", "ftp:",
                "record: { start: 2030-06-01T12:00:00+02:00, snaplen: 48 }\nftp:");
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("run", file.toString(), "--no-progress", "--pcap", "--out", out.toString()).exit());
        final long[] p = first(out.resolve("fw-lan.pcapng"));
        final long start = 1_906_538_400_000_000_000L; // 2030-06-01T10:00:00Z
        assertTrue(p[0] >= start && p[0] < start + 1_000_000_000L, String.valueOf(p[0]));
        assertEquals(48, p[1]);
        final Path cut = tmp.resolve("cut");
        assertEquals(0, Cli.run("run", file.toString(), "--no-progress", "--pcap", "--snaplen", "40", "--out",
                cut.toString()).exit());
        assertEquals(40, first(cut.resolve("fw-lan.pcapng"))[1]);
    }

    @Test
    void aStartThatIsNoTimeIsRefusedWithItsPlace(@TempDir final Path tmp) throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw-helper", "ftp:",
                "record: { start: yesterday }\nftp:");
        final Cli r = Cli.run("validate", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().matches("(?s).*passive-stateful-server-fw-helper\\.yaml:\\d+:\\d+: record\\.start: 'yesterday'"
                + " is not a time like 2026-01-01T00:00:00Z.*"), r.err());
        assertEquals(List.of(2), List.of(Cli.run("run", "../examples/passive-stateful-server-fw-helper.yaml",
                "--snaplen", "0", "--out", tmp.resolve("x").toString()).exit()));
    }
}
