package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2 against vsftpd 3.0.3 with data_connection_timeout=6, a 20 MB download whose data an
 * nft rule dropped for 9 s from the third second ({@code lftp -e 'get /pub/f.bin; bye' HOST}):
 * vsftpd's "421 Data timeout. Reconnect. Sorry.", and 15 s after that 421 (not after the first
 * connect: NoFileCheck's NextTry set the timer then, the data having set the interval back to its
 * base) a new connection: FEAT, USER, PASS, TYPE I, PASV, "REST 6160008", RETR, 226; the file came
 * whole. The session's bytes count each byte once.
 */
class LftpFinishesAnInterruptedDownloadWithRestTest {
    private static final long SIZE = 20_000_000L;

    @Test
    void a421DataTimeoutMidDownloadReconnects15sLaterAndGetsTheRestWithRest() {
        final SimNet n = new SimNet(7);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().pasvPorts(30000, 30010).dataStallNanos(6 * NS_PER_S)
                .build(), new MemoryFileSystem(0).bulk("/pub/f.bin", SIZE), 21);
        // the passive data connection's packets dropped from 500 ms to 9.3 s, both ways
        n.fw.hooks().register(Hook.FORWARD, 0, (h, p, in, out) -> p.protocol == Packet.PROTO_TCP
                && (p.sport >= 30000 && p.sport <= 30010 || p.dport >= 30000 && p.dport <= 30010)
                && n.sim.now() >= 500 * NS_PER_MS && n.sim.now() < 9_300 * NS_PER_MS ? Verdict.DROP : Verdict.ACCEPT);
        final List<String> commands = new ArrayList<>();
        final List<Long> replies421 = new ArrayList<>();
        n.server.interfaces().get(0).addTap((iface, out, p, t) -> {
            if (p.protocol == Packet.PROTO_TCP && p.data != null && p.payloadLength > 0) {
                final String s = new String(p.data, 0, p.payloadLength, StandardCharsets.US_ASCII);
                if (p.dport == 21 && !out) {
                    commands.add(s.strip());
                } else if (p.sport == 21 && out && s.startsWith("421")) {
                    replies421.add(n.sim.now());
                }
            }
        });
        final List<FtpSessionRecord> done = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("anonymous", "lftp@"), new ClientOp.Retr("/pub/f.bin")), 0, done::add);
        n.sim.runUntil(200 * NS_PER_S);
        assertEquals(1, done.size());
        final FtpSessionRecord r = done.get(0);
        assertTrue(r.ok(), r.toString());
        assertEquals(SIZE, r.transfer().bytes(), "each byte once: the second RETR sent only the rest");
        assertEquals(1, replies421.size(), commands.toString());
        final int second = commands.lastIndexOf("FEAT");
        assertTrue(second > 0, commands.toString());
        final List<String> after = commands.subList(second, commands.size());
        assertEquals(List.of("FEAT", "USER anonymous", "PASS lftp@", "TYPE I", "PASV"), after.subList(0, 5), after.toString());
        assertTrue(after.get(5).startsWith("REST "), after.toString());
        final long rest = Long.parseLong(after.get(5).substring(5));
        assertTrue(rest > 0 && rest < SIZE, after.toString());
        assertEquals(List.of("RETR pub/f.bin", "QUIT"), after.subList(6, 8), after.toString());
        // the reconnect's SYN left the client 15 s after the 421 reached it (10 ms after the server sent it)
        final long syn = n.synTimes.get(n.synTimes.size() - 2); // the last SYN is the resumed data connection's
        assertEquals(15_000 + 10 + 10, (syn - replies421.get(0)) / NS_PER_MS, n.syns.toString());
    }
}
