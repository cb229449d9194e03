package dev.ftpsim.ftp.agent;

/**
 * The outcome of one simulated FTP client session, one row of a run's {@code sessions.csv}.
 * Times are simulated nanoseconds since the start of the run, -1 where the session never got
 * there.
 *
 * @param client the client host
 * @param session index of the session on that client
 * @param mode the data mode the client started with (PORT, EPRT, PASV, EPSV)
 * @param ok the whole script ran
 * @param reason why it failed, in words ("data connect timed out"), or "" when ok
 * @param lastReplyCode the last reply code received, 0 if none
 * @param lastReplyText its text
 * @param start when the control connect began
 * @param connected when the control connection was established
 * @param loggedIn when the server accepted the login
 * @param firstByte when the first data byte arrived
 * @param end when the session ended, either way
 * @param bytes data bytes moved
 * @param dataConnections data connections established
 * @param dataPort the client's port of its first data connection attempt (listening in active
 *     mode, connecting in passive mode), 0 if none: what firewalls' records are matched on
 */
public record FtpSessionRecord(String client, int session, String mode, boolean ok, String reason, int lastReplyCode,
        String lastReplyText, long start, long connected, long loggedIn, long firstByte, long end, long bytes,
        int dataConnections, int dataPort) {}
