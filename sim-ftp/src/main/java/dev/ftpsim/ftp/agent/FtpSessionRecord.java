package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.ftp.protocol.FailureReason;

/**
 * The outcome of one simulated FTP client session, one row of a run's {@code sessions.csv}: who
 * ran it, when it got where, what it moved, how it ended (typed: words and codes are made only
 * when it is rendered, by {@link #reasonText()} and {@link #reasonCode()}), and the port its data
 * path is matched on.
 *
 * @param identity which session this is
 * @param timings when it reached each step
 * @param transfer what its data connections moved
 * @param outcome how it ended
 * @param dataPath where its data connection was
 */
public record FtpSessionRecord(Identity identity, Timings timings, Transfer transfer, Outcome outcome, DataPath dataPath) {
    /**
     * @param client the client host
     * @param session index of the session on that client
     * @param mode the data mode the client started with (PORT, EPRT, PASV, EPSV)
     * @param lastMode the data setup command it sent last, after any fallback, mode switch or
     *     reconnect (curl's PASV after a refused EPSV, lftp's PORT after "Switching passive mode
     *     off"); "" when it sent none
     */
    public record Identity(String client, int session, String mode, String lastMode) {
        /** A session whose last data setup was its starting mode. */
        public Identity(final String client, final int session, final String mode) {
            this(client, session, mode, mode);
        }
    }

    /**
     * Simulated nanoseconds since the start of the run, -1 where the session never got there.
     *
     * @param start when the control connect began
     * @param connected when the control connection was established
     * @param loggedIn when the server accepted the login
     * @param firstByte when the first data byte arrived (or, for an upload, was acknowledged)
     * @param end when the session ended, either way; -1 for one still running at the stop time
     */
    public record Timings(long start, long connected, long loggedIn, long firstByte, long end) {}

    /**
     * @param bytes data bytes moved
     * @param dataConnections data connections established
     * @param controlConnections control connections begun (lftp reconnects on new ones), 0 or more
     * @param retries times the client began again after a failure: a transfer tried again on the
     *     same control connection (lftp's "retry after 2 seconds", FileZilla's queue) and each
     *     control connection after the first; 0 for a session that went through at its first try
     */
    public record Transfer(long bytes, int dataConnections, int controlConnections, int retries) {
        /** A session of one control connection. */
        public Transfer(final long bytes, final int dataConnections) {
            this(bytes, dataConnections, 1);
        }

        /** A session that retried only by connecting again. */
        public Transfer(final long bytes, final int dataConnections, final int controlConnections) {
            this(bytes, dataConnections, controlConnections, Math.max(0, controlConnections - 1));
        }
    }

    /**
     * @param finished false for a session still running when the run stopped
     * @param reason the engine's first failure, {@link FailureReason#NONE} when none
     * @param cause what the TCP stack said of the failed connect or connection behind
     *     {@code reason} (control connect, the client's own data connect), or null
     * @param lastReplyCode the last reply code received, 0 if none
     * @param lastReplyText its text
     */
    public record Outcome(boolean finished, FailureReason reason, FailReason cause, int lastReplyCode,
            String lastReplyText) {
        /** The whole script ran. */
        public boolean ok() {
            return finished && reason == FailureReason.NONE;
        }
    }

    /**
     * @param clientPort the client's port of its first data connection attempt (listening in
     *     active mode, connecting in passive mode), 0 if none: what firewalls' records are matched on
     */
    public record DataPath(int clientPort) {}

    /** The whole script ran. */
    public boolean ok() {
        return outcome.ok();
    }

    /**
     * For a session still running at the stop that is trying again after a failure (lftp retrying
     * a refused transfer or reconnecting), that failure in words as {@link #reasonText()} would
     * give it had the session ended there; "" otherwise.
     */
    public String retryText() {
        final Failure f = retryFailure();
        return f == Failure.NONE ? "" : f.withCause ? f.text + " " + outcome.cause().text() : f.text;
    }

    /** {@link #retryText()} as a stable code, as {@link #reasonCode()} gives it; "" when none. */
    public String retryCode() {
        final Failure f = retryFailure();
        return f == Failure.NONE ? "" : f.withCause ? f.code + "_" + outcome.cause().name().toLowerCase(java.util.Locale.ROOT) : f.code;
    }

    private Failure retryFailure() {
        return outcome.finished() ? Failure.NONE : failed();
    }

