package dev.ftpsim.ftp.real;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that sends exactly the bytes a test gives it and reads replies as they come, for tests
 * that play a hostile or careless client. Passive mode only.
 */
final class RawFtp implements AutoCloseable {

    /** A reply: its code and full text (all lines, CRLF-joined). */
    record Reply(int code, String text) {}

    /** A transfer's outcome: the replies in order (150, then 226/4xx/5xx) and the data received. */
    record Transfer(Reply first, Reply last, byte[] data) {}

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private final InetAddress local;
    /** The server's greeting (220, or 421 when it refused the connection). */
    final Reply greeting;

    RawFtp(final int port) throws IOException {
        this(null, port);
    }

    /** @param local the client address to connect from (127.0.0.2 is loopback too), null for any */
    RawFtp(final InetAddress local, final int port) throws IOException {
        this.local = local;
        control = new Socket();
        control.setSoTimeout(10_000);
        if (local != null) {
            control.bind(new InetSocketAddress(local, 0));
        }
        control.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        in = control.getInputStream();
        out = control.getOutputStream();
        greeting = reply();
    }

    /** Logs in anonymously and switches to binary. */
    RawFtp anonymous() throws IOException {
        expect(331, cmd("USER anonymous"));
        expect(230, cmd("PASS guest@example.org"));
        expect(200, cmd("TYPE I"));
        return this;
    }

    static Reply expect(final int code, final Reply r) {
        if (r.code() != code) {
            throw new AssertionError("expected " + code + ", got " + r);
        }
        return r;
    }

    /** Sends a command line (ISO-8859-1: each char one byte) and reads its reply. */
    Reply cmd(final String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return reply();
    }

    void send(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next reply, multi-line ones whole; code -1 when the server closed the connection. */
    Reply reply() throws IOException {
        final StringBuilder all = new StringBuilder();
        String first = null;
        while (true) {
            final String l = line();
            if (l == null) {
                return new Reply(-1, all.toString());
            }
            all.append(all.length() == 0 ? "" : "\r\n").append(l);
            if (first == null) {
                first = l;
                if (l.length() < 4 || l.charAt(3) != '-') {
                    break;
                }
            } else if (l.startsWith(first.substring(0, 3) + " ")) {
                break;
            }
        }
        return new Reply(Integer.parseInt(first.substring(0, 3)), all.toString());
    }

    private String line() throws IOException {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                final String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    /** True when the server closed the control connection (after any reply still unread). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    /** PASV, connect, send {@code command}; the replies and what the data connection carried. */
    Transfer download(final String command) throws IOException {
        return transfer(command, null);
    }

    /** PASV, connect, send {@code command}, write {@code upload} and close; the replies. */
    Transfer upload(final String command, final byte[] upload) throws IOException {
        return transfer(command, upload);
    }

    private Transfer transfer(final String command, final byte[] upload) throws IOException {
        final Reply pasv = expect(227, cmd("PASV"));
        final Matcher m = PASV.matcher(pasv.text());
        if (!m.find()) {
            throw new AssertionError(pasv.toString());
        }
        final int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        try (Socket data = new Socket()) {
            data.setSoTimeout(10_000);
            if (local != null) {
                data.bind(new InetSocketAddress(local, 0));
            }
            data.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            final Reply first = cmd(command);
            if (first.code() != 150) {
                return new Transfer(first, first, new byte[0]);
            }
            final ByteArrayOutputStream got = new ByteArrayOutputStream();
            if (upload != null) {
                data.getOutputStream().write(upload);
            } else {
                data.getInputStream().transferTo(got);
            }
            data.close();
            return new Transfer(first, reply(), got.toByteArray());
        }
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
