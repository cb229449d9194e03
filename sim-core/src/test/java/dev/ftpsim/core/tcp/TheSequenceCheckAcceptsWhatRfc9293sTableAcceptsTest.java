package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The first check of an arriving segment (RFC 9293 3.10.7.4), computed as one test without a
 * branch per case, accepts exactly the segments the RFC's table accepts: every combination of
 * empty and full segments, closed and open windows, and positions before, at, inside, across and
 * beyond the window's edges.
 */
class TheSequenceCheckAcceptsWhatRfc9293sTableAcceptsTest {
    @Test
    void everySegmentAroundTheWindowIsJudgedAsTheTableSays() {
        final long rcvNxt = 1_000_000_000L;
        for (long wnd = 0; wnd <= 12; wnd++) {
            for (long seq = rcvNxt - 20; seq <= rcvNxt + 20; seq++) {
                for (long len = 0; len <= 15; len++) {
                    final boolean table = rfcTable(rcvNxt, seq, len, wnd);
                    assertEquals(table ? 0 : 1, TcpInput.unacceptable(rcvNxt, seq, len, wnd),
                            "SEG.SEQ=RCV.NXT" + (seq - rcvNxt) + " SEG.LEN=" + len + " RCV.WND=" + wnd);
                }
            }
        }
    }

    /** The table as the RFC writes it. */
    private static boolean rfcTable(final long rcvNxt, final long seq, final long segLen, final long rcvWnd) {
        if (segLen == 0 && rcvWnd == 0) {
            return seq == rcvNxt;
        }
        if (segLen == 0) {
            return rcvNxt <= seq && seq < rcvNxt + rcvWnd;
        }
        if (rcvWnd == 0) {
            return false;
        }
        return rcvNxt <= seq && seq < rcvNxt + rcvWnd
                || rcvNxt <= seq + segLen - 1 && seq + segLen - 1 < rcvNxt + rcvWnd;
    }
}
