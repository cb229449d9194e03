package dev.ftpsim.core.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An include pattern expanded as nft expands it: glob(3) with GLOB_NOESCAPE | GLOB_MARK
 * (nftables src/scanner.l, include_glob). Every component of the path may hold {@code *}, {@code ?}
 * and {@code [...]} ({@code [!...]} or {@code [^...]} negated, an unclosed {@code [} a plain
 * character); a backslash and braces are plain characters; a name starting with a dot is matched
 * only by a pattern starting with a dot. The files come in the byte order of their whole paths
 * (glob sorts gl_pathv; nft pushes them in reverse so they are read in that order); folders are
 * passed over; no match at all loads nothing, as in nft.
 */
final class IncludeGlob {
    /** Names looked at in all, so a pattern over a huge tree ({@code /proc/*}{@code /*}) ends soon. */
    static final int MAX_NAMES = 100_000;

    private IncludeGlob() {
    }

    /** The regular (non-folder) paths {@code pattern}, an absolute path, matches, in nft's order. */
    static List<Path> expand(final String pattern, final Pos at) {
        final String[] parts = pattern.split("/", -1);
        List<String> cur = new ArrayList<>(List.of(pattern.startsWith("/") ? "" : "."));
        int seen = 0;
        for (int i = pattern.startsWith("/") ? 1 : 0; i < parts.length; i++) {
            final String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            final boolean last = i == parts.length - 1;
            final List<String> next = new ArrayList<>();
            for (final String dir : cur) {
                if (!magic(part)) {
                    final String p = dir + "/" + part;
                    if (Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) {
                        next.add(p);
                    }
                    continue;
                }
                final Path d = Path.of(dir.isEmpty() ? "/" : dir);
                if (!Files.isDirectory(d)) {
                    continue;
                }
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                    for (final Path e : s) {
                        if (++seen > MAX_NAMES) {
                            throw new ParseFailure(at, "include: the pattern looks at more than " + MAX_NAMES
                                    + " names; name the folder of the files to include");
                        }
                        final String name = e.getFileName().toString();
                        if (matches(part, name) && (last || Files.isDirectory(e))) {
                            next.add(dir + "/" + name);
                        }
                    }
                } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                    // glob(3) without GLOB_ERR passes over a folder it cannot read (/proc/1/map_files)
                }
            }
            cur = next;
        }
        final List<byte[]> sorted = new ArrayList<>();
        for (final String p : cur) {
            if (!Files.isDirectory(Path.of(p))) {
                sorted.add(p.getBytes(StandardCharsets.UTF_8));
            }
        }
        sorted.sort(Arrays::compareUnsigned);
        final List<Path> out = new ArrayList<>();
        for (final byte[] b : sorted) {
            out.add(Path.of(new String(b, StandardCharsets.UTF_8)).normalize());
        }
        return out;
    }

    private static boolean magic(final String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
    }

    /** fnmatch(3) with FNM_PERIOD and FNM_NOESCAPE, for one path component. */
    static boolean matches(final String pattern, final String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        return match(pattern, name);
    }

    /** Wildcard matching with one backtrack point per star: linear in the name per star, never exponential. */
    private static boolean match(final String p, final String s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                starP = ++pi;
                starS = si;
                continue;
            }
            if (pi < p.length()) {
                final char c = p.charAt(pi);
                final int end = c == '[' ? classEnd(p, pi) : -1;
                if (end > 0 ? inClass(p, pi, end, s.charAt(si)) : c == '?' || c == s.charAt(si)) {
                    pi = end > 0 ? end + 1 : pi + 1;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** The index of the ']' that closes the class opened at {@code open}, or -1 (then '[' is a plain character). */
    private static int classEnd(final String p, final int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++; // a ']' first in the class is a member
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(final String p, final int open, final int end, final char c) {
        int i = open + 1;
        final boolean negate = p.charAt(i) == '!' || p.charAt(i) == '^';
        if (negate) {
            i++;
        }
        boolean in = false;
        boolean first = true;
        while (i < end) {
            final char lo = p.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                in |= c >= lo && c <= p.charAt(i + 2);
                i += 3;
            } else {
                in |= c == lo;
                i++;
            }
        }
        return in != negate;
    }
}
