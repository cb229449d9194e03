package dev.ftpsim.core.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpsim run --pcap} on a full disk said only "ftpsim: No space left on device": the
 * capture's write failed with "cannot write pcapng" around an IOException naming no file, and the
 * run reports that IOException. It names the capture's file. Linux's /dev/full fails every write
 * with ENOSPC, as a full disk does.
 */
class ACaptureOnAFullDiskNamesItsFileTest {
    @Test
    void aWriteThatFailsNamesTheCapture() throws Exception {
        final Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full here");
        final PcapngWriter w = PcapngWriter.open(full, 65535, 0, "fw.lan");
        final UncheckedIOException e = assertThrows(UncheckedIOException.class, w::flush);
        assertEquals("cannot write /dev/full: No space left on device", e.getCause().getMessage());
    }
}
