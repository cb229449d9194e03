package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;

/**
 * Payload rewriting with TCP sequence adjustment, as Linux's nf_conntrack_seqadj.c: when a helper
 * changes a payload's length, the direction records where (correction position) and by how much,
 * and every later packet's sequence number in that direction and acknowledgement number in the
 * other is shifted so both ends stay consistent for the rest of the connection.
 */
final class SeqAdjust {
    private SeqAdjust() {}

    static void mangle(final ConnEntry e, final int dir, final Packet p, final int offset, final int oldLen,
            final byte[] replacement) {
        if (p.data == null || offset < 0 || oldLen < 0 || offset + oldLen > p.payloadLength) {
            throw new IllegalStateException("mangle outside the payload: offset " + offset + ", length " + oldLen
                    + ", payload " + p.payloadLength);
        }
        final int delta = replacement.length - oldLen;
        // The payload array may be shared with the sender: write a new one.
        final byte[] out = new byte[p.payloadLength + delta];
        System.arraycopy(p.data, 0, out, 0, offset);
        System.arraycopy(replacement, 0, out, offset, replacement.length);
        System.arraycopy(p.data, offset + oldLen, out, offset + replacement.length, p.payloadLength - offset - oldLen);
        p.data = out;
        p.payloadLength = out.length;
        if (delta != 0) {
            final ConnEntry.Extra a = e.x();
            if (a.correctionPos == null) {
                a.correctionPos = new int[2];
                a.offsetBefore = new int[2];
                a.offsetAfter = new int[2];
            }
            //" if (this_way->offset_before == this_way->offset_after ||
            //"     before(this_way->correction_pos, seq)) { ... }   (nf_ct_seqadj_set)
            if (a.offsetBefore[dir] == a.offsetAfter[dir] || a.correctionPos[dir] - p.seq < 0) {
                a.correctionPos[dir] = p.seq;
                a.offsetBefore[dir] = a.offsetAfter[dir];
                a.offsetAfter[dir] += delta;
            }
        }
    }

    /** Shifts seq (this direction) and ack (by the other direction's offsets), as nf_ct_seq_adjust. */
    static void apply(final ConnEntry e, final int dir, final Packet p) {
        final ConnEntry.Extra a = e.x;
        if (a == null || a.correctionPos == null) {
            return; // nothing mangled on this connection
        }
        final int other = 1 - dir;
        if (a.offsetAfter[dir] == 0 && a.offsetBefore[dir] == 0 && a.offsetAfter[other] == 0
                && a.offsetBefore[other] == 0) {
            return;
        }
        final int seqoff = p.seq - a.correctionPos[dir] > 0 ? a.offsetAfter[dir] : a.offsetBefore[dir];
        p.seq += seqoff;
        if ((p.flags & Packet.ACK) != 0) {
            final int ackoff = p.ack - a.offsetBefore[other] - a.correctionPos[other] > 0
                    ? a.offsetAfter[other] : a.offsetBefore[other];
            p.ack -= ackoff;
        }
    }
}
