package dev.ftpsim.ftp.protocol;

import java.util.List;

/**
 * The virtual file system a host gives the server. Paths are absolute, normalised, with '/'
 * separators ("/" is the root: every session is chrooted, as vsftpd's anonymous users are), and
 * they and entry names are bytes as on the wire, one char each (ISO-8859-1): a UTF-8 name is its
 * UTF-8 bytes.
 * Content is optional: a file may hold real bytes or only a size (bulk simulation).
 */
public interface FileSystem {

    /** One file or directory. {@code mtime} is seconds since the epoch. */
    record Entry(String name, boolean directory, long size, long mtime) {}

    /** The entry at a path, or null. */
    Entry stat(String path);

    /** The entries of a directory, sorted by name; empty if absent. */
    List<Entry> list(String dir);

    /**
     * The file's bytes from {@code offset}, or null when it has only a size (bulk): the server
     * then sends a count of {@code size - offset}.
     */
    byte[] read(String path, long offset);

    /**
     * True when files are sent with {@link #open} (real files of any size, streamed by the host)
     * instead of {@link #read}.
     */
    default boolean streams() {
        return false;
    }

    /**
     * A regular file's content from {@code offset}, to be read as it is sent; null when it cannot
     * be opened. The caller closes it. Only called when {@link #streams()}.
     */
    default java.nio.channels.ReadableByteChannel open(String path, long offset) {
        throw new UnsupportedOperationException("this file system does not stream");
    }

    /**
     * Opens a file for writing, or returns null if refused: created, or appended to, or written
     * from {@code offset} (a REST before STOR), the content beyond what is written kept; truncated
     * only at offset 0.
     */
    Sink store(String path, boolean append, long offset);

    /** Deletes a file; false if absent or refused. */
    boolean delete(String path);

    /** Creates a directory; false if it exists or its parent does not. */
    boolean mkdir(String path);

    /** Removes an empty directory. */
    boolean rmdir(String path);

    /** Renames a file or directory. */
    boolean rename(String from, String to);

    /** Receives an upload. */
    interface Sink {
        /** Real bytes ({@code bytes != null}) or a bulk count. */
        void write(byte[] bytes, long length);

        /** The upload ended (complete or not). */
        void close();

        /** True when some bytes could not be stored (a full disk, a file size limit), once closed. */
        default boolean failed() {
            return false;
        }
    }

    /** Sets a file's modification time (seconds since the epoch); false when it cannot (MFMT). */
    default boolean setMtime(String path, long epochSeconds) {
        return false;
    }
}
