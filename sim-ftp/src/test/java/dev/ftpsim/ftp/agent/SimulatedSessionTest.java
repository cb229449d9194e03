package dev.ftpsim.ftp.agent;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.MemoryFileSystem;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole FTP session over simulated TCP: the connections on the wire are the ones the sources describe. */
class SimulatedSessionTest {
    private static final List<ClientOp> GET = List.of(new ClientOp.Login("anonymous", "guest@"),
            new ClientOp.Retr("/pub/file.bin"));

    private static List<FtpSessionRecord> run(final SimNet n, final ClientOptions opts, final ServerOptions so) {
        new FtpServerAgent(n.serverTcp, so, new MemoryFileSystem(0).bulk("/pub/file.bin", 1_000_000), 21);
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, opts, GET, 0, out::add);
        n.sim.runUntil(60 * NS_PER_S);
        return out;
    }

    @Test
    void passiveModeClientOpensBothConnectionsToTheServer() {
        final SimNet n = new SimNet(1);
        final List<FtpSessionRecord> r = run(n, ClientOptions.defaults().withMode(DataMode.PASV),
                ServerOptions.builder().pasvPorts(30000, 30100).build());
        assertEquals(1, r.size());
        final FtpSessionRecord s = r.get(0);
        assertTrue(s.ok(), s.reasonText());
        assertEquals(1_000_000, s.transfer().bytes());
        assertEquals(226, s.outcome().lastReplyCode() == 221 ? 226 : s.outcome().lastReplyCode());
        assertEquals(2, n.syns.size(), n.syns.toString());
        // Control: client ephemeral port -> server 21. Data: client -> server port in the range.
        assertTrue(n.syns.get(0).matches("198\\.51\\.100\\.10:(3[2-9]\\d{3}|[4-5]\\d{4}|60\\d{3})>203\\.0\\.113\\.10:21"),
                n.syns.get(0));
        final int dataPort = Integer.parseInt(n.syns.get(1).substring(n.syns.get(1).lastIndexOf(':') + 1));
        assertTrue(n.syns.get(1).startsWith("198.51.100.10:"));
        assertTrue(dataPort >= 30000 && dataPort <= 30100, "data port " + dataPort);
        final FtpSessionRecord.Timings t = s.timings();
        assertTrue(t.connected() > t.start() && t.loggedIn() > t.connected() && t.firstByte() > t.loggedIn()
                && t.end() > t.firstByte());
    }

    @Test
    void classicActiveModeServerConnectsBackFromPort20ToControlPortPlusOne() {
        final SimNet n = new SimNet(2);
        final List<FtpSessionRecord> r = run(n,
                ClientOptions.defaults().withMode(DataMode.PORT).withActivePort(ActivePort.CLASSIC),
                ServerOptions.builder().connectFromPort20(true).build());
        final FtpSessionRecord s = r.get(0);
        assertTrue(s.ok(), s.reasonText());
        assertEquals(2, n.syns.size(), n.syns.toString());
        final String control = n.syns.get(0);
        final int controlPort = Integer.parseInt(control.substring(control.indexOf(':') + 1, control.indexOf('>')));
        assertEquals("203.0.113.10:20>198.51.100.10:" + (controlPort + 1), n.syns.get(1));
    }

    @Test
    void aModernActiveClientListensOnAnEphemeralPort() {
        final SimNet n = new SimNet(3);
        final List<FtpSessionRecord> r = run(n, ClientOptions.defaults().withMode(DataMode.EPRT),
                ServerOptions.builder().connectFromPort20(false).build());
        assertTrue(r.get(0).ok(), r.get(0).reasonText());
        assertTrue(n.syns.get(1).startsWith("203.0.113.10:"));
        assertTrue(!n.syns.get(1).startsWith("203.0.113.10:20>"), n.syns.get(1));
    }

    @Test
    void anUploadHasAFirstByteAndItsBytes() {
        final SimNet n = new SimNet(4);
        final MemoryFileSystem fs = new MemoryFileSystem(0).bulk("/pub/file.bin", 1);
        new FtpServerAgent(n.serverTcp, ServerOptions.builder().anonymousWrite(true).build(), fs, 21);
        final List<FtpSessionRecord> out = new ArrayList<>();
        new FtpClientAgent(n.clientTcp).start(SimNet.SERVER, 21, ClientOptions.defaults().withMode(DataMode.PASV),
                List.of(new ClientOp.Login("anonymous", "guest@"), new ClientOp.Stor("/pub/up.bin", null, 2_000_000)),
                0, out::add);
        n.sim.runUntil(60 * NS_PER_S);
        final FtpSessionRecord s = out.get(0);
        assertTrue(s.ok(), s.reasonText());
        assertEquals(2_000_000, s.transfer().bytes());
        assertEquals(2_000_000, fs.stat("/pub/up.bin").size());
        // The first byte moved once the server acknowledged it: after login, before the end.
        final FtpSessionRecord.Timings t = s.timings();
        assertTrue(t.firstByte() > t.loggedIn() && t.end() > t.firstByte(), s.toString());
    }

    @Test
    void theSameSeedGivesTheSameSessionRecord() {
        final ClientOptions o = ClientOptions.defaults();
        final ServerOptions so = ServerOptions.builder().pasvPorts(30000, 30100).build();
        assertEquals(run(new SimNet(9), o, so), run(new SimNet(9), o, so));
    }
}
