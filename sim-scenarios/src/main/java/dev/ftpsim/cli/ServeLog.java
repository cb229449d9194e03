package dev.ftpsim.cli;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.Reply;
import dev.ftpsim.ftp.real.RealFtpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code ftpsim serve} log: one line per command, reply and data connection event, each with
 * the time, the session number and the client's address, e.g.
 * {@code 21:30:01.124 #1 127.0.0.1:50312 C: USER anonymous}. Passwords are never printed.
 */
final class ServeLog implements RealFtpServer.Observer {

    /** Longest command text logged; a longer line is cut, so a hostile client cannot flood the log. */
    private static final int MAX_SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /** Per session: its client and the bytes of a command line not yet ended by LF. */
    private record Session(String client, ByteArrayOutputStream partial) {}

    private final PrintWriter out;
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

    ServeLog(final PrintWriter out) {
        this.out = out;
    }

    @Override
    public void opened(final int session, final InetSocketAddress client) {
        final String who = client.getAddress().getHostAddress() + ":" + client.getPort();
        sessions.put(session, new Session(who, new ByteArrayOutputStream()));
        line(session, "connected");
    }

    @Override
    public void refused(final InetSocketAddress client, final Reply reply) {
        print("- " + client.getAddress().getHostAddress() + ":" + client.getPort() + " refused: " + oneLine(reply));
    }

    @Override
    public void failed(final int session, final RuntimeException error) {
        line(session, "internal error, answered 451: " + shown(String.valueOf(error)));
    }

    @Override
    public void received(final int session, final Input input) {
        if (input instanceof Input.ControlBytes c) {
            commands(session, c.bytes());
        } else if (input instanceof Input.DataListening l) {
            line(session, "data: listening on port " + l.port());
        } else if (input instanceof Input.DataListenFailed) {
            line(session, "data: cannot listen");
        } else if (input instanceof Input.DataConnected c) {
            line(session, "data: connected with " + dev.ftpsim.core.net.Ipv4.format(c.peerIpv4()) + ":" + c.peerPort());
        } else if (input instanceof Input.DataConnectFailed f) {
            line(session, "data: connect failed: " + f.reason());
        }
    }

    @Override
    public void performed(final int session, final Action action) {
        if (action instanceof Action.SendReply r) {
            line(session, "S: " + oneLine(r.reply()));
        } else if (action instanceof Action.ConnectData c) {
            line(session, "data: connecting to " + dev.ftpsim.core.net.Ipv4.format(c.ipv4()) + ":" + c.port());
        }
    }

    @Override
    public void closed(final int session) {
        line(session, "closed");
        sessions.remove(session);
    }

    private void commands(final int session, final byte[] bytes) {
        final Session s = sessions.get(session);
        if (s == null) {
            return;
        }
        for (final byte b : bytes) {
            if (b == '\n') {
                line(session, "C: " + shown(s.partial().toString(StandardCharsets.ISO_8859_1)));
                s.partial().reset();
            } else if (s.partial().size() < MAX_SHOWN + 2) {
                s.partial().write(b);
            }
        }
    }

    /**
     * The command as logged: printable, cut at {@link #MAX_SHOWN}, and {@code PASS ****} for any
     * PASS (its argument is a password even for anonymous users, often an e-mail address).
     */
    static String shown(final String raw) {
        final StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length() && sb.length() < MAX_SHOWN; i++) {
            final char ch = raw.charAt(i);
            if (ch == '\r' && i == raw.length() - 1) {
                break;
            }
            sb.append(ch < 0x20 || ch >= 0x7f ? '?' : ch);
        }
        final String verb = sb.toString().stripLeading();
        if (verb.regionMatches(true, 0, "PASS", 0, 4) && (verb.length() == 4 || verb.charAt(4) == ' ')) {
            return "PASS ****";
        }
        return sb.toString();
    }

    /**
     * A reply on one line: the code, then its lines joined by " | " (a multi-line FEAT stays one log
     * line), printable as commands are: a reply may echo what the client sent (proftpd's "331
     * Password required for USER", MKD's 257), and an escape sequence must not reach the terminal.
     */
    static String oneLine(final Reply r) {
        final String text = r.code() + " " + String.join(" | ", r.lines());
        final StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            sb.append(ch < 0x20 || ch >= 0x7f ? '?' : ch);
        }
        return sb.toString();
    }

    private void line(final int session, final String text) {
        final Session s = sessions.get(session);
        final String who = s == null ? "?" : s.client();
        print("#" + session + " " + who + " " + text);
    }

    /** One log line, stamped with the time. */
    private void print(final String text) {
        final String l = LocalTime.now().format(TIME) + " " + text;
        synchronized (out) {
            out.println(l);
            out.flush();
        }
    }
}
