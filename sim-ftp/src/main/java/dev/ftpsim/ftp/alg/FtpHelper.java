package dev.ftpsim.ftp.alg;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.conntrack.HelperContext;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.core.net.Packet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The firewall that understands FTP: Linux's nf_conntrack_ftp, and with {@code nat} its companion
 * nf_nat_ftp.
 *
 * <p>Conntrack part. On a control connection it reads {@code PORT}/{@code EPRT} from the client
 * and {@code 227}/{@code 229} from the server, and expects the announced data connection (source
 * port open, 5 minutes, one per control connection: {@code ftp_exp_policy}), so its first packet
 * is RELATED. Like the kernel it parses only the line a packet begins with, at line starts it has
 * seen (none before a packet in that direction ended a line, none in a NEW packet, none after a
 * line it could not keep), and drops a packet whose command matches but does not parse; unlike
 * the kernel, which drops a packet ending in a partial command and hopes the retransmission is
 * whole, it keeps an unfinished line and completes it from the next segment, so split commands
 * are found. (Behind NAT the kernel's way is kept whole, since a rewrite cannot span two packets.)
 * By default an announcement
 * naming another address than its sender's creates nothing: the bounce-attack guard, lifted by
 * {@code loose} (the module's {@code loose=1}). Over IPv6 (the module registers the same helper
 * for AF_INET6) it reads {@code EPRT |2|...} and {@code 229}; a {@code PORT} or {@code 227} there
 * writes its IPv4 address over only the first 32 bits of the sender's IPv6 address (try_rfc959
 * sets {@code cmd.u3.ip}), which therefore never equals the sender: nothing is expected unless
 * {@code loose}, and then that mixed address. Bytes that are not text (TLS records before a
 * CCC) are not kept as a partial line: the first clear line after them is read only if they ended
 * in a newline byte, the lines after it are.
 *
 * <p>NAT part. When the control connection is translated, the address and port in the text are
 * rewritten to what the other side must use, the payload length change is handed to sequence
 * adjustment, and the expected connection gets the mapping back to the announcer, as {@code
 * nf_nat_follow_master} does.
 */
public final class FtpHelper implements ConntrackHelper {
    /** nf_conntrack_ftp's expectation policy: {@code max_expected = 1}. */
    static final int MAX_EXPECTED = 1;
    private static final int MAX_PARTIAL = 512;
    /** What {@code announce} returns when no expectation could be added: the packet is dropped. */
    private static final int CANNOT_EXPECT = Integer.MIN_VALUE;

    private final boolean nat;
    private final boolean loose;
    private long announcements;
    private long expectations;
    private long rewrites;
    private long refusedForeign;
    private long malformedDrops;
    private long cannotExpect;

    public FtpHelper(final boolean nat, final boolean loose) {
        this.nat = nat;
        this.loose = loose;
    }

    /** The usual setup: conntrack and NAT helper loaded, not loose. */
    public static FtpHelper standard() {
        return new FtpHelper(true, false);
    }

    @Override
    public String type() {
        return "ftp";
    }

    public long announcements() {
        return announcements;
    }

    public long expectationsCreated() {
        return expectations;
    }

    public long rewrites() {
        return rewrites;
    }

    public long refusedForeign() {
        return refusedForeign;
    }

    /** Packets dropped because their expectation could not be added (the expectation table was full). */
    public long cannotExpectDrops() {
        return cannotExpect;
    }

    /** Packets dropped because a command or reply matched but its numbers did not parse. */
    public long malformedDrops() {
        return malformedDrops;
    }

    /** Per control connection and direction: where parsing stands. */
    private static final class State {
        final boolean[] synced = new boolean[2];
        final int[] next = new int[2];
        /** Recent line starts, as the kernel's seq_aft_nl[dir][NUM_SEQ_TO_REMEMBER = 2]... */
        final int[][] lineStarts = new int[2][2];
        /** ...and how many are set (seq_aft_nl_num: none at first). */
        final int[] known = new int[2];
        /**
         * Whether the next byte in order is at no known line start: so at first, since the kernel
         * parses no packet before one in that direction ended a line, and after bytes not kept.
         */
        final boolean[] midLine = {true, true};
        final byte[][] partial = {new byte[0], new byte[0]};
    }

