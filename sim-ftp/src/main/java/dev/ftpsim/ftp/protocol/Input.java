package dev.ftpsim.ftp.protocol;

/**
 * What a host feeds a session: control bytes, data-channel events and timer expiries.
 */
public sealed interface Input {

    /** Bytes read from the control connection. */
    record ControlBytes(byte[] bytes) implements Input {}

    /** The control connection was closed or reset by the peer. */
    record ControlClosed() implements Input {}

    /** A {@link Action.ListenData} succeeded on this port. */
    record DataListening(int port) implements Input {}

    /** A {@link Action.ListenData} failed (no free port). */
    record DataListenFailed() implements Input {}

    /** A data connection is up: accepted from, or connected to, {@code peerIpv4:peerPort}. */
    record DataConnected(int peerIpv4, int peerPort) implements Input {}

    /** A {@link Action.ConnectData} failed: refused, unreachable or timed out. */
    record DataConnectFailed(String reason) implements Input {}

    /** Bytes arrived on the data connection: real ({@code bytes != null}) or a bulk count. */
    record DataReceived(byte[] bytes, long length) implements Input {
        /** Real bytes. */
        public static DataReceived of(byte[] b) {
            return new DataReceived(b, b.length);
        }
    }

    /**
     * Progress of a download: the data peer took this many more bytes of a {@link Action.SendData}
     * (acknowledged, or handed to the socket). Resets the server's stall timer.
     */
    record DataSent(long length) implements Input {}

    /**
     * The data connection is closed: by the peer (end of an upload or download), or by us
     * once everything we sent was delivered ({@code error} false), or by a reset ({@code error}).
     */
    record DataClosed(boolean error) implements Input {}

    /** A timer started by {@link Action.StartTimer} expired. */
    record TimerFired(Timer timer) implements Input {}

    /**
     * The service is shutting down (e.g. the operator stopped the server): a server session
     * answers 421 and closes, as RFC 959 section 4.2 allows "if the service knows it must shut down".
     */
    record ServiceShutdown() implements Input {}
}
