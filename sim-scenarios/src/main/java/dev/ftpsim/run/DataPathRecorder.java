package dev.ftpsim.run;

import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.LinkedHashMap;
import java.util.Map;

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
    public void beforeFirewall(final String name, final dev.ftpsim.core.net.Node node, final NetworkBuilder net) {
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
        // An IPv6 session's connections carry the host's IPv6 id; an IPv4 one is found by eth0's
        // address (a client on a router dialling 127.0.0.1 still opens its data connection from there).
        final int own = p.session != null ? p.session.localAddress() : 0;
        final int ip = dev.ftpsim.core.net.Ipv6.isId(own) ? own : p.host.iface("eth0").address();
        final int dataPort = r.dataPath().clientPort();
        final java.util.Set<Long> data = dataPort == 0 ? java.util.Set.of() : nat.endpoints(ip, dataPort);
        observers.forEach((name, o) -> paths.put(name, dataPort == 0 ? "" : o.classify(data)));
        if (p.session != null) {
            final java.util.Set<Long> ends = new java.util.LinkedHashSet<>();
            for (final int port : p.session.controlPorts()) { // a reconnecting lftp session has several
                ends.addAll(nat.endpoints(ip, port));
            }
            for (final int port : p.session.dataPorts()) {
                ends.addAll(nat.endpoints(ip, port));
            }
            for (final DataPathObserver o : observers.values()) {
                ends.forEach(o::forget);
            }
            nat.forget(ends);
        }
    }

    /** Endpoints the observers hold. */
    int endpoints() {
        return observers.values().stream().mapToInt(DataPathObserver::size).sum() + nat.size();
    }
}
