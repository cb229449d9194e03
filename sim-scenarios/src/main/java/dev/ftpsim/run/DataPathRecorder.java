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

    @Override
    public Firewall.Listener firewallBuilt(final String name, final Firewall fw) {
        final DataPathObserver o = DataPathObserver.detached();
        observers.put(name, o);
        return o;
    }

    @Override
    public void sessionEnded(final LiveSessions.Live p, final FtpSessionRecord r, final Map<String, String> paths) {
        final int ip = p.host.iface("eth0").address();
        observers.forEach((name, o) -> paths.put(name, r.dataPath().clientPort() == 0 ? "" : o.classify(ip, r.dataPath().clientPort())));
        if (p.session != null) {
            for (final DataPathObserver o : observers.values()) {
                o.forget(ip, p.session.controlPort());
                for (final int port : p.session.dataPorts()) {
                    o.forget(ip, port);
                }
            }
        }
    }

    /** Endpoints the observers hold. */
    int endpoints() {
        return observers.values().stream().mapToInt(DataPathObserver::size).sum();
    }
}