    @Override
    public boolean help(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p, final Order order) {
        //" Until there's been traffic both ways, don't look in packets. (help(), nf_conntrack_ftp.c)
        if (p.ctInfo == CtState.NEW || p.ctInfo == CtState.RELATED) {
            return true;
        }
        State st = (State) ct.helperData();
        if (st == null) {
            st = new State();
            ct.setHelperData(st);
        }
        final int len = p.payloadLength;
        final int seq = p.seq;
        if (!st.synced[dir]) {
            st.synced[dir] = true;
            st.next[dir] = seq;
        }
        if (seq == st.next[dir]) {
            return inOrder(ctx, ct, dir, p, st);
        }
        if (seq - st.next[dir] < 0) {
            // A retransmission: re-parse it if it starts a line, so a lost rewrite is redone.
            final boolean atLineStart = st.known[dir] > 0 && seq == st.lineStarts[dir][0]
                    || st.known[dir] > 1 && seq == st.lineStarts[dir][1];
            final boolean kept = !atLineStart || scan(ctx, ct, dir, p, p.data, 0, len, 0, false, !carries(ct));
            if (kept && seq + len - st.next[dir] > 0) {
                // It also carries new bytes (segments collapsed into one): where they end is a line
                // start if it ends a line, as update_nl_seq records after every packet.
                st.next[dir] = seq + len;
                st.midLine[dir] = !atLineStart;
                keepRest(st, dir, p.data, seq, len, carries(ct));
            }
            return kept;
        }
        // A gap (a segment lost before us): the line boundary is unknown until a newline.
        st.next[dir] = seq + len;
        st.midLine[dir] = true;
        keepRest(st, dir, p.data, seq, len, carries(ct));
        return true;
    }

    /**
     * After a packet: its last newline ends a line, and what follows is kept as the start of the
     * next line, unless it cannot be (binary bytes such as TLS records, a line too long) or the
     * packet held no newline and began at no known line start: then no line start is known. Without
     * {@code carry} nothing is kept, as in the kernel: the next packet starts a line only if this
     * one ended one.
     */
    private static void keepRest(final State st, final int dir, final byte[] buf, final int seqBase, final int total,
            final boolean carry) {
        final int lastLineEnd = lastNewline(buf, 0, total) + 1;
        if (lastLineEnd == 0 && st.midLine[dir]) {
            st.partial[dir] = new byte[0];
            return;
        }
        if (lastLineEnd > 0) {
            remember(st, dir, seqBase + lastLineEnd);
        }
        final int rest = total - lastLineEnd;
        final boolean keep = carry && rest > 0 && rest <= MAX_PARTIAL && isText(buf, lastLineEnd, total);
        st.partial[dir] = keep ? Arrays.copyOfRange(buf, lastLineEnd, total) : new byte[0];
        st.midLine[dir] = rest > 0 && !keep;
    }

    private boolean inOrder(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p, final State st) {
        final boolean carry = carries(ct);
        if (st.midLine[dir] && st.partial[dir].length == 0) {
            st.next[dir] = p.seq + p.payloadLength;
            keepRest(st, dir, p.data, p.seq, p.payloadLength, carry);
            return true;
        }
        final byte[] partial = st.partial[dir];
        final int len = p.payloadLength;
        final byte[] buf;
        if (partial.length == 0) {
            buf = p.data;
        } else {
            buf = Arrays.copyOf(partial, partial.length + len);
            System.arraycopy(p.data, 0, buf, partial.length, len);
        }
        final int total = partial.length + len;
        final boolean expected = scan(ctx, ct, dir, p, buf, 0, total, partial.length, true, !carry);
        keepRest(st, dir, buf, p.seq - partial.length, total, carry);
        st.next[dir] = p.seq + len;
        return expected;
    }

