package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.tcp.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The control connection's TLS layer after AUTH TLS, as seen on the wire: a TLS 1.2 full
 * handshake (two round trips, with messages of realistic size) and then application data in
 * records ({@code 0x17 0x03 0x03}, length, scrambled payload, 16-byte tag). Nothing is really
 * encrypted, but no FTP command or reply is readable in the records, which is what a firewall
 * helper sees of FTPS. CCC returns to clear text.
 */
final class ControlTls {
    private static final byte HANDSHAKE = 0x16;
    private static final byte APPLICATION_DATA = 0x17;
    private static final int TAG = 16;
    /** Sizes of the handshake flights (RFC 5246 section 7.3, a typical RSA certificate chain). */
    private static final int CLIENT_HELLO = 517;
    private static final int SERVER_FLIGHT = 2_400;
    private static final int CLIENT_FINISHED = 126;
    private static final int SERVER_FINISHED = 51;

    private enum Phase { CLEAR, HANDSHAKE, SECURE }

    private final boolean client;
    private final TcpConnection conn;
    private final Consumer<byte[]> deliver;
    private Phase phase = Phase.CLEAR;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private byte[] inbuf = new byte[0];

    ControlTls(final boolean client, final TcpConnection conn, final Consumer<byte[]> deliver) {
        this.client = client;
        this.conn = conn;
        this.deliver = deliver;
    }

    /** SecureControl(true): the client speaks first (ClientHello); the server waits for it. */
    void start() {
        phase = Phase.HANDSHAKE;
        if (client) {
            conn.send(record(HANDSHAKE, 1, CLIENT_HELLO));
        }
    }

    /** SecureControl(false), after CCC: clear text from here on. */
    void stop() {
        phase = Phase.CLEAR;
    }

    /** Writes control bytes: clear, held until the handshake ends, or in a record. */
    void send(final byte[] plain) {
        switch (phase) {
            case CLEAR -> conn.send(plain);
            case HANDSHAKE -> held.writeBytes(plain);
            case SECURE -> conn.send(seal(plain));
        }
    }

    /** Reads control bytes from TCP and hands clear text on. */
    void receive(final byte[] bytes) {
        if (phase == Phase.CLEAR && inbuf.length == 0) {
            deliver.accept(bytes);
            return;
        }
        inbuf = concat(inbuf, bytes);
        while (inbuf.length >= 5) {
            if (phase == Phase.CLEAR) {
                final byte[] rest = inbuf;
                inbuf = new byte[0];
                deliver.accept(rest);
                return;
            }
            final int len = (inbuf[3] & 0xFF) << 8 | inbuf[4] & 0xFF;
            if (inbuf.length < 5 + len) {
                return;
            }
            final byte type = inbuf[0];
            final byte[] body = Arrays.copyOfRange(inbuf, 5, 5 + len);
            inbuf = Arrays.copyOfRange(inbuf, 5 + len, inbuf.length);
            if (type == HANDSHAKE) {
                handshake(body[0]);
            } else if (type == APPLICATION_DATA) {
                deliver.accept(open(body));
            }
        }
    }

    private void handshake(final byte message) {
        if (!client && message == 1) {
            conn.send(record(HANDSHAKE, 2, SERVER_FLIGHT));
        } else if (client && message == 2) {
            conn.send(record(HANDSHAKE, 3, CLIENT_FINISHED));
        } else if (!client && message == 3) {
            conn.send(record(HANDSHAKE, 4, SERVER_FINISHED));
            secure();
        } else if (client && message == 4) {
            secure();
        }
    }

    private void secure() {
        phase = Phase.SECURE;
        if (held.size() > 0) {
            final byte[] h = held.toByteArray();
            held.reset();
            conn.send(seal(h));
        }
    }

    private static byte[] record(final byte type, final int message, final int length) {
        final byte[] r = new byte[5 + length];
        r[0] = type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (length >>> 8);
        r[4] = (byte) length;
        r[5] = (byte) message;
        for (int i = 6; i < r.length; i++) {
            r[i] = (byte) (i * 151 + message * 31); // stands for random and certificate bytes
        }
        return r;
    }

    private static byte[] seal(final byte[] plain) {
        final int len = plain.length + TAG;
        final byte[] r = new byte[5 + len];
        r[0] = APPLICATION_DATA;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (len >>> 8);
        r[4] = (byte) len;
        for (int i = 0; i < plain.length; i++) {
            r[5 + i] = (byte) (plain[i] ^ 0xA5 ^ i * 29);
        }
        for (int i = 0; i < TAG; i++) {
            r[5 + plain.length + i] = (byte) (0x80 | i * 7);
        }
        return r;
    }

    private static byte[] open(final byte[] body) {
        final byte[] plain = new byte[body.length - TAG];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (body[i] ^ 0xA5 ^ i * 29);
        }
        return plain;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
