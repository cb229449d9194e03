package dev.ftpsim.ftp.real;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A folder tree as one line per entry: name, type, size, mtime and content digest (links not followed). */
final class TreeDigest {
    private TreeDigest() {}

    static String of(final Path dir) throws IOException {
        final StringBuilder sb = new StringBuilder();
        final List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted().toList();
        }
        for (final Path p : all) {
            final var a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            sb.append(dir.relativize(p)).append(' ');
            if (a.isSymbolicLink()) {
                sb.append("link->").append(Files.readSymbolicLink(p));
            } else if (a.isDirectory()) {
                sb.append("dir");
            } else if (a.isRegularFile()) {
                sb.append("file ").append(a.size()).append(' ').append(sha256(p));
            } else {
                sb.append("other");
            }
            sb.append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
        }
        return sb.toString();
    }

    private static String sha256(final Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            final byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                md.update(b, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
