package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim serve} in a JVM with a 64 MB heap sends a 2.06 GiB file byte-exact: files are
 * streamed with a fixed buffer, never read whole, and sizes past 2^31 work. The file is sparse
 * (no disk used) with random blocks at its start, across the 2 GiB mark and at its end; the
 * received stream is checked by size and CRC32C. An upload larger than the heap arrives whole too.
 */
@Timeout(120)
class ServeStreamsFilesLargerThanItsHeapTest {

    /** Past 2^31 (an int length or array index cannot hold it), and small enough to stay a few seconds on loopback. */
    private static final long SIZE = (1L << 31) + (64L << 20);

    /** An upload larger than the server's heap. */
    private static final long UPLOAD = 80L << 20;

    @TempDir
    Path dir;

    @Test
    void aFileLargerThan2GibIsSentByteExactByAServerWithA64MbHeap() throws Exception {
        final Path root = java.nio.file.Files.createDirectory(dir.resolve("pub"));
        final Map<Long, byte[]> blocks = new TreeMap<>();
        final Random random = new Random(7);
        for (final long at : new long[] {0, (1L << 31) - 2048, SIZE - 4096}) {
            final byte[] b = new byte[4096];
            random.nextBytes(b);
            blocks.put(at, b);
        }
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            f.setLength(SIZE);
            for (final var e : blocks.entrySet()) {
                f.seek(e.getKey());
                f.write(e.getValue());
            }
        }
        try (var serve = ServeProcess.start(dir.resolve("serve.log"), List.of("-Xmx64m"), Map.of(),
                "--root", root.toString(), "--writable")) {
            final FTPClient ftp = new FTPClient();
            ftp.setDefaultTimeout(20_000);
            ftp.connect(InetAddress.getLoopbackAddress(), serve.port);
            ftp.setSoTimeout(20_000);
            assertTrue(ftp.login("anonymous", "x@y"));
            assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE));
            ftp.enterLocalPassiveMode();
            ftp.sendCommand("SIZE", "big.bin");
            assertEquals("213 " + SIZE, ftp.getReplyString().strip());
            final CRC32C got = new CRC32C();
            long count = 0;
            try (InputStream in = ftp.retrieveFileStream("big.bin")) {
                final byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.update(buf, 0, n);
                    count += n;
                }
            }
            assertTrue(ftp.completePendingCommand(), ftp.getReplyString() + serve.log());
            assertEquals(SIZE, count);
            assertEquals(expected(blocks), got.getValue());
            // The other direction: an upload larger than the heap (a random block, repeated), written as it arrives.
            final byte[] block = new byte[1 << 16];
            random.nextBytes(block);
            final CRC32C sent = new CRC32C();
            assertTrue(ftp.storeFile("up.bin", new InputStream() {
                private long at;

                @Override
                public int read() {
                    if (at >= UPLOAD) {
                        return -1;
                    }
                    final int v = block[(int) (at++ % block.length)] & 255;
                    sent.update(v);
                    return v;
                }

                @Override
                public int read(final byte[] b, final int off, final int len) {
                    if (at >= UPLOAD) {
                        return -1;
                    }
                    final int i = (int) (at % block.length);
                    final int n = (int) Math.min(Math.min(len, block.length - i), UPLOAD - at);
                    System.arraycopy(block, i, b, off, n);
                    sent.update(b, off, n);
                    at += n;
                    return n;
                }
            }), ftp.getReplyString());
            assertEquals(UPLOAD, java.nio.file.Files.size(root.resolve("up.bin")));
            final CRC32C stored = new CRC32C();
            stored.update(java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(root.resolve("up.bin"))));
            assertEquals(sent.getValue(), stored.getValue());
            assertTrue(serve.process.isAlive());
            assertTrue(!serve.log().contains("OutOfMemoryError"), serve.log());
            ftp.logout();
        }
    }

    /** CRC32C of the file as written: zeros, with the random blocks at their offsets. */
    private static long expected(final Map<Long, byte[]> blocks) {
        final CRC32C crc = new CRC32C();
        final byte[] zeros = new byte[1 << 16];
        long at = 0;
        for (final var e : blocks.entrySet()) {
            for (long left = e.getKey() - at; left > 0; left -= Math.min(left, zeros.length)) {
                crc.update(zeros, 0, (int) Math.min(left, zeros.length));
            }
            crc.update(e.getValue());
            at = e.getKey() + e.getValue().length;
        }
        for (long left = SIZE - at; left > 0; left -= Math.min(left, zeros.length)) {
            crc.update(zeros, 0, (int) Math.min(left, zeros.length));
        }
        return crc.getValue();
    }
}
