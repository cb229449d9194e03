package dev.ftpsim.ftp.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link FileSystem}: files hold real bytes or only a size (bulk). Deterministic:
 * modification times come from the caller, never from a clock.
 */
public final class MemoryFileSystem implements FileSystem {

    /** An entry; an upload grows its size (and bytes) in place, so a bulk segment allocates nothing. */
    private static final class Node {
        final boolean dir;
        long size;
        byte[] bytes;
        final long mtime;

        Node(boolean dir, long size, byte[] bytes, long mtime) {
            this.dir = dir;
            this.size = size;
            this.bytes = bytes;
            this.mtime = mtime;
        }
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final long mtime;

    /** @param mtime the modification time given to new entries, seconds since the epoch */
    public MemoryFileSystem(long mtime) {
        this.mtime = mtime;
        nodes.put("/", new Node(true, 0, null, mtime));
    }

    /** Adds a file with real content, creating parent directories. */
    public MemoryFileSystem file(String path, byte[] content) {
        parents(path);
        nodes.put(path, new Node(false, content.length, content.clone(), mtime));
        return this;
    }

    /** Adds a bulk file of a given size, creating parent directories. */
    public MemoryFileSystem bulk(String path, long size) {
        parents(path);
        nodes.put(path, new Node(false, size, null, mtime));
        return this;
    }

    /** The bytes of a file (null for bulk or absent), for tests and hosts. */
    public byte[] content(String path) {
        Node n = nodes.get(path);
        return n == null || n.bytes == null ? null : n.bytes.clone();
    }

    private void parents(String path) {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            nodes.putIfAbsent(path.substring(0, i), new Node(true, 0, null, mtime));
        }
    }

    private static String name(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    @Override
    public Entry stat(String path) {
        Node n = nodes.get(path);
        return n == null ? null : new Entry(name(path), n.dir, n.size, n.mtime);
    }

    @Override
    public List<Entry> list(String dir) {
        var out = new ArrayList<Entry>();
        Node d = nodes.get(dir);
        if (d == null || !d.dir) {
            return out;
        }
        String prefix = dir.equals("/") ? "/" : dir + "/";
        for (Map.Entry<String, Node> e : nodes.tailMap(prefix, false).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(prefix)) {
                break;
            }
            if (k.indexOf('/', prefix.length()) < 0) {
                out.add(new Entry(name(k), e.getValue().dir, e.getValue().size, e.getValue().mtime));
            }
        }
        return out;
    }

    @Override
    public byte[] read(String path, long offset) {
        Node n = nodes.get(path);
        if (n == null || n.bytes == null) {
            return null;
        }
        return Arrays.copyOfRange(n.bytes, (int) Math.min(offset, n.bytes.length), n.bytes.length);
    }

    @Override
    public Sink store(String path, boolean append, long offset) {
        Node parent = nodes.get(parent(path));
        Node old = nodes.get(path);
        if (parent == null || !parent.dir || (old != null && old.dir)) {
            return null;
        }
        // vsftpd postlogin.c handle_upload_common: APPE writes at the end; STOR truncates only
        // without REST, which otherwise sets where writing starts (past the end: zeros between)
        // and keeps the file beyond what is written.
        final long kept = old == null || !append && offset == 0 ? 0 : old.size;
        final long start = append ? kept : offset;
        // A bulk file stays bulk (no bytes); a real one keeps its bytes.
        final byte[] keep = kept == 0 ? new byte[0] : old.bytes == null ? null : old.bytes.clone();
        nodes.put(path, new Node(false, kept, keep, mtime));
        return new Sink() {
            private long at = start;

            @Override
            public void write(byte[] bytes, long length) {
                Node n = nodes.get(path);
                if (n == null) {
                    return;
                }
                byte[] b = n.bytes;
                if (bytes != null && b != null && at <= b.length + (1 << 20)) {
                    b = b.length >= at + bytes.length ? b : Arrays.copyOf(b, (int) (at + bytes.length));
                    System.arraycopy(bytes, 0, b, (int) at, bytes.length);
                } else {
                    b = null; // one bulk write, or a hole of over 1 MiB (a hostile REST), makes the file bulk
                }
                at += length;
                n.size = Math.max(n.size, at);
                n.bytes = b;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public boolean delete(String path) {
        Node n = nodes.get(path);
        if (n == null || n.dir) {
            return false;
        }
        nodes.remove(path);
        return true;
    }

    @Override
    public boolean setMtime(String path, long epochSeconds) {
        Node n = nodes.get(path);
        if (n == null || n.dir) {
            return false;
        }
        nodes.put(path, new Node(false, n.size, n.bytes, epochSeconds));
        return true;
    }

    @Override
    public boolean mkdir(String path) {
        Node p = nodes.get(parent(path));
        if (nodes.containsKey(path) || p == null || !p.dir) {
            return false;
        }
        nodes.put(path, new Node(true, 0, null, mtime));
        return true;
    }

    @Override
    public boolean rmdir(String path) {
        Node n = nodes.get(path);
        if (n == null || !n.dir || path.equals("/") || !list(path).isEmpty()) {
            return false;
        }
        nodes.remove(path);
        return true;
    }

    @Override
    public boolean rename(String from, String to) {
        Node n = nodes.get(from);
        Node p = nodes.get(parent(to));
        if (n == null || from.equals("/") || p == null || !p.dir || nodes.containsKey(to)
                || to.startsWith(from + "/")) {
            return false;
        }
        var moved = new TreeMap<String, Node>();
        for (var e : nodes.entrySet()) {
            String k = e.getKey();
            if (k.equals(from) || k.startsWith(from + "/")) {
                moved.put(to + k.substring(from.length()), e.getValue());
            }
        }
        nodes.keySet().removeIf(k -> k.equals(from) || k.startsWith(from + "/"));
        nodes.putAll(moved);
        return true;
    }
}
