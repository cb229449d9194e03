package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines of an iptables-save file that iptables-restore 1.8.9 refuses are refused at their
 * position, in its words, instead of being read as something else (the last of two targets, a
 * range where an address belongs, a reversed port range that matches nothing) or ending in an
 * internal error (a command without its argument): exit 2 from validate and run, nothing written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IptablesSaveLinesIptablesRefusesAreRefusedTest {
    @TempDir
    Path dir;

    /** validate and run on a scenario loading a filter table whose fifth line is {@code line}; validate's stderr. */
    private String badInput(final String line) throws Exception {
        Files.writeString(dir.resolve("fw.rules"), "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n" + line + "\nCOMMIT\n");
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + "firewall:\n  fw:\n    iptables:"
                + " fw.rules\n");
        return HostileCorpus.refusedByValidateAndRun(scenario).substring(scenario.toString().length());
    }

    @Test
    void aPortRangeThatStartsAboveItsEnd() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:34: invalid portrange (min > max)",
                badInput("-A FORWARD -p tcp -m tcp --dport 30000:20000 -j ACCEPT"));
    }

    @Test
    void aReversedRangeInAMultiportList() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:41: invalid portrange (min > max)",
                badInput("-A FORWARD -p tcp -m multiport --dports 21,30000:20000 -j ACCEPT"));
    }

    @Test
    void anAddressRangeGivenToSource() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:15: host/network `10.0.0.1-10.0.0.9' not found (a range is"
                + " -m iprange's)", badInput("-A FORWARD -s 10.0.0.1-10.0.0.9 -j ACCEPT"));
    }

    @Test
    void twoTargets() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:22: multiple -j flags not allowed",
                badInput("-A FORWARD -j ACCEPT -j DROP"));
    }

    @Test
    void twoInInterfaces() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:19: multiple -i flags not allowed",
                badInput("-A FORWARD -i lan -i wan -j ACCEPT"));
    }

    @Test
    void aNewChainWithoutAName() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:1: option \"-N\" requires an argument", badInput("-N"));
    }

    @Test
    void aPolicyWithoutItsVerdict() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:1: -P requires a chain and a policy",
                badInput("-P FORWARD"));
    }

    @Test
    void countersWithoutACommand() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:1: no command specified", badInput("[1:2]"));
    }

    @Test
    void anInsertAtRuleZero() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:12: Invalid rule number `0'",
                badInput("-I FORWARD 0 -j ACCEPT"));
    }

    @Test
    void countersWithoutTheByteCount() throws Exception {
        assertEquals(":11:15: firewall.fw.iptables: fw.rules:5:12: -c requires packet and byte counter",
                badInput("-A FORWARD -c 1"));
    }
}
