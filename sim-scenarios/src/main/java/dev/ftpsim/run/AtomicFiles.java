package dev.ftpsim.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a kill cannot leave half done. Stream I/O, not {@code FileChannel}: an interrupt
 * closes a channel in mid-write, and a sweep is interrupted exactly when it must save its work.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes}: write a temp file in the same folder, fsync it,
     * rename it over the target (atomic on POSIX), fsync the folder so the rename survives a crash.
     */
    public static void replace(final Path target, final byte[] bytes) throws IOException {
        final Path dir = target.toAbsolutePath().getParent();
        final Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileOutputStream os = new FileOutputStream(tmp.toFile())) {
                os.write(bytes);
                os.getFD().sync();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            // A full disk, a failed rename: no half-written temp file stays behind, the target is untouched.
            try {
                Files.deleteIfExists(tmp);
            } catch (final IOException ignored) {
                // (tmp is then a folder someone else made, or the folder went away)
            }
            if (e instanceof AtomicMoveNotSupportedException) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            throw named(target, e);
        }
        syncDirectory(dir);
    }

    /**
     * Replaces each file of {@code files} (all in one folder) as {@link #replace} does, as a set:
     * every new content is written and synced beside its target first, and only then are they
     * renamed into place, so a write that fails (a full disk) replaces none of them.
     */
    public static void replaceTogether(final java.util.Map<Path, byte[]> files) throws IOException {
        final java.util.Map<Path, Path> written = new java.util.LinkedHashMap<>();
        try {
            for (final java.util.Map.Entry<Path, byte[]> f : files.entrySet()) {
                final Path tmp = f.getKey().toAbsolutePath().getParent().resolve("." + f.getKey().getFileName() + ".tmp");
                try (FileOutputStream os = new FileOutputStream(tmp.toFile())) {
                    written.put(f.getKey(), tmp);
                    os.write(f.getValue());
                    os.getFD().sync();
                } catch (final IOException e) {
                    throw named(f.getKey(), e);
                }
            }
            for (final java.util.Map.Entry<Path, Path> w : written.entrySet()) {
                Files.move(w.getValue(), w.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            for (final Path tmp : written.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (final IOException ignored) {
                    // (renamed already, or the folder went away)
                }
            }
            throw e;
        }
        files.keySet().stream().map(f -> f.toAbsolutePath().getParent()).distinct().forEach(AtomicFiles::syncDirectory);
    }

    /** {@code e}, saying which file it is about when its message does not (a full disk's "No space left on device"). */
    private static IOException named(final Path target, final IOException e) {
        if (e instanceof FileSystemException) {
            return e; // names its file
        }
        return new IOException("cannot write " + target + ": " + e.getMessage(), e);
    }

    public static void replace(final Path target, final String text) throws IOException {
        replace(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one whole line in a single write and fsyncs it before returning. */
    public static void appendLine(final Path file, final String line) throws IOException {
        try (FileOutputStream os = new FileOutputStream(file.toFile(), true)) {
            os.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            os.getFD().sync();
        } catch (final IOException e) {
            throw named(file, e); // a part of the line may be written: the next open drops it
        }
    }

    /** Best effort: Linux allows fsync on a folder, some systems refuse to open one. */
    private static void syncDirectory(final Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (final IOException | UnsupportedOperationException ignored) {
            // The data is already on disk; only the rename's durability is at stake.
        }
    }
}
