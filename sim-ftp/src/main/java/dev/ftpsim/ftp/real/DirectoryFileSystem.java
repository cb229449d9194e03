package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link FileSystem} over a real directory: "/" is the directory (a chroot). I/O errors are
 * the peer-visible "no" of the interface (null or false), never exceptions.
 */
public final class DirectoryFileSystem implements FileSystem {

    private final Path root;

    /** @param root the directory served as "/" */
    public DirectoryFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path map(String path) {
        Path p = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalStateException("path escapes the root: " + path); // engine paths are normalised
        }
        return p;
    }

    private static Entry entry(Path p, String name) throws IOException {
        var a = Files.readAttributes(p, BasicFileAttributes.class);
        return new Entry(name, a.isDirectory(), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis() / 1000);
    }

    @Override
    public Entry stat(String path) {
        try {
            Path p = map(path);
            return Files.exists(p) ? entry(p, p.equals(root) ? "/" : p.getFileName().toString()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public List<Entry> list(String dir) {
        var out = new ArrayList<Entry>();
        Path d = map(dir);
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.sorted(Comparator.comparing(Path::toString)).toList()) {
                out.add(entry(p, p.getFileName().toString()));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    @Override
    public byte[] read(String path, long offset) {
        try {
            byte[] all = Files.readAllBytes(map(path));
            int off = (int) Math.min(offset, all.length);
            return java.util.Arrays.copyOfRange(all, off, all.length);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public Sink store(String path, boolean append, long offset) {
        Path p = map(path);
        if (Files.isDirectory(p) || !Files.isDirectory(p.getParent())) {
            return null;
        }
        final FileChannel ch;
        try {
            ch = append ? FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (!append) {
                ch.truncate(offset);
                ch.position(Math.min(offset, ch.size()));
            }
        } catch (IOException e) {
            return null;
        }
        return new Sink() {
            private boolean failed;

            @Override
            public void write(byte[] bytes, long length) {
                try {
                    ByteBuffer b = bytes != null ? ByteBuffer.wrap(bytes) : ByteBuffer.allocate((int) Math.min(length, 1 << 20));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                } catch (IOException e) {
                    failed = true; // limitation: a disk error is not reported to the peer (226 still follows)
                }
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    // nothing left to do: the data is what it is
                }
            }
        };
    }

    @Override
    public boolean delete(String path) {
        try {
            Path p = map(path);
            return !Files.isDirectory(p) && Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean mkdir(String path) {
        try {
            Files.createDirectory(map(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean rmdir(String path) {
        try {
            Path p = map(path);
            return Files.isDirectory(p) && !p.equals(root) && Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean rename(String from, String to) {
        try {
            Path f = map(from), t = map(to);
            if (f.equals(root) || Files.exists(t)) {
                return false;
            }
            Files.move(f, t);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
