package dev.ftpsim.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock that keeps a second run or sweep out of an output folder while one writes it.
 * The lock file stays after release: deleting it would let two processes lock two different files
 * of the same name.
 */
public final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code lockFile}, or fails at once.
     *
     * @param refusal the message when another process (or this one) holds it
     * @throws IOException with {@code refusal}, or when the lock file cannot be opened
     */
    public static FolderLock acquire(final Path lockFile, final String refusal) throws IOException {
        final FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (final OverlappingFileLockException e) {
            lock = null; // held by this JVM
        } catch (final IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException(refusal);
        }
        return new FolderLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
