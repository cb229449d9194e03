package dev.ftpsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of {@code ftpsim serve} that sends exactly the bytes a test gives it and reads replies
 * as they come: the hostile or careless client of the tests. Timeouts of 10 s on every read.
 */
final class RawClient implements AutoCloseable {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    final Socket control;
    private final InputStream in;
    private final OutputStream out;
    /** The server's greeting. */
    final String greeting;

    RawClient(final int port) throws IOException {
        control = new Socket(InetAddress.getLoopbackAddress(), port);
        control.setSoTimeout(10_000);
        in = control.getInputStream();
        out = control.getOutputStream();
        greeting = reply();
    }

    /** Logs in anonymously; TYPE I. */
    RawClient anonymous() throws IOException {
        expect("331 ", cmd("USER anonymous"));
        expect("230 ", cmd("PASS guest@example.org"));
        expect("200 ", cmd("TYPE I"));
        return this;
    }

    static String expect(final String start, final String reply) {
        if (!reply.startsWith(start)) {
            throw new AssertionError("expected " + start + "..., got " + reply);
        }
        return reply;
    }

    /** Sends a command line (each char one byte) and reads its reply. */
    String cmd(final String line) throws IOException {
        send((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return reply();
    }

    void send(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** PASV, then a data connection to the port it names. */
    Socket pasv() throws IOException {
        final Matcher m = PASV.matcher(expect("227 ", cmd("PASV")));
        if (!m.find()) {
            throw new AssertionError("no address in the 227");
        }
        final Socket data = new Socket(InetAddress.getLoopbackAddress(),
                Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
        data.setSoTimeout(10_000);
        return data;
    }

    /**
     * The next reply, all its lines (CRLF-joined, each char one byte); null when the server closed
     * the connection first.
     */
    String reply() throws IOException {
        final StringBuilder all = new StringBuilder();
        String first = null;
        while (true) {
            final String l = line();
            if (l == null) {
                return first == null ? null : all.toString();
            }
            all.append(all.length() == 0 ? "" : "\r\n").append(l);
            if (first == null) {
                first = l;
                if (l.length() < 4 || l.charAt(3) != '-') {
                    return l;
                }
            } else if (l.startsWith(first.substring(0, 3) + " ")) {
                return all.toString();
            }
        }
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

    @Override
    public void close() throws IOException {
        control.close();
    }
}
