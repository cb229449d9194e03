package dev.ftpsim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's output folder, replaced as a whole: everything is written into a fresh hidden sibling,
 * {@code .<name>.tmp-<pid>}, which is renamed into place only when complete; the old folder is
 * moved aside first and deleted after. So a folder never mixes two runs, and a run interrupted
 * (Ctrl-C, a kill, a full disk) leaves the previous results as they were, never a cut file.
 *
 * <p>Before anything runs, {@link #open} checks that the folder can be written, takes a lock
 * ({@code .<name>.lock} beside it, the same {@link FolderLock} a sweep takes) so that a second run
 * into the same folder is refused, and clears what killed runs left behind. A folder holding files
 * that ftpsim does not write is never replaced.
 */
public final class OutputFolder implements AutoCloseable {
    /** Files of a run or a ladder: only a folder of these (or an empty one) is replaced. */
    private static final List<String> OURS = List.of("summary.json", "sessions.csv", "timeseries.csv",
            "forgotten.csv", "timeseries.png", "timeseries.svg", "ladder.svg", "ladder.mmd",
            "explain.md", "explain.json", "report.html");
    /** Written by {@code ftpsim ladder} into the same folder: a run keeps them. */
    private static final List<String> LADDER = List.of("ladder.svg", "ladder.mmd");

    private final Path dir;
    private final Path target;
    private final Path tmp;
    private final FolderLock lock;
    private final Thread hook;
    private boolean committed;
    private boolean abandoned;

    private OutputFolder(final Path dir, final Path target, final Path tmp, final FolderLock lock) {
        this.dir = dir;
        this.target = target;
        this.tmp = tmp;
        this.lock = lock;
        this.hook = new Thread(this::abandon, "ftpsim-abandon-" + target.getFileName());
    }

    /**
     * Checks that {@code dir} can be written and locks it, then creates the folder the run writes
     * into. Throws, naming {@code dir}, when it cannot be written, when a file is in the way, when
     * another run holds it, or when it holds files ftpsim did not write.
     */
    public static OutputFolder open(final Path dir) throws IOException {
        final FolderLock lock = lock(dir);
        try {
            final Path target = target(dir);
            final Path parent = target.getParent();
            final String name = target.getFileName().toString();
            final List<Path> found = new java.util.ArrayList<>();
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, q -> {
                final String n = q.getFileName().toString();
                return leftover(n, name);
            })) {
                leftovers.forEach(found::add);
            }
            for (final Path p : found) {
                // A run killed between its commit's two renames left the previous results aside
                // and no folder in their place: they go back. Anything else is a killed run's
                // leftover; the lock says no live run of this folder owns it.
                if (p.getFileName().toString().startsWith("." + name + ".old-")
                        && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    deleteTree(p);
                }
            }
            if (Files.isDirectory(target)) {
                checkReplaceable(dir, target);
            }
            final Path tmp = parent.resolve("." + name + ".tmp-" + ProcessHandle.current().pid());
            Files.createDirectory(tmp);
            final OutputFolder f = new OutputFolder(dir, target, tmp, lock);
            Runtime.getRuntime().addShutdownHook(f.hook);
            return f;
        } catch (final FileSystemException e) {
            lock.close();
            throw cannotWrite(dir, e);
        } catch (final IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Locks {@code dir} for writing in place (ladders): checks it can be made and written first.
     * The lock is the one {@link #open} takes, so a ladder never writes into a folder being replaced.
     */
    public static FolderLock lock(final Path dir) throws IOException {
        final Path target = target(dir);
        if (target.getParent() == null) {
            throw new IOException("cannot write " + dir + ": not a folder for results");
        }
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot write " + dir + ": " + p + " is a file, not a folder");
            }
        }
        try {
            Files.createDirectories(target.getParent());
            final Path lockFile = target.getParent().resolve("." + target.getFileName() + ".lock");
            final FolderLock lock = FolderLock.acquire(lockFile, "output folder " + dir + " is in use by another"
                    + " running ftpsim (it holds " + lockFile + ")");
            try {
                restoreSetAside(target);
            } catch (final IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
            return lock;
        } catch (final FileSystemException e) {
            throw cannotWrite(dir, e);
        }
    }

    /**
     * A run killed between its commit's two renames left the previous results aside ({@code
     * .<name>.old-<pid>}) and no folder in their place: they go back before a sweep or ladder
     * writes a new folder there, after which the next run would take them for a leftover and
     * delete them. Called under the folder's lock.
     */
    private static void restoreSetAside(final Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        final String name = target.getFileName().toString();
        final List<Path> aside = new java.util.ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target.getParent(), q -> {
            final String n = q.getFileName().toString();
            return n.startsWith("." + name + ".old-") && leftover(n, name) && Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS);
        })) {
            found.forEach(aside::add);
        }
        if (!aside.isEmpty()) {
            Files.move(aside.stream().sorted().findFirst().orElseThrow(), target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The folder {@code dir} names, absolute: through a symbolic link, the folder it points to,
     * which is replaced while the link stays (renaming the link would put a plain folder in its
     * place and leave the linked folder with the old results).
     */
    private static Path target(final Path dir) throws IOException {
        final Path t = dir.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(t)) {
            return t;
        }
        if (!Files.isDirectory(t)) {
            throw new IOException("cannot write " + dir + ": it is a symbolic link to " + Files.readSymbolicLink(t)
                    + ", which is not a folder");
        }
        return t.toRealPath();
    }

    /** Where the run writes its files until {@link #commit}. */
    public Path staging() {
        return tmp;
    }

    /** The output folder the files end up in. */
    public Path path() {
        return dir;
    }

    /**
     * Puts the staged folder in place of the output folder: the old one is moved aside, the new one
     * renamed into place, the old one deleted; a ladder's files of the old folder are kept.
     */
    public synchronized void commit() throws IOException {
        commit(null);
    }

    /**
     * {@link #commit()} for a run of {@code scenario}: the old folder's ladder is kept only when it
     * pictures that scenario. A ladder of another, left by {@code ftpsim ladder} or a run of it into
     * the same {@code --out}, would otherwise sit beside these results as if drawn from them.
     */
    public synchronized void commit(final String scenario) throws IOException {
        if (abandoned) {
            throw new IOException("the run was interrupted; " + dir + " is left as it was");
        }
        final Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        if (Files.isDirectory(target)) {
            for (final String f : scenario != null && !ladderOf(target, scenario) ? List.<String>of() : LADDER) {
                if (Files.exists(target.resolve(f)) && !Files.exists(tmp.resolve(f))) {
                    Files.copy(target.resolve(f), tmp.resolve(f));
                }
            }
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            if (Files.isDirectory(old)) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // the previous results stay
            }
            throw e;
        }
        committed = true;
        deleteTree(old);
    }

    /** Whether {@code dir}'s ladder.mmd (written with ladder.svg, both or neither) is one of {@code scenario}. */
    private static boolean ladderOf(final Path dir, final String scenario) throws IOException {
        final Path mmd = dir.resolve("ladder.mmd");
        if (!Files.isRegularFile(mmd, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        final String title = dev.ftpsim.ladder.LadderRenderer.mermaidTitleOf(scenario);
        try (Stream<String> lines = Files.lines(mmd)) {
            return lines.limit(2).anyMatch(l -> l.startsWith(title));
        } catch (final UncheckedIOException e) {
            return false; // not text ftpsim wrote
        }
    }

    /** On JVM shutdown before the commit (Ctrl-C, SIGTERM): the staged files go, the old folder stays. */
    private synchronized void abandon() {
        if (!committed) {
            abandoned = true;
            try {
                deleteTree(tmp);
            } catch (final IOException | UncheckedIOException e) {
                // Left for the next run into this folder to clear.
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                deleteTree(tmp);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException e) {
                // Shutting down: the hook runs or ran.
            }
        } finally {
            lock.close();
        }
    }

    private static void checkReplaceable(final Path dir, final Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            Path foreign = null;
            for (final Path p : (Iterable<Path>) files::iterator) {
                if (!ours(p)) {
                    foreign = p;
                    break;
                }
            }
            if (foreign != null) {
                throw new IOException("cannot write " + dir + ": it holds " + foreign.getFileName() + ", which ftpsim"
                        + " did not write; a run replaces its output folder as a whole, so choose another --out or"
                        + " empty it");
            }
        }
        // The old folder's files are deleted after the new one is in place: that needs write access.
        final Path probe = target.resolve(".ftpsim-probe-" + ProcessHandle.current().pid());
        Files.deleteIfExists(Files.createFile(probe));
    }

    /**
     * Whether {@code n} is a staging or set-aside folder of a run into {@code name}: the name then a
     * pid, nothing else. A prefix alone would match a live run's of another folder ({@code out}'s
     * {@code .out.tmp-} is the start of {@code .out.tmp-1.tmp-<pid>}, the staging of {@code out.tmp-1},
     * which holds another lock).
     */
    static boolean leftover(final String n, final String name) {
        for (final String kind : new String[] {".tmp-", ".old-"}) {
            final String prefix = "." + name + kind;
            if (n.length() > prefix.length() && n.startsWith(prefix)
                    && n.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return true;
            }
        }
        return false;
    }

    private static boolean ours(final Path p) throws IOException {
        final String n = p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && n.matches("[0-9]{2}-[a-z0-9-]+")) {
            // the default matrix's captures with --pcap, a folder per cell (01-no-firewall-active/fw-lan.pcapng)
            try (Stream<Path> files = Files.list(p)) {
                return files.allMatch(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && capture(f.getFileName().toString()));
            }
        }
        return Files.isRegularFile(p) && (OURS.contains(n) || capture(n) || n.startsWith(".") && n.endsWith(".tmp"));
    }

    private static boolean capture(final String n) {
        return n.endsWith(".pcap") || n.endsWith(".pcapng");
    }

    private static IOException cannotWrite(final Path dir, final FileSystemException e) {
        final String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied (" + e.getFile() + ")";
        } else if (e instanceof FileAlreadyExistsException) {
            // a link to nothing, or a loop of links, is in the way as a file is; it is not one
            why = e.getFile() + (e.getFile() != null && Files.isSymbolicLink(Path.of(e.getFile()))
                    ? " is a symbolic link that leads to no folder" : " is a file, not a folder");
        } else if (e instanceof NoSuchFileException) {
            why = "cannot create " + e.getFile();
        } else {
            why = e.getReason() != null ? e.getReason() + " (" + e.getFile() + ")" : String.valueOf(e.getFile());
        }
        return new IOException("cannot write " + dir + ": " + why, e);
    }

    /** Deletes a folder and what it holds; a missing one is fine. Follows no symbolic link. */
    static void deleteTree(final Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (final Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
