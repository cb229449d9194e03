package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per firewall, how it judged each session's data connection (the {@code data_path_} columns of
 * {@code sessions.csv}), through a {@link DataPathObserver} each; a session's endpoints are
 * forgotten when it ends, so the tables hold live sessions only.
 */
final class DataPathRecorder implements Recorder {
    private final Map<String, DataPathObserver> observers = new LinkedHashMap<>();
    /** A firewall after a NAT saw the session's endpoints as that NAT rewrote them. */
    private final Translations nat = new Translations(new int[0]);

    @Override
    public void beforeFirewall(final String name, final Node node, final NetworkBuilder net) {
        nat.watch(node);
    }

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        final DataPathObserver o = DataPathObserver.detached();
        observers.put(name, o);
        return o;
    }

    @Override
    public void sessionEnded(final LiveSessions.Live p, final FtpSessionRecord r, final Map<String, String> paths) {
        final int own = p.session != null ? p.session.localAddress() : 0;
        final List<Integer> ips = addresses(p.host, own);
        final int dataPort = r.dataPath().clientPort();
        final Set<Long> data = new LinkedHashSet<>();
        for (final int ip : ips) {
            data.addAll(nat.endpoints(ip, dataPort));
        }
        observers.forEach((name, o) -> paths.put(name, dataPort == 0 ? "" : o.classify(data)));
        if (p.session != null) {
            final Set<Long> ends = new LinkedHashSet<>();
            for (final int ip : ips) {
                for (final int port : p.session.controlPorts()) { // a reconnecting lftp session has several
                    ends.addAll(nat.endpoints(ip, port));
                }
                for (final int port : p.session.dataPorts()) {
                    ends.addAll(nat.endpoints(ip, port));
                }
            }
            for (final DataPathObserver o : observers.values()) {
                ends.forEach(o::forget);
            }
            nat.forget(ends);
        }
    }

    /**
     * The addresses a session's data connection may have left from, most likely first: an IPv6
     * session's host id; else the control connection's own address, then each interface's. A
     * client on a router leaves by the interface its route to the server takes, which need not be
     * the first, nor be called eth0; one that dialled 127.0.0.1 opens its data connection from an
     * interface's address.
     */
    static List<Integer> addresses(final Node host, final int own) {
        if (Ipv6.isId(own)) {
            return List.of(own);
        }
        final Set<Integer> out = new LinkedHashSet<>();
        if (own != 0 && !Node.isLoopbackAddress(own)) {
            out.add(own);
        }
        for (final NetInterface i : host.interfaces()) {
            if (i.address() != 0) {
                out.add(i.address());
            }
        }
        return List.copyOf(out);
    }

    /** Endpoints the observers hold. */
    int endpoints() {
        return observers.values().stream().mapToInt(DataPathObserver::size).sum() + nat.size();
    }
}
