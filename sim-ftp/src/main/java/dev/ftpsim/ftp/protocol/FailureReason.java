package dev.ftpsim.ftp.protocol;

/** Why a client session failed; the first failure wins. */
public enum FailureReason {
    /** The session succeeded. */
    NONE,
    /** The host could not connect the control connection (refused or timed out). */
    CONTROL_CONNECT_FAILED,
    /** The control connection closed or reset before the script ended. */
    CONTROL_LOST,
    /** The server sent something that is not an FTP reply, or an unexpected one. */
    PROTOCOL_ERROR,
    /** No reply within the reply timeout. */
    REPLY_TIMEOUT,
    /** 421: the server refused service or closed (too many users, idle, lockout). */
    SERVICE_UNAVAILABLE,
    /** USER/PASS refused (530). */
    LOGIN_FAILED,
    /** A command was refused (CWD 550 and the like). */
    COMMAND_REFUSED,
    /** Every data setup command (PORT/EPRT/PASV/EPSV and fallbacks) was refused. */
    DATA_SETUP_REFUSED,
    /** 425 from the server, or our own data connect failed: the classic firewall/NAT failure. */
    DATA_CONNECT_FAILED,
    /** Our data connection attempt timed out. */
    DATA_CONNECT_TIMEOUT,
    /** The transfer started but failed (426, 451, or the data connection reset). */
    TRANSFER_FAILED,
    /** The file was unavailable or could not be written (450/550/553). */
    FILE_UNAVAILABLE,
    /**
     * Set by a run, never by the engine: the data connection failed because a load balancer sent
     * it to a backend other than the one that announced the port (the engine said DATA_CONNECT_FAILED).
     */
    DATA_WRONG_BACKEND,
    /** The session's own time limit ran out (curl --max-time: "Operation timed out", exit 28). */
    TIMED_OUT
}
