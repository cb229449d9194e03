package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * What a session asks its host to do. The host performs actions in list order.
 */
public sealed interface Action {

    /** Server: write a reply on the control connection. */
    record SendReply(Reply reply) implements Action {
        /** The bytes to write. */
        public byte[] bytes() {
            return reply.encode();
        }
    }

    /** Client: write one command line (CRLF appended, 0xFF escaped as IAC IAC). */
    record SendCommand(String line) implements Action {
        /** The bytes to write. */
        public byte[] bytes() {
            return Reply.escapeIac((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Open a listening data socket on the local control address; port 0 lets the host choose.
     * When {@code port} is in use, the host asks {@code others} (if non-null) for the next port
     * to try, as a server retries its bind(). The host answers {@link Input.DataListening} or
     * {@link Input.DataListenFailed}.
     */
    record ListenData(int port, PortSearch others) implements Action {
        /** One port, no other to try. */
        public ListenData(int port) {
            this(port, null);
        }
    }

    /** The ports a server tries after its first choice is in use. */
    interface PortSearch {
        /** The next port to try, 0 for any free ephemeral port, -1 when the server gives up. */
        int next();
    }

    /**
     * Open a data connection to {@code ipv4:port}, from {@code fromIpv4:fromPort} (0 = any
     * address, ephemeral port). The host answers {@link Input.DataConnected} or
     * {@link Input.DataConnectFailed}.
     */
    record ConnectData(int ipv4, int port, int fromIpv4, int fromPort) implements Action {}

    /**
     * Send on the open data connection: real bytes when {@code bytes} is non-null; {@code length}
     * bytes read from {@code source} when that is non-null (a real file, streamed; the host closes
     * it); otherwise {@code length} bulk bytes (the simulator moves counts, not content).
     */
    record SendData(byte[] bytes, long length, java.nio.channels.ReadableByteChannel source) implements Action {
        /** Real bytes or a bulk count. */
        public SendData(byte[] bytes, long length) {
            this(bytes, length, null);
        }

        /** Real bytes. */
        public static SendData of(byte[] b) {
            return new SendData(b, b.length);
        }
    }

    /**
     * Close the data connection (and any listening data socket). {@code abort} asks for an
     * abortive close (RST), as on ABOR; otherwise the host closes after pending data is sent
     * and then feeds {@link Input.DataClosed}.
     */
    record CloseData(boolean abort) implements Action {}

    /** Close the control connection, after the replies before it were written. */
    record CloseControl() implements Action {}

    /** (Re)start a timer; the host feeds {@link Input.TimerFired} when it expires. */
    record StartTimer(Timer timer, long nanos) implements Action {}

    /** Cancel a timer if it runs. */
    record CancelTimer(Timer timer) implements Action {}

    /**
     * From now on the control connection is TLS-protected ({@code on}, after AUTH TLS: the host
     * runs the TLS handshake and holds further control bytes until it completes) or clear again
     * ({@code off}, after CCC, RFC 4217 section 6). Bytes already emitted keep their protection.
     */
    record SecureControl(boolean on) implements Action {}

    /** Client: the script finished; the outcome is in the session's record. */
    record Finished(SessionRecord record) implements Action {}
}
