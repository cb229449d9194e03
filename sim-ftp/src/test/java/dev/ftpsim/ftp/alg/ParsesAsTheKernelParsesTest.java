package dev.ftpsim.ftp.alg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.Conntrack;
import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.ConntrackHelper.Order;
import dev.ftpsim.core.conntrack.Expectation;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each line as Linux 6.18's nf_conntrack_ftp took it from a real socket through a namespace router
 * with {@code ct helper set "ftp"} (client 10.0.1.2, server 10.0.2.2, one line per TCP segment
 * after a first "USER a" or "220 hi"): the packet passed with the expectation in {@code conntrack
 * -L expect}, passed without one, or was dropped (the server never read it). The kernel has no
 * range checks, takes one space after PORT, wants the CR after the numbers, reads only the
 * line a packet begins with, and drops what matches a command but does not parse.
 */
class ParsesAsTheKernelParsesTest {
    private static final String CLIENT = "10.0.1.2";
    private static final String SERVER = "10.0.2.2";

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "client; PORT 10,0,1,2,4,1\\r\\n; expect 1025",
        "client; port 10,0,1,2,4,1\\r\\n; expect 1025",
        "client; PORTX 10,0,1,2,4,1\\r\\n; expect 1025",
        "client; PORT 10,0,1,258,4,1\\r\\n; expect 1025",
        "client; PORT 010,000,001,002,004,001\\r\\n; expect 1025",
        "client; NOOP\\r\\nPORT 10,0,1,2,4,1\\r\\n; pass",
        "client; PORT  10,0,1,2,4,1\\r\\n; drop",
        "client; PORT 10,0,1,2,4,1\\n; drop",
        "client; PORT 10,0,1,2,4,1 \\r\\n; drop",
        "client; EPRT |1|10.0.1.2|1025|\\r\\n; expect 1025",
        "client; EPRT x1x10.0.1.2x1025x\\r\\n; expect 1025",
        "client; EPRT |1|10.0.1.2|66561|\\r\\n; expect 1025",
        "client; EPRT |1|010.000.001.002|1025|\\r\\n; expect 1025",
        "client; EPRT |1|10.0.1.2|1025|x\\r\\n; expect 1025",
        "client; EPRT |2|::1|1025|\\r\\n; drop",
        "client; EPRT 91910.0.1.2910259\\r\\n; drop",
        "client; EPRT |1|10.0.1.2|1025\\r\\n; drop",
        "client; EPRT  |1|10.0.1.2|1025|\\r\\n; drop",
        "server; 227 Entering Passive Mode (10,0,2,2,4,1).\\r\\n; expect 1025",
        "server; 227 Entering Passive Mode (10,0,2,2,4,257).\\r\\n; expect 1281",
        "server; 227 Entering Passive Mode v2 (10,0,2,2,4,1).\\r\\n; drop",
        "server; 227 Entering Passive Mode (10,0,2,2,4,1,7).\\r\\n; drop",
        "server; 150 ok\\r\\n227 Entering Passive Mode (10,0,2,2,4,1).\\r\\n; pass",
        "server; 229 Entering Extended Passive Mode (|||66561|)\\r\\n; expect 1025",
        "server; 229 Extended Passive Mode OK |||1025|\\r\\n; drop",
        "server; 229 Entering Extended Passive Mode (|||0|)\\r\\n; drop",
    })
    void aLineFaresAsOnLinux(final String from, final String line, final String outcome) {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final FtpHelper h = new FtpHelper(true, false);
        final ConnEntry e = ConntrackPackets.control(ct, CLIENT, 40001, SERVER);
        final int dir = from.equals("client") ? 0 : 1;
        final Packet first = ConntrackPackets.text(e, dir, dir == 0 ? "USER a\r\n" : "220 hi\r\n");
        h.help(ct.helperContext(), e, dir, first, Order.IN_ORDER);
        final Packet p = ConntrackPackets.text(e, dir, line.replace("\\r", "\r").replace("\\n", "\n"));
        p.seq = first.seq + first.payloadLength;
        final boolean kept = h.help(ct.helperContext(), e, dir, p, Order.IN_ORDER);
        final String observed = !kept ? "drop"
                : ct.expectations().isEmpty() ? "pass" : "expect " + ct.expectations().get(0).dstPort();
        assertEquals(outcome, observed);
        for (final Expectation x : ct.expectations()) {
            assertEquals(dir == 0 ? CLIENT : SERVER, dev.ftpsim.core.net.Ipv4.format(x.dstIp()));
        }
    }

    /** Each packet's payload in turn from the client, then what conntrack -L expect held after it. */
    private static java.util.List<String> afterEach(final String... payloads) {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        return afterEach(ct, ConntrackPackets.control(ct, CLIENT, 40001, SERVER), payloads);
    }

    /** {@link #afterEach(String...)} with the client masqueraded behind the router's 10.0.2.1. */
    private static java.util.List<String> afterEachMasqueraded(final String... payloads) {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final Packet syn = ConntrackPackets.tcp(CLIENT, 40001, SERVER, 21, Packet.SYN, 100, 0);
        ct.track(syn);
        final ConnEntry e = (ConnEntry) syn.ct;
        ct.setupSnat(e, dev.ftpsim.core.net.Ipv4.parse("10.0.2.1"), -1, -1);
        ct.confirm(syn);
        ConntrackPackets.pass(ct, ConntrackPackets.tcp(SERVER, 21, "10.0.2.1", 40001, Packet.SYN | Packet.ACK, 500, 101));
        return afterEach(ct, e, payloads);
    }

    private static java.util.List<String> afterEach(final Conntrack ct, final ConnEntry e, final String... payloads) {
        final FtpHelper h = new FtpHelper(true, false);
        int seq = 101;
        final java.util.List<String> out = new java.util.ArrayList<>();
        for (final String s : payloads) {
            final Packet p = ConntrackPackets.text(e, 0, s);
            p.seq = seq;
            seq += p.payloadLength;
            final boolean kept = h.help(ct.helperContext(), e, 0, p, Order.IN_ORDER);
            out.add(!kept ? "drop" : ct.expectations().isEmpty() ? "pass" : "expect " + ct.expectations().get(0).dstPort());
        }
        return out;
    }

    @Test
    void nothingIsReadBeforeAPacketEndedALineInThatDirection() {
        assertEquals(java.util.List.of("pass", "expect 1026"),
                afterEach("PORT 10,0,1,2,4,1\r\n", "PORT 10,0,1,2,4,2\r\n"));
    }

    @Test
    void aLineLongerThanTheHelperKeepsHidesTheCommandInTheNextPacket() {
        final String a600 = "A".repeat(600);
        assertEquals(java.util.List.of("pass", "pass", "pass"),
                afterEach("USER a\r\n", a600, "PORT 10,0,1,2,4,1\r\n"));
        assertEquals(java.util.List.of("pass", "pass", "expect 1025"),
                afterEach("USER a\r\n", a600 + "\r\n", "PORT 10,0,1,2,4,1\r\n"));
        assertEquals(java.util.List.of("pass", "pass", "pass", "expect 1025"),
                afterEach("USER a\r\n", "NOOP", "\r\n", "PORT 10,0,1,2,4,1\r\n"));
    }

    /**
     * A control connection conntrack picks up in the middle (its entry deleted, then {@code
     * nf_conntrack_tcp_loose=1}): the packet that creates the entry is NEW, which the helper does not
     * read, and the next is at no known line start, so on Linux the third command is the first seen.
     */
    @Test
    void afterAPickupTheFirstTwoCommandsAreNotRead() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final FtpHelper h = new FtpHelper(true, false);
        final java.util.List<String> out = new java.util.ArrayList<>();
        int seq = 1000;
        for (int i = 1; i <= 3; i++) {
            final Packet p = ConntrackPackets.tcp(CLIENT, 40401, SERVER, 21, Packet.ACK | Packet.PSH, seq, 5000 + 8 * (i - 1));
            p.data = ("PORT 10,0,1,2,4," + i + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            p.payloadLength = p.data.length;
            seq += p.payloadLength;
            ct.track(p);
            if (i == 1) {
                ct.assignHelper((ConnEntry) p.ct, h, "ftp");
            }
            ct.confirm(p);
            final boolean kept = ct.runHelper(p);
            out.add(!kept ? "drop" : ct.expectations().isEmpty() ? "pass" : "expect " + ct.expectations().get(0).dstPort());
            final Packet r = ConntrackPackets.tcp(SERVER, 21, CLIENT, 40401, Packet.ACK | Packet.PSH, 5000 + 8 * (i - 1), seq);
            r.data = "200 ok\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            r.payloadLength = r.data.length;
            ConntrackPackets.pass(ct, r);
            ct.runHelper(r);
        }
        assertEquals(java.util.List.of("pass", "pass", "expect 1027"), out);
    }

    /**
     * Behind masquerade (the router's nft {@code oifname "wan" masquerade}) a packet is read alone:
     * a PORT cut off at the end of the packet it begins is dropped, one after another line in the
     * packet is never read, so its packet passes and nothing is expected.
     */
    @Test
    void behindNatAnUnfinishedPortIsDroppedOnlyWhereItBeginsThePacket() {
        assertEquals(java.util.List.of("pass", "pass", "pass"),
                afterEachMasqueraded("USER a\r\n", "NOOP\r\nPORT 10,0,1,2,4,1", "\r\n"));
        assertEquals(java.util.List.of("pass", "drop"), afterEachMasqueraded("USER a\r\n", "PORT 10,0,1,2,4,1"));
        assertEquals(java.util.List.of("pass", "expect 1025"), afterEachMasqueraded("USER a\r\n", "PORT 10,0,1,2,4,1\r\n"));
    }

    /**
     * A 229 from a server behind DNAT (the router's 10.0.1.1 port 21 to 10.0.2.2): nf_nat_ftp writes
     * "|||port|" over every match, so the client reads "|" as the delimiter and no leading zero.
     */
    @Test
    void behindDnatA229IsRewrittenEvenWhenItsPortStays() {
        assertEquals("229 Entering Extended Passive Mode (|||1025|)\r\n",
                throughDnat("229 Entering Extended Passive Mode (!!!1025!)\r\n"));
        assertEquals("229 Entering Extended Passive Mode (|||1025|)\r\n",
                throughDnat("229 Entering Extended Passive Mode (|||01025|)\r\n"));
    }

    private static String throughDnat(final String sent) {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final Packet syn = ConntrackPackets.tcp(CLIENT, 40001, "10.0.1.1", 21, Packet.SYN, 100, 0);
        ct.track(syn);
        final ConnEntry e = (ConnEntry) syn.ct;
        ct.setupDnat(e, dev.ftpsim.core.net.Ipv4.parse(SERVER), 21);
        ct.confirm(syn);
        ConntrackPackets.pass(ct, ConntrackPackets.tcp(SERVER, 21, CLIENT, 40001, Packet.SYN | Packet.ACK, 500, 101));
        final FtpHelper h = new FtpHelper(true, false);
        ConntrackPackets.linesSeen(h, ct, e);
        final Packet p = ConntrackPackets.text(e, 1, sent);
        assertEquals(true, h.help(ct.helperContext(), e, 1, p, Order.IN_ORDER));
        assertEquals(1025, ct.expectations().get(0).dstPort());
        return new String(p.data, 0, p.payloadLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * A retransmission that carries more than the segment it repeats ("NOOP" again, with "TYPE I"
     * after it, as TCP collapses unacknowledged segments): the kernel records where it ends, since
     * it ends a line (update_nl_seq runs for every packet), so the PORT after it is read.
     */
    @Test
    void aCommandAfterARetransmissionThatCarriedNewBytesIsRead() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final ConnEntry e = ConntrackPackets.control(ct, CLIENT, 40001, SERVER);
        final FtpHelper h = new FtpHelper(true, false);
        final java.util.List<String> out = new java.util.ArrayList<>();
        final String[][] segments = {{"101", "USER a\r\n"}, {"109", "NOOP\r\n"}, {"109", "NOOP\r\nTYPE I\r\n"},
            {"123", "PORT 10,0,1,2,4,1\r\n"}};
        for (final String[] s : segments) {
            final Packet p = ConntrackPackets.text(e, 0, s[1]);
            p.seq = Integer.parseInt(s[0]);
            final boolean kept = h.help(ct.helperContext(), e, 0, p, Order.IN_ORDER);
            out.add(!kept ? "drop" : ct.expectations().isEmpty() ? "pass" : "expect " + ct.expectations().get(0).dstPort());
        }
        assertEquals(java.util.List.of("pass", "pass", "pass", "expect 1025"), out);
    }

    /**
     * With {@code loose=1} behind masquerade, a PORT naming a third host (a bounce, or FXP) still
     * goes through nf_nat_ftp (help() calls it whenever the master is translated): the expectation
     * keeps the third address, yet the text is rewritten to the router's public address, so the
     * server is told to connect where nothing is expected (nf_conntrack_ftp.c help(), nf_nat_ftp.c
     * nf_nat_ftp(); from the source, as the module parameter is global to the kernel here).
     */
    @Test
    void withLooseBehindMasqueradeAThirdAddressIsExpectedButTheTextNamesTheRouter() {
        final Conntrack ct = new Conntrack(new Simulator(1), ConntrackConfig.linux());
        final Packet syn = ConntrackPackets.tcp(CLIENT, 40001, SERVER, 21, Packet.SYN, 100, 0);
        ct.track(syn);
        final ConnEntry e = (ConnEntry) syn.ct;
        ct.setupSnat(e, dev.ftpsim.core.net.Ipv4.parse("10.0.2.1"), -1, -1);
        ct.confirm(syn);
        ConntrackPackets.pass(ct, ConntrackPackets.tcp(SERVER, 21, "10.0.2.1", 40001, Packet.SYN | Packet.ACK, 500, 101));
        final FtpHelper h = new FtpHelper(true, true);
        ConntrackPackets.linesSeen(h, ct, e);
        final Packet p = ConntrackPackets.text(e, 0, "PORT 192,0,2,99,4,1\r\n");
        assertEquals(true, h.help(ct.helperContext(), e, 0, p, Order.IN_ORDER));
        assertEquals("PORT 10,0,2,1,4,1\r\n", new String(p.data, 0, p.payloadLength,
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("192.0.2.99:1025", dev.ftpsim.core.net.Ipv4.format(ct.expectations().get(0).dstIp()) + ":"
                + ct.expectations().get(0).dstPort());
    }
}
