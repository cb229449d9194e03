package dev.ftpsim.ftp.protocol;

import java.util.List;

/**
 * What a client session did. Timings are the host's to add: the engine has no clock, but every
 * moment worth timing (connect, login, first data byte, transfer end) is an input or action the
 * host sees.
 *
 * @param reason    {@link FailureReason#NONE} on success
 * @param lastReply the last reply received, or on failure the last one before it (not the 221 to the
 *                  QUIT that follows); null if none
 * @param dataBytes data-channel bytes moved, both directions
 * @param completed script operations that completed
 * @param listing   the last LIST/NLST text (capped), for inspection
 */
public record SessionRecord(FailureReason reason, Reply lastReply, long dataBytes, int completed, String listing) {

    /** True if the whole script ran. */
    public boolean ok() {
        return reason == FailureReason.NONE;
    }
}
