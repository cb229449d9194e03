package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Control-channel codec: splits a Telnet byte stream into lines, with a length cap.
 *
 * <p>RFC 959 §4.1.3 makes the control connection a Telnet NVT stream (RFC 854): {@code IAC IAC}
 * is a data byte 0xFF; {@code IAC WILL/WONT/DO/DONT opt} are option negotiations, stripped
 * (we refuse nothing: real servers ignore them too); any other {@code IAC x} (IP, DM, AO, AYT,
 * SYNCH parts sent before ABOR, RFC 959 §4.1.3) is a function, stripped. Lines end at LF; a CR
 * just before it is dropped (vsftpd and proftpd accept a bare LF as well). State persists across
 * {@link #feed} calls, so a line, a CRLF or an IAC sequence may be split anywhere.
 *
 * <p>Memory is bounded: at most {@code maxLine} bytes are buffered. A longer line is reported
 * once, as {@link #TOO_LONG}, and its remaining bytes are dropped up to the next LF.
 */
public final class LineDecoder {

    /** Returned by {@link #next()} for a line that exceeded the cap (its bytes were dropped). */
    public static final String TOO_LONG = new String("<line too long>");

    private static final int IAC = 0xFF, WILL = 251, DONT = 254;
    private enum Telnet { DATA, IAC, OPTION }

    private final int maxLine;
    private final byte[] line;
    private int len;
    private boolean overflow;
    private Telnet telnet = Telnet.DATA;

    // Pending input not yet split into lines: copied in by feed, consumed by next.
    private byte[] pending = new byte[0];
    private int pos;

    /** @param maxLine the longest accepted line in bytes, without its CRLF */
    public LineDecoder(int maxLine) {
        if (maxLine < 16) {
            throw new IllegalStateException("maxLine too small: " + maxLine);
        }
        this.maxLine = maxLine;
        this.line = new byte[maxLine];
    }

    /** Most unread input held (a peer pipelining while the session is paused); excess is dropped. */
    public static final int MAX_PENDING = 65536;

    /** Buffers bytes; call {@link #next()} until it returns null. Bytes beyond {@link #MAX_PENDING} unread are dropped. */
    public void feed(byte[] b, int off, int n) {
        n = Math.max(0, Math.min(n, MAX_PENDING - (pending.length - pos)));
        if (pos < pending.length) {
            byte[] m = new byte[pending.length - pos + n];
            System.arraycopy(pending, pos, m, 0, pending.length - pos);
            System.arraycopy(b, off, m, pending.length - pos, n);
            pending = m;
        } else {
            pending = java.util.Arrays.copyOfRange(b, off, off + n);
        }
        pos = 0;
    }

    /** The next complete line (without CRLF), {@link #TOO_LONG}, or null if more bytes are needed. */
    public String next() {
        while (pos < pending.length) {
            int c = pending[pos++] & 0xFF;
            switch (telnet) {
                case IAC -> {
                    if (c == IAC) {
                        telnet = Telnet.DATA;
                        append(c);
                    } else if (c >= WILL && c <= DONT) {
                        telnet = Telnet.OPTION;
                    } else {
                        telnet = Telnet.DATA; // IP, DM, AO, AYT ... stripped
                    }
                }
                case OPTION -> telnet = Telnet.DATA; // the option byte itself
                case DATA -> {
                    if (c == IAC) {
                        telnet = Telnet.IAC;
                    } else if (c == '\n') {
                        String r = overflow ? TOO_LONG : text();
                        len = 0;
                        overflow = false;
                        return r;
                    } else {
                        append(c);
                    }
                }
            }
        }
        pending = EMPTY;
        pos = 0;
        return null;
    }

    private static final byte[] EMPTY = new byte[0];

    private void append(int c) {
        if (len < maxLine) {
            line[len++] = (byte) c;
        } else {
            overflow = true;
        }
    }

    private String text() {
        int n = len;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Bytes held: the unfinished line (at most maxLine) plus unread input (at most MAX_PENDING). */
    public int buffered() {
        return len + pending.length - pos;
    }
}
