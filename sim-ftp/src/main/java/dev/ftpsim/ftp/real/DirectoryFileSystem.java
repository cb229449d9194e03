package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.FileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FileSystem} over a real directory: "/" is the directory, and nothing outside it can be
 * reached, symbolic links included (as vsftpd's chroot). I/O errors are the peer-visible "no" of
 * the interface (null or false), never exceptions.
 *
 * <p>Theory of operation. Every access resolves the real path ({@link Path#toRealPath}, links
 * followed) and refuses it unless it lies inside the root's real path; a new name (STOR, MKD,
 * RNTO) needs the real path of its existing parent inside the root, and is created with
 * {@code O_NOFOLLOW}. Only regular files and folders are served: a FIFO, device or socket (or a
 * link to one) does not exist for a client, so it is refused at once instead of blocking a session.
 * Files are streamed ({@link #open}), never read whole. After opening, the file is checked to be
 * the one that was resolved (same file key), so swapping the last name for a link or a FIFO
 * between the check and the open is caught. Limit: Java has no {@code openat}, so a local user
 * who can rename folders inside the root could still race a folder swap higher up the path.
 *
 * <p>Names. The engine's paths are the bytes of the command line, one char per byte (ISO-8859-1);
 * a name on disk is bytes. The bytes pass unchanged both ways, as vsftpd passes them: a client
 * sending UTF-8 (FEAT says UTF8) names the file whose name is those bytes, and listings carry the
 * names' bytes, also those the platform's file-name encoding ({@code sun.jnu.encoding}) cannot
 * decode (Latin-1 bytes under a UTF-8 locale), so a listed name can always be fetched. Java turns
 * such bytes into U+FFFD in a path's string, so paths are made from, and names read as, their
 * {@code file:} URI, which percent-encodes every byte ({@code UnixUriUtils}). A new name (STOR,
 * MKD, RNTO) must still decode: under {@code LANG=C} a byte above 127 creates nothing (550).
 *
 * <p>Links: DELE of a link removes the link itself (never its target, which may lie outside),
 * as {@code unlink(2)} does; RMD refuses a link to a folder, as {@code rmdir(2)} does; a rename
 * moves the name, and its source must be visible (inside the root).
 */
public final class DirectoryFileSystem implements FileSystem {

    /** Largest file {@link #read} returns whole; hosts that stream use {@link #open} for any size. */
    static final int MAX_READ = 16 << 20;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** How Java turns file names into bytes (sun.nio.fs uses this property), hence how we must too. */
    private static final java.nio.charset.Charset NAMES = names();

    private final Path root;
    /** The root's {@code file:} URI path, percent-encoded, ending in '/'. */
    private final String rootUri;
    private final boolean writable;

    /** A writable file system: @param root the directory served as "/" */
    public DirectoryFileSystem(Path root) {
        this(root, true);
    }

    /**
     * @param root     the directory served as "/"
     * @param writable false refuses every change (store, delete, mkdir, rmdir, rename) before the disk is touched
     */
    public DirectoryFileSystem(Path root, boolean writable) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + root, e);
        }
        String u = this.root.toUri().getRawPath();
        this.rootUri = u.endsWith("/") ? u : u + "/";
        this.writable = writable;
    }

    private static java.nio.charset.Charset names() {
        try {
            return java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return java.nio.charset.Charset.defaultCharset();
        }
    }

    /** The engine's path (wire bytes) as a platform name, or null when its bytes do not decode. */
    private static String platform(String wire) {
        try {
            return NAMES.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** The last name of an absolute path as the engine sees it: its bytes on disk, one char each. */
    private static String wire(Path p) {
        String s = p.getFileName().toString();
        if (s.indexOf('\uFFFD') < 0) {
            return new String(s.getBytes(NAMES), StandardCharsets.ISO_8859_1); // decoded losslessly
        }
        String u = p.toUri().getRawPath(); // every byte, percent-encoded
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        u = u.substring(u.lastIndexOf('/') + 1);
        var b = new java.io.ByteArrayOutputStream(u.length());
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '%' && i + 2 < u.length()) {
                b.write(Integer.parseInt(u, i + 1, i + 3, 16));
                i += 2;
            } else {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The path as named, its bytes exactly, below the root; null for one no file can have (a NUL). */
    private Path named(String path) {
        String rel = path.startsWith("/") ? path.substring(1) : path;
        var u = new StringBuilder(rootUri.length() + rel.length() * 3).append("file://").append(rootUri);
        for (int i = 0; i < rel.length(); i++) {
            char c = rel.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                u.append(c);
            } else {
                u.append('%').append(Character.forDigit(c >> 4 & 15, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        try {
            Path p = root.getFileSystem().provider().getPath(java.net.URI.create(u.toString())).normalize();
            return p.startsWith(root) ? p : null; // engine paths are normalised: never above "/"
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // a NUL, say ("Nul character not allowed"): not a name this file system can hold
        }
    }

    /** The real path of an existing entry inside the root, links followed; null otherwise. */
    private Path real(String path) {
        Path p = named(path);
        return p == null ? null : real(p);
    }

    private Path real(Path p) {
        try {
            Path r = p.toRealPath();
            return r.startsWith(root) ? r : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    /** A regular file's or folder's attributes (at a real path), or null for anything else. */
    private static BasicFileAttributes servable(Path real) {
        try {
            var a = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
            return a.isRegularFile() || a.isDirectory() ? a : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Where a name to create or change goes: its parent's real path (inside the root) and the name. */
    private Path placed(String path) {
        Path p = named(path);
        if (p == null || p.equals(root)) {
            return null;
        }
        Path parent = real(p.getParent());
        if (parent == null || !Files.isDirectory(parent, NOFOLLOW)) {
            return null;
        }
        Path t = parent.resolve(p.getFileName()); // the name's bytes, not its lossy string
        if (!Files.exists(t, NOFOLLOW) && platform(wire(t)) == null) {
            return null; // a new name the platform cannot show ("caf\xe9" under LANG=C): not created
        }
        return t;
    }

    private static Entry entry(BasicFileAttributes a, String name) {
        return new Entry(name, a.isDirectory(), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis() / 1000);
    }

    @Override
    public Entry stat(String path) {
        Path r = real(path);
        BasicFileAttributes a = r == null ? null : servable(r);
        if (a == null) {
            return null;
        }
        Path p = named(path);
        return entry(a, p.equals(root) ? "/" : wire(p));
    }

    @Override
    public List<Entry> list(String dir) {
        var out = new ArrayList<Entry>();
        Path d = real(dir);
        if (d == null || !Files.isDirectory(d, NOFOLLOW)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path child : s) {
                Path r = real(child); // a link leaving the root, a FIFO or a device is not shown
                BasicFileAttributes a = r == null ? null : servable(r);
                if (a != null) {
                    out.add(entry(a, wire(child)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out; // unreadable folder, or a name this platform cannot decode: show what we have
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public ReadableByteChannel open(String path, long offset) {
        Path r = real(path);
        BasicFileAttributes a = r == null ? null : servable(r);
        if (a == null || !a.isRegularFile()) {
            return null; // checked before opening: opening a FIFO would block until a writer comes
        }
        try {
            FileChannel ch = FileChannel.open(r, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (!sameFile(ch, r, a)) {
                ch.close();
                return null;
            }
            ch.position(offset);
            return ch;
        } catch (IOException e) {
            return null;
        }
    }

    /** The file opened is the one checked: same file key, still regular, still inside the root. */
    private boolean sameFile(FileChannel ch, Path r, BasicFileAttributes checked) throws IOException {
        var now = Files.readAttributes(r, BasicFileAttributes.class, NOFOLLOW);
        return now.isRegularFile() && Objects.equals(now.fileKey(), checked.fileKey()) && r.equals(real(r))
                && ch.isOpen();
    }

    /** Small files only (at most {@link #MAX_READ} bytes from the offset); hosts stream with {@link #open}. */
    @Override
    public byte[] read(String path, long offset) {
        try (ReadableByteChannel ch = open(path, offset)) {
            if (ch == null) {
                return new byte[0];
            }
            long size = ((FileChannel) ch).size() - offset;
            if (size > MAX_READ) {
                throw new IllegalStateException("file too large to read whole: stream it with open()");
            }
            ByteBuffer b = ByteBuffer.allocate((int) Math.max(0, size));
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            return java.util.Arrays.copyOf(b.array(), b.position());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public Sink store(String path, boolean append, long offset) {
        Path p = writable ? placed(path) : null;
        if (p == null) {
            return null;
        }
        if (Files.isSymbolicLink(p)) {
            p = real(p); // a link to a file inside the root is followed; a dangling or escaping one is refused
            if (p == null) {
                return null;
            }
        }
        if (Files.exists(p, NOFOLLOW) && !Files.isRegularFile(p, NOFOLLOW)) {
            return null; // a folder, FIFO or device: opening a FIFO for writing would block
        }
        final FileChannel ch;
        try {
            OpenOption[] how = append
                    ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                        LinkOption.NOFOLLOW_LINKS}
                    : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};
            ch = FileChannel.open(p, how);
            if (!Files.isRegularFile(p, NOFOLLOW)) {
                ch.close();
                return null;
            }
            if (!append) {
                // vsftpd postlogin.c handle_upload_common: only a STOR without REST truncates; REST
                // seeks (past the end too: a hole) and the file beyond what is written stays
                if (offset == 0) {
                    ch.truncate(0);
                }
                ch.position(offset);
            }
        } catch (IOException e) {
            return null;
        }
        return new Sink() {
            private boolean failed;

            @Override
            public void write(byte[] bytes, long length) {
                if (failed) {
                    return; // the file is short already: the upload is answered 451
                }
                try {
                    ByteBuffer b = bytes != null ? ByteBuffer.wrap(bytes) : ByteBuffer.allocate((int) Math.min(length, 1 << 20));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                } catch (IOException e) {
                    failed = true; // disk full, file size limit, I/O error
                }
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    failed = true;
                }
            }

            @Override
            public boolean failed() {
                return failed;
            }
        };
    }

    @Override
    public boolean delete(String path) {
        Path p = writable ? placed(path) : null;
        try {
            // The name itself: a regular file, or a link (removed, its target untouched).
            return p != null && (Files.isRegularFile(p, NOFOLLOW) || Files.isSymbolicLink(p)) && Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * MFMT (proftpd's mod_facts.c facts_mfmt): a regular file's time, the name itself (a link is
     * not followed, so a link out of the root stays untouched); refused unless writable.
     */
    @Override
    public boolean setMtime(String path, long epochSeconds) {
        Path p = writable ? placed(path) : null;
        try {
            if (p != null && Files.isRegularFile(p, NOFOLLOW)) {
                Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(java.nio.file.attribute.FileTime.from(epochSeconds, java.util.concurrent.TimeUnit.SECONDS),
                                null, null);
                return true;
            }
        } catch (IOException e) {
            // no permission
        }
        return false;
    }

    @Override
    public boolean mkdir(String path) {
        Path p = writable ? placed(path) : null;
        try {
            if (p != null) {
                Files.createDirectory(p); // mkdir(2): never follows a link of that name
                return true;
            }
        } catch (IOException e) {
            // exists, or no permission
        }
        return false;
    }

    @Override
    public boolean rmdir(String path) {
        Path p = writable ? placed(path) : null;
        try {
            return p != null && Files.isDirectory(p, NOFOLLOW) && Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean rename(String from, String to) {
        Path f = writable ? placed(from) : null;
        Path t = writable ? placed(to) : null;
        try {
            if (f == null || t == null || stat(from) == null || Files.exists(t, NOFOLLOW)) {
                return false;
            }
            Files.move(f, t, LinkOption.NOFOLLOW_LINKS); // rename(2): moves the name, a link stays a link
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