    /**
     * Parses the complete lines of {@code buf[from, end)}; {@code partialLen} bytes at its start
     * came from earlier packets, so a match there cannot be rewritten in this one. False when an
     * announced connection could not be expected: "Can't expect this?  Best to drop packet now."
     * (nf_conntrack_ftp.c; nf_nat_ftp.c drops it too, "all ports in use"). With {@code whole} the
     * packet is read as it is, finished line or not, as the kernel reads it; otherwise an
     * unfinished first line waits for the next packet.
     */
    private boolean scan(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p, final byte[] buf,
            final int from, final int end, final int partialLen, final boolean count, final boolean whole) {
        // Only the line the data begins with: help() runs find_pattern once, on the packet's first
        // byte, so a command after another in the same packet is not seen (nf_conntrack_ftp.c).
        if (!whole && lastNewline(buf, from, end) < 0) {
            return true;
        }
        final FtpCommandParser.Match m = FtpCommandParser.parse(buf, from, end, dir == 0, Ipv6.isId(ct.srcIp(dir)));
        if (m == null) {
            return true;
        }
        if (m == FtpCommandParser.MALFORMED) {
            //" We don't usually drop packets. ... it is necessary for accurate tracking in this case.
            // (help(), nf_conntrack_ftp.c, "partial matching"): a command that does not parse.
            malformedDrops++;
            return false;
        }
        if (count) {
            announcements++;
        }
        if (announce(ctx, ct, dir, p, m, m.matchOff() - partialLen) == CANNOT_EXPECT) {
            cannotExpect++;
            return false;
        }
        return true;
    }

    /** Creates the expectation, rewriting the text behind NAT; returns the length change. */
    private int announce(final HelperContext ctx, final ConnEntry ct, final int dir, final Packet p,
            final FtpCommandParser.Match m, final int offsetInPacket) {
        final int sender = ct.srcIp(dir);
        final Ipv6Addresses a6 = ctx.ipv6();
        final int cmdAddr;
        if (m.kind() == FtpCommandParser.Kind.EPSV) {
            cmdAddr = sender;
        } else if (!Ipv6.isId(sender)) {
            cmdAddr = m.address();
        } else if (m.kind() == FtpCommandParser.Kind.EPRT) {
            cmdAddr = a6.intern(m.hi6(), m.lo6());
        } else { // PORT or 227 on IPv6: the IPv4 address over the sender's first 32 bits
            cmdAddr = a6.intern((m.address() & 0xFFFF_FFFFL) << 32 | (a6.hi(sender) & 0xFFFF_FFFFL), a6.lo(sender));
        }
        // "We refer to the reverse direction ("!dir") tuples here, because we're expecting
        // something in the other direction." (nf_conntrack_ftp.c)
        int daddr = ct.dstIp(1 - dir);
        if (cmdAddr != sender) {
            if (!loose) {
                refusedForeign++;
                return 0;
            }
            daddr = cmdAddr;
        }
        final int expectedFrom = ct.srcIp(1 - dir);
        final String label = "ftp " + m.kind() + " " + format(a6, expectedFrom) + " -> " + endpoint(a6, daddr, m.port());
        final boolean translated = (ct.status() & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) != 0;
        if (!nat || !translated) {
            if (ctx.expect(ct, expectedFrom, 0, daddr, m.port(), Packet.PROTO_TCP, MAX_EXPECTED, label) == null) {
                return CANNOT_EXPECT;
            }
            expectations++;
            return 0;
        }
        // nf_nat_ftp: "Connection will come from wherever this packet goes, hence !dir": the other
        // side must use the translated address, and the announced port unless another
        // connection's expectation holds it there; the connection is then translated back to the
        // announcer as the master is (nf_nat_follow_master).
        // With loose, an announced third address stays the expectation's destination, yet the text
        // still names the translated sender: help() calls nf_nat_ftp for it as for any other.
        final int newAddr = ct.dstIp(1 - dir);
        final int savedPort = m.port();
        final int port = ctx.expectTranslated(ct, dir, expectedFrom, daddr, savedPort, Packet.PROTO_TCP,
                MAX_EXPECTED, label);
        if (port < 0) {
            return CANNOT_EXPECT;
        }
        expectations++;
        if (offsetInPacket < 0) {
            return 0; // began in an earlier packet: cannot be rewritten here (see the drop rule)
        }
        final String text = switch (m.kind()) {
            case PORT, PASV -> {
                // "%u,%u,%u,%u" of addr->ip: over IPv6, the address's first 32 bits (nf_nat_ftp_fmt_cmd)
                final int v4 = Ipv6.isId(newAddr) ? (int) (a6.hi(newAddr) >>> 32) : newAddr;
                yield (v4 >>> 24) + "," + (v4 >>> 16 & 255) + "," + (v4 >>> 8 & 255) + "," + (v4 & 255) + ","
                        + (port >>> 8) + "," + (port & 255);
            }
            case EPRT -> Ipv6.isId(newAddr) ? "|2|" + fullIpv6(a6, newAddr) + "|" + port + "|"
                    : "|1|" + Ipv4.format(newAddr) + "|" + port + "|";
            case EPSV -> "|||" + port + "|";
        };
        // Written even when the port stays: nf_nat_ftp mangles every match, so "(!!!1025!)" and
        // "(|||01025|)" leave as "(|||1025|)" (nf_nat_ftp_fmt_cmd).
        final byte[] repl = text.getBytes(StandardCharsets.US_ASCII);
        ctx.mangle(ct, dir, p, offsetInPacket, m.matchLen(), repl);
        rewrites++;
        return repl.length - m.matchLen();
    }

