package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.io.IOException;
import java.util.Map;

/**
 * Something that watches a simulation as it is built and run: a pcap, a ladder, the channels,
 * the data paths. A command chooses its recorders; a {@link Simulation} calls them in that order
 * at each step of the build (network, each firewall, the whole wiring) and of the run (each
 * session's end, the stop). Recorders watch; they never change what is simulated.
 */
public interface Recorder {
    /** The network is built; no firewall yet. */
    default void networkBuilt(final NetworkBuilder net) throws IOException {}

    /** A firewall node, before its firewall is hooked in: hooks added here see packets before any filter. */
    default void beforeFirewall(final String name, final Node node, final NetworkBuilder net) {}

    /** The firewall on node {@code name}; returns a listener to its decisions, or null. */
    default Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        return null;
    }

    /** Firewalls are in place; FTP agents not yet. */
    default void wired(final NetworkBuilder net) throws IOException {}

    /**
     * A userland proxy on {@code node} accepted {@code front} and opened {@code back} to relay it
     * (its SYN may have left already, in the same instant).
     */
    default void relayed(final Node node, final dev.ftpsim.core.tcp.TcpConnection front,
            final dev.ftpsim.core.tcp.TcpConnection back) {}

    /**
     * A session ended (or was cut at the stop time). {@code dataPaths}, per firewall, is what its
     * {@code data_path_} column will say: a recorder may fill it in.
     */
    default void sessionEnded(final LiveSessions.Live session, final FtpSessionRecord r,
            final Map<String, String> dataPaths) {}

    /** The run reached its stop time. */
    default void stopped() throws IOException {}
}
