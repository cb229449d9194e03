package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Eight sessions at once on a two-port passive range: {@code explain} widens the range clear of
 * the other server's range on the host and opens it at the firewall, and that works for vsftpd
 * (which refused with 500 OOPS) and proftpd (which listened outside the range).
 */
class ExplainWidensAPassiveRangeTooSmallForItsSessionsTest {
    @Test
    void theRangeIsWidenedAndOpenedForBothServers() {
        final Cli r = Cli.run("explain", "../examples/passive-range-exhausted.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- WORKS: widen the passive range to 30004-30035 (8 of 8 ok): 2 passive ports for 8"
                + " sessions that may all want one at once: vsftpd gives up after 9 busy ports"), r.out());
        assertTrue(r.out().contains("  - `ftp.servers[0].passive-ports: 30004-30035`\n"
                + "  - `firewall.fw.forward: first rule 'ip daddr 203.0.113.10 tcp dport 30004-30035 accept'`"), r.out());
        assertTrue(r.out().contains("- WORKS: widen the passive range to 30002-30033 (8 of 8 ok): 2 passive ports for 8"
                + " sessions that may all want one at once: proftpd then listens outside the range"), r.out());
    }
}
