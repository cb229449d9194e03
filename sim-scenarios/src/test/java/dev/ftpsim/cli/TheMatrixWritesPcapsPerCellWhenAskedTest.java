package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftpsim run --pcap} without a file writes each matrix cell's captures in a folder of its own. */
class TheMatrixWritesPcapsPerCellWhenAskedTest {
    /** pcapng: a Section Header Block, big-endian, as PcapngWriter writes it. */
    private static final byte[] MAGIC = {0x0a, 0x0d, 0x0d, 0x0a};

    @Test
    void eachCellHasAFolderOfPcapsOfEveryRouterInterface(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("run", "--pcap", "--out", tmp.resolve("with").toString());
        assertEquals(0, r.exit(), r.err());
        final List<Path> cells;
        try (Stream<Path> s = Files.list(tmp.resolve("with"))) {
            cells = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(22, cells.size(), cells.toString());
        assertTrue(Files.isDirectory(tmp.resolve("with/02-packet-filter-active-passive")), cells.toString());
        assertTrue(Files.isDirectory(tmp.resolve("with/11-server-dnat-helper-active")), cells.toString());
        for (final Path cell : cells) {
            for (final String end : new String[] {"fw-lan.pcapng", "fw-wan.pcapng"}) {
                final byte[] bytes = Files.readAllBytes(cell.resolve(end));
                assertArrayEquals(MAGIC, Arrays.copyOf(bytes, 4), cell + "/" + end);
                assertTrue(bytes.length > 28 + 40 + 32, cell + "/" + end + " holds no packet");
            }
        }
        final Cli plain = Cli.run("run", "--out", tmp.resolve("without").toString());
        try (Stream<Path> s = Files.list(tmp.resolve("without"))) {
            assertFalse(s.anyMatch(Files::isDirectory), "pcaps written without --pcap");
        }
        for (final String f : new String[] {"summary.json", "sessions.csv"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("without").resolve(f)),
                    Files.readAllBytes(tmp.resolve("with").resolve(f)), f + " changes with --pcap");
        }
        assertEquals(0, plain.exit());
    }

    @Test
    void snaplenCutsEveryCellsCaptures(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("run", "--pcap", "--snaplen", "40", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(40, CapturesAreDatedFromTheScenariosStartTest.first(
                tmp.resolve("02-packet-filter-active-passive/fw-lan.pcapng"))[1]);
        assertEquals(40, CapturesAreDatedFromTheScenariosStartTest.first(
                tmp.resolve("11-server-dnat-helper-active/fw-wan.pcapng"))[1]);
    }
}