    /**
     * An IPv6 address as nf_nat_ftp_fmt_cmd writes it into an EPRT, with printk's {@code %pI6}:
     * eight groups of four lower-case hex digits, nothing left out ("fd00:0002:0000:...:0001").
     */
    private static String fullIpv6(final Ipv6Addresses a6, final int address) {
        final StringBuilder b = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            final long half = g < 4 ? a6.hi(address) : a6.lo(address);
            final int v = (int) (half >>> (48 - 16 * (g % 4))) & 0xFFFF;
            if (g > 0) {
                b.append(':');
            }
            b.append(String.format(java.util.Locale.ROOT, "%04x", v));
        }
        return b.toString();
    }

    /**
     * Whether an unfinished line is kept to be completed by the next packet; not behind NAT, where
     * the kernel's way is kept whole since a rewrite cannot span two packets: a command cut off at
     * the packet's end drops the packet ("partial matching"), and an unfinished line after the
     * first is never read.
     */
    private boolean carries(final ConnEntry ct) {
        return !nat || (ct.status() & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) == 0;
    }

    private static String format(final Ipv6Addresses a6, final int address) {
        return a6 != null ? a6.formatAny(address) : Ipv4.format(address);
    }

    /** Address and port: an IPv6 address in brackets, "[2001:db8::1]:21" (RFC 5952 section 6). */
    private static String endpoint(final Ipv6Addresses a6, final int address, final int port) {
        final String a = format(a6, address);
        return (Ipv6.isId(address) ? "[" + a + "]" : a) + ":" + port;
    }

    private static void remember(final State st, final int dir, final int lineStart) {
        if (st.known[dir] == 0 || st.lineStarts[dir][0] != lineStart) {
            st.lineStarts[dir][1] = st.lineStarts[dir][0];
            st.lineStarts[dir][0] = lineStart;
            st.known[dir] = Math.min(2, st.known[dir] + 1);
        }
    }

    private static boolean isText(final byte[] b, final int from, final int end) {
        for (int i = from; i < end; i++) {
            final int c = b[i] & 0xFF;
            if ((c < 0x20 && c != '\t' && c != '\r') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static int lastNewline(final byte[] b, final int from, final int end) {
        for (int i = end - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
