package dev.ftpsim.lab;

import dev.ftpsim.ftp.agent.FtpSessionRecord;

/** The two sides of a cell: one session with the real programs, the same session in ftpsim. */
public final class Sessions {
    private Sessions() {}

    /**
     * A session run with the real kernel, vsftpd and curl.
     *
     * @param verdict outcome, failure class and the data connection's conntrack state
     * @param seconds curl's time_total
     * @param exit curl's exit code
     * @param lastReply the last FTP reply curl received, 0 if none
     * @param newSyns data SYNs the router's conntrack saw as NEW (each retransmission counts)
     * @param relatedSyns data SYNs it saw as RELATED
     * @param bytes the size of the file curl wrote
     * @param transcript curl's verbose output, for failure messages
     */
    public record Real(Verdict verdict, double seconds, int exit, int lastReply, long newSyns, long relatedSyns,
            long bytes, String transcript) {}

    /**
     * The same session in ftpsim.
     *
     * @param verdict outcome, failure class and the data connection's conntrack state
     * @param seconds from the control connect to the end, either way
     * @param record the session record
     * @param dataPath the router's data-path note, null when it has no firewall
     */
    public record Simulated(Verdict verdict, double seconds, FtpSessionRecord record, String dataPath) {}
}
