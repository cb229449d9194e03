package dev.ftpsim.ftp.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Client side of the control codec: turns reply lines into {@link Reply} values.
 *
 * <p>RFC 959 §4.2: a reply is {@code "ddd text"}, or {@code "ddd-text"} followed by any lines
 * up to one that starts with the same code and a space. A line that fits neither is a peer
 * protocol error, reported as {@link #MALFORMED}. At most {@code maxLines} lines are kept
 * (bounded memory); the rest of an over-long reply is dropped.
 */
public final class ReplyDecoder {

    /** Returned for a line that cannot start a reply. */
    public static final Reply MALFORMED = Reply.of(599, "<malformed reply>");

    private final LineDecoder lines;
    private final int maxLines;
    private int multiCode = -1;
    private final List<String> multi = new ArrayList<>();

    /** @param maxLine longest accepted line; @param maxLines most lines kept per reply */
    public ReplyDecoder(int maxLine, int maxLines) {
        this.lines = new LineDecoder(maxLine);
        this.maxLines = maxLines;
    }

    /** Buffers reply bytes. */
    public void feed(byte[] b, int off, int n) {
        lines.feed(b, off, n);
    }

    /** The next complete reply, {@link #MALFORMED}, or null if more bytes are needed. */
    public Reply next() {
        for (String l; (l = lines.next()) != null; ) {
            if (l != LineDecoder.TOO_LONG && l.indexOf('\r') >= 0) {
                l = l.replace('\r', ' '); // a bare CR (RFC 959 App. II: CR NUL in pathnames) is not a line end
            }
            if (multiCode >= 0) {
                if (l != LineDecoder.TOO_LONG && l.length() >= 4 && code(l) == multiCode && l.charAt(3) == ' ') {
                    if (multi.size() < maxLines) {
                        multi.add(l.substring(4));
                    }
                    var r = new Reply(multiCode, multi);
                    multiCode = -1;
                    multi.clear();
                    return r;
                }
                if (multi.size() < maxLines && l != LineDecoder.TOO_LONG) {
                    multi.add(l);
                }
                continue;
            }
            if (l == LineDecoder.TOO_LONG || l.length() < 3) {
                return MALFORMED;
            }
            int c = code(l);
            if (c < 0 || (l.length() > 3 && l.charAt(3) != ' ' && l.charAt(3) != '-')) {
                return MALFORMED;
            }
            String text = l.length() > 4 ? l.substring(4) : "";
            if (l.length() > 3 && l.charAt(3) == '-') {
                multiCode = c;
                multi.add(text);
                continue;
            }
            return Reply.of(c, text);
        }
        return null;
    }

    /** The reply code at the start of a line, or -1: first digit 1-5 (RFC 959 §4.2.1). */
    static int code(String l) {
        if (l.length() < 3) {
            return -1;
        }
        char a = l.charAt(0), b = l.charAt(1), c = l.charAt(2);
        if (a < '1' || a > '5' || b < '0' || b > '9' || c < '0' || c > '9') {
            return -1;
        }
        return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    }
}