    /** Why it failed, in words ("data connect timed out"), or "" when ok. */
    public String reasonText() {
        final Failure f = failure();
        return f.withCause ? f.text + " " + outcome.cause().text() : f.text;
    }

    /**
     * Why it failed as a stable code ({@code data_connect_timed_out}), or "" when ok. Codes are at
     * least as fine as the words: sessions with one code have one {@link #reasonText()}.
     */
    public String reasonCode() {
        final Failure f = failure();
        return f.withCause ? f.code + "_" + outcome.cause().name().toLowerCase(java.util.Locale.ROOT) : f.code;
    }

    private Failure failure() {
        if (!outcome.finished()) {
            return Failure.NOT_FINISHED;
        }
        return failed();
    }

    private Failure failed() {
        final FailReason cause = outcome.cause();
        return switch (outcome.reason()) {
            case NONE -> Failure.NONE;
            case CONTROL_CONNECT_FAILED -> cause != null ? Failure.CONTROL_CONNECT : Failure.CONTROL_CONNECT_FAILED;
            case CONTROL_LOST -> Failure.CONTROL_LOST;
            case PROTOCOL_ERROR -> Failure.PROTOCOL_ERROR;
            // The long-transfer trap: data flowed, then the control connection's reply never came.
            case REPLY_TIMEOUT -> transfer.dataConnections() > 0 && timings.firstByte() >= 0
                    ? Failure.NO_REPLY_AFTER_TRANSFER : Failure.REPLY_TIMEOUT;
            case SERVICE_UNAVAILABLE -> Failure.SERVICE_UNAVAILABLE;
            case LOGIN_FAILED -> Failure.LOGIN_FAILED;
            case COMMAND_REFUSED -> Failure.COMMAND_REFUSED;
            case DATA_SETUP_REFUSED -> Failure.DATA_SETUP_REFUSED;
            case DATA_CONNECT_FAILED -> cause != null ? Failure.DATA_CONNECT
                    : outcome.lastReplyCode() == 425 ? Failure.SERVER_DATA_CONNECT_FAILED : Failure.DATA_CONNECTION_FAILED;
            case DATA_CONNECT_TIMEOUT -> Failure.DATA_CONNECT_TIMEOUT;
            case DATA_WRONG_BACKEND -> Failure.DATA_WRONG_BACKEND;
            case TRANSFER_FAILED -> Failure.TRANSFER_FAILED;
            case FILE_UNAVAILABLE -> Failure.FILE_UNAVAILABLE;
            case TIMED_OUT -> Failure.TIMED_OUT;
        };
    }

    /** Each wording of a failure and its code; those {@code withCause} end in the TCP stack's reason. */
    private enum Failure {
        NONE("", ""),
        NOT_FINISHED("not_finished", "not finished by the stop time"),
        CONTROL_CONNECT("control_connect", "control connect", true),
        CONTROL_CONNECT_FAILED("control_connect_failed", "control connect failed"),
        CONTROL_LOST("control_lost", "control connection lost"),
        PROTOCOL_ERROR("protocol_error", "protocol error"),
        NO_REPLY_AFTER_TRANSFER("no_reply_after_transfer", "no reply after the transfer"),
        REPLY_TIMEOUT("reply_timeout", "reply timed out"),
        SERVICE_UNAVAILABLE("service_unavailable", "service unavailable (421)"),
        LOGIN_FAILED("login_failed", "login failed"),
        COMMAND_REFUSED("command_refused", "command refused"),
        DATA_SETUP_REFUSED("data_setup_refused", "data setup refused"),
        DATA_CONNECT("data_connect", "data connect", true),
        SERVER_DATA_CONNECT_FAILED("data_connect_failed_425", "425 data connection failed"),
        DATA_CONNECTION_FAILED("data_connection_failed", "data connection failed"),
        DATA_CONNECT_TIMEOUT("data_connect_timeout", "data connect timed out"),
        DATA_WRONG_BACKEND("data_connect_wrong_backend", "data connection reached a backend that did not announce it"),
        TRANSFER_FAILED("transfer_failed", "transfer failed"),
        FILE_UNAVAILABLE("file_unavailable", "file unavailable"),
        // The population's max-time (curl --max-time), curl's exit 28.
        TIMED_OUT("timed_out_max_time", "timed out (max-time)");

        final String code;
        final String text;
        final boolean withCause;

        Failure(final String code, final String text) {
            this(code, text, false);
        }

        Failure(final String code, final String text, final boolean withCause) {
            this.code = code;
            this.text = text;
            this.withCause = withCause;
        }
    }
}
