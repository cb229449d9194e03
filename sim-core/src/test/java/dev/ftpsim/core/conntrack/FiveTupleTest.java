package dev.ftpsim.core.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiveTupleTest {
    private static final int CLIENT = 0x0A00_0001; // 10.0.0.1
    private static final int SERVER = 0xC000_0207; // 192.0.2.7

    @Test
    void everyFieldShouldReadBackAsPacked() {
        final long ips = FiveTuple.ips(CLIENT, SERVER);
        final long ports = FiveTuple.ports(65535, 21, FiveTuple.TCP);
        assertEquals(CLIENT, FiveTuple.srcIp(ips));
        assertEquals(SERVER, FiveTuple.dstIp(ips));
        assertEquals(65535, FiveTuple.srcPort(ports));
        assertEquals(21, FiveTuple.dstPort(ports));
        assertEquals(FiveTuple.TCP, FiveTuple.proto(ports));
    }

    @Test
    void addressesWithTheHighBitSetShouldNotBleedIntoTheOtherAddress() {
        final long ips = FiveTuple.ips(0xFFFF_FFFF, 0x8000_0000);
        assertEquals(0xFFFF_FFFF, FiveTuple.srcIp(ips));
        assertEquals(0x8000_0000, FiveTuple.dstIp(ips));
    }

    @Test
    void theReplyTupleShouldSwapAddressesAndPortsAndKeepTheProtocol() {
        final long ips = FiveTuple.ips(CLIENT, SERVER);
        final long ports = FiveTuple.ports(40000, 21, FiveTuple.TCP);
        assertEquals(FiveTuple.ips(SERVER, CLIENT), FiveTuple.replyIps(ips));
        assertEquals(FiveTuple.ports(21, 40000, FiveTuple.TCP), FiveTuple.replyPorts(ports));
        assertEquals(ports, FiveTuple.replyPorts(FiveTuple.replyPorts(ports)));
    }

    @Test
    void theSamePortsUnderAnotherProtocolShouldBeAnotherTuple() {
        assertNotEquals(FiveTuple.ports(53, 53, FiveTuple.UDP), FiveTuple.ports(53, 53, FiveTuple.TCP));
    }

    @Test
    void portsAndProtocolsOutOfRangeShouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> FiveTuple.ports(65536, 21, FiveTuple.TCP));
        assertThrows(IllegalArgumentException.class, () -> FiveTuple.ports(1024, -1, FiveTuple.TCP));
        assertThrows(IllegalArgumentException.class, () -> FiveTuple.ports(1024, 21, 256));
    }

    @Test
    void aTupleShouldPrintAsAddressColonPort() {
        assertEquals("tcp 10.0.0.1:40000 -> 192.0.2.7:21",
            FiveTuple.toString(FiveTuple.ips(CLIENT, SERVER), FiveTuple.ports(40000, 21, FiveTuple.TCP)));
    }
}
