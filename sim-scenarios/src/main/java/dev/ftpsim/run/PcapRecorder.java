package dev.ftpsim.run;

import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.pcap.PcapWriter;
import dev.ftpsim.scenario.LinkSpec;
import dev.ftpsim.scenario.RouterSpec;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures the scenario's {@code record.pcap} ends, or with none named every router interface, one
 * pcap file per end ({@code fw.wan} becomes {@code fw-wan.pcap}).
 */
final class PcapRecorder implements Recorder {
    private final Scenario scenario;
    private final Path dir;
    private final List<PcapWriter> captures = new ArrayList<>();

    PcapRecorder(final Scenario scenario, final Path dir) {
        this.scenario = scenario;
        this.dir = dir;
    }

    @Override
    public void wired(final NetworkBuilder net) throws IOException {
        final List<LinkSpec.End> ends = new ArrayList<>(scenario.record().pcap());
        if (ends.isEmpty()) {
            for (final RouterSpec rs : scenario.routers().values()) {
                rs.interfaces().keySet().forEach(i -> ends.add(new LinkSpec.End(rs.name(), i)));
            }
        }
        for (final LinkSpec.End end : ends) {
            final List<NetInterface> ifaces = net.interfacesOf(end);
            captures.add(PcapWriter.open(dir.resolve(end.toString().replace('.', '-') + ".pcap"), 65535,
                    ifaces.toArray(new NetInterface[0])));
        }
    }

    @Override
    public void stopped() {
        for (final PcapWriter w : captures) {
            w.close();
        }
    }
}
