package dev.ftpsim.ftp.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One FTP reply: a three-digit code and one or more text lines.
 *
 * <p>RFC 959 §4.2: a multi-line reply starts with {@code "123-first line"} and ends with
 * {@code "123 last line"}; a middle line must not look like the end line, so middle lines that
 * begin with a digit are indented by one space (the RFC's advice: "the user-process ... padding
 * with a space"). vsftpd and proftpd indent every middle line (FEAT's " EPSV"), as we do.
 *
 * @param code  the reply code, 100..599 (RFC 959 §4.2.1: first digit 1-5)
 * @param lines the text, one element per line, never empty; no CR or LF inside
 */
public record Reply(int code, List<String> lines) {

    /** Checks the code and copies the lines. */
    public Reply {
        if (code < 100 || code > 599) {
            throw new IllegalStateException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalStateException("reply without text");
        }
        for (String l : lines) {
            if (l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0) {
                throw new IllegalStateException("CR or LF inside a reply line: " + l);
            }
        }
    }

    /** A single-line reply. */
    public static Reply of(int code, String text) {
        return new Reply(code, List.of(text));
    }

    /** The first line's text, which clients usually show. */
    public String text() {
        return lines.get(0);
    }

    /** True for 1yz (preliminary) replies: RFC 959 §4.2.1, another reply follows. */
    public boolean preliminary() {
        return code < 200;
    }

    /** The wire form, CRLF-terminated, in ISO-8859-1 (one char = one byte, lossless). */
    public byte[] encode() {
        var out = new ByteArrayOutputStream(64);
        String c = Integer.toString(code);
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            String l = lines.get(i);
            StringBuilder sb = new StringBuilder(l.length() + 8);
            if (i == 0 && n > 1) {
                sb.append(c).append('-').append(l);
            } else if (i == n - 1) {
                sb.append(c).append(' ').append(l);
            } else if (!l.isEmpty() && Character.isDigit(l.charAt(0))) {
                sb.append(' ').append(l); // RFC 959 §4.2: middle line must not start with digits
            } else {
                sb.append(l);
            }
            sb.append("\r\n");
            out.writeBytes(escapeIac(sb.toString().getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out.toByteArray();
    }

    /** RFC 854: a data byte 0xFF is sent as IAC IAC on a Telnet stream such as FTP's control. */
    static byte[] escapeIac(byte[] b) {
        int ff = 0;
        for (byte x : b) {
            if (x == (byte) 0xFF) {
                ff++;
            }
        }
        if (ff == 0) {
            return b;
        }
        byte[] o = new byte[b.length + ff];
        int j = 0;
        for (byte x : b) {
            o[j++] = x;
            if (x == (byte) 0xFF) {
                o[j++] = x;
            }
        }
        return o;
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.ISO_8859_1).strip();
    }
}
