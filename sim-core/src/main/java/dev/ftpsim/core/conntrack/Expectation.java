package dev.ftpsim.core.conntrack;

import java.util.function.Consumer;

/**
 * A connection a helper expects, like Linux's {@code nf_conntrack_expect}: the first new packet
 * matching it creates an entry in state RELATED, linked to the master. A zero source address or
 * port is a wildcard, as the FTP helper leaves the data connection's source port open.
 *
 * @param master the connection whose payload announced it
 * @param srcIp expected source address, 0 = any
 * @param srcPort expected source port, 0 = any
 * @param dstIp expected destination address (as the packet arrives at this node)
 * @param dstPort expected destination port
 * @param proto IANA protocol
 * @param deadline simulated time after which it expires unused
 * @param label for reports: which helper and what it saw
 * @param onCreate run on the new entry before it is used (a NAT helper sets the mapping), may be null
 */
public record Expectation(ConnEntry master, int srcIp, int srcPort, int dstIp, int dstPort, int proto,
        long deadline, String label, Consumer<ConnEntry> onCreate) {

    boolean matches(final int sIp, final int sPort, final int dIp, final int dPort, final int p) {
        return p == proto && dIp == dstIp && dPort == dstPort && (srcIp == 0 || srcIp == sIp)
                && (srcPort == 0 || srcPort == sPort);
    }
}
