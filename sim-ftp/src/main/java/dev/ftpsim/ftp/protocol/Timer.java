package dev.ftpsim.ftp.protocol;

/** The timers a session asks its host to run; the engine itself has no clock. */
public enum Timer {
    /** Control connection idle: vsftpd {@code idle_session_timeout} (300 s). */
    CONTROL_IDLE,
    /** Data connection setup: vsftpd {@code accept_timeout}/{@code connect_timeout} (60 s). */
    DATA_CONNECT,
    /** Server: no data progress during a transfer; vsftpd {@code data_connection_timeout} (300 s). */
    DATA_STALL,
    /** Client: waiting for a reply (curl's FTP response timeout, default 60 s). */
    REPLY,
    /** Server: logged in without a transfer; proftpd {@code TimeoutNoTransfer} (300 s), vsftpd has none. */
    NO_TRANSFER,
    /**
     * Client: curl's {@code --connect-timeout}, counted from the start of the transfer
     * ({@code Curl_timeleft} measures from {@code t_startsingle}), bounding every connect of it.
     */
    CONNECT_BUDGET,
    /** Client: the end of a {@link ClientOp.Wait} pause between commands. */
    PAUSE,
    /** Client: send NOOP on the control connection during a transfer; off by default in every profile. */
    KEEPALIVE,
    /** Server: connected without logging in; proftpd {@code TimeoutLogin} (300 s), vsftpd has none. */
    LOGIN
}
