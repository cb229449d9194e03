package dev.ftpsim.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeAndTeardownTest {
    @Test
    void debugRun() {
        final TestNet n = TestNet.simple(1);
        final TestNet.Recorder srv = new TestNet.Recorder(n.sim);
        n.serverTcp.listen(21, c -> srv);
        final TestNet.Recorder cli = new TestNet.Recorder(n.sim);
        final TcpConnection c = n.clientTcp.connect(n.serverIp, 21, new TcpHandler() {
            @Override
            public void connected(final TcpConnection c) {
                cli.connected(c);
                c.send("USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII));
                c.close();
            }

            @Override
            public void closed(final TcpConnection c) {
                cli.closed(c);
            }
        });
        n.sim.runUntil(1_000_000_000L);
        System.out.println(n.clientWire);
        System.out.println(cli.events + " " + srv.events + " " + srv.bytes);
    }
}
