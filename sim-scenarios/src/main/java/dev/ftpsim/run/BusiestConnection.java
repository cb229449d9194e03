package dev.ftpsim.run;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.core.tcp.TcpState;

/**
 * Finds the connection of a host whose congestion window a time series shows: among the open
 * connections (both SYNs seen, not in TIME_WAIT), the one with the most bytes in flight, ties going
 * to the one that has had the most bytes acknowledged. That is the bulk transfer while it sends and
 * between its flights, not the idle control connection beside it; a sum over connections would add
 * the control connection's untouched initial window to the transfer's and give no RTO to read.
 * One instance is reused for every sample, so sampling allocates nothing.
 */
final class BusiestConnection implements TcpStack.ConnectionVisitor {
    private TcpConnection best;
    private long bestFlight;
    private long bestAcked;

    /** The busiest open connection of {@code stack}, or null when it has none. */
    TcpConnection of(final TcpStack stack) {
        best = null;
        stack.forEachConnection(this);
        final TcpConnection found = best;
        best = null;
        return found;
    }

    @Override
    public void visit(final TcpConnection c) {
        if (!c.state().synchronizedState() || c.state() == TcpState.TIME_WAIT) {
            return;
        }
        final long flight = c.bytesInFlight();
        final long acked = c.bytesAcked();
        if (best == null || flight > bestFlight || flight == bestFlight && acked > bestAcked) {
            best = c;
            bestFlight = flight;
            bestAcked = acked;
        }
    }
}
