package dev.ftpsim.core.firewall;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code limit rate 2/second burst 2 packets log} writes a log line for the burst and then two a
 * second of simulated time, however many packets meet it (the rule has no verdict: all of them pass).
 */
class RateLimitedLogTest {
    @Test
    void aBulkTransferLogsAtTheLimitNotMore() {
        final FwNet n = new FwNet(1, 1);
        final Firewall fw = n.nft("""
                table ip filter {
                	chain forward {
                		type filter hook forward priority filter; policy accept;
                		tcp dport 5001 counter
                		tcp dport 5001 limit rate 2/second burst 2 packets log prefix "bulk: "
                	}
                }
                """);
        n.serverTcp.listen(5001, c -> new FwNet.Ear(n.sim));
        final FwNet.Ear ear = new FwNet.Ear(n.sim);
        n.clientTcp.get(0).connect(FwNet.SERVER, 5001, ear).send(50_000_000);
        final long seconds = 3;
        n.sim.runUntil(seconds * NS_PER_S);
        final long packets = fw.counter(fw.chain("filter/forward"), 0)[0];
        assertTrue(packets > 1000, "a busy flow: " + packets + " packets met the rule");
        final long lines = fw.log().size();
        final long most = 2 + 2 * seconds;
        assertTrue(lines <= most && lines >= most - 1, lines + " lines for at most " + most);
        assertEquals(0, fw.log().stream().filter(l -> !l.contains("bulk: filter/forward")).count());
    }
}
