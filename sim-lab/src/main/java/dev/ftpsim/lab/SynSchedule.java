package dev.ftpsim.lab;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the SYN schedule of a black-holed connect with the real kernel: a client connects
 * through a router that drops the SYNs; {@code nft monitor trace} on the router reports each SYN
 * as it arrives. Prints the SYN times and when the connect gave up.
 *
 * <pre>java -cp ... dev.ftpsim.lab.SynSchedule [tcp_syn_retries [tcp_syn_linear_timeouts]]</pre>
 * Without arguments the kernel's defaults apply (takes over two minutes on Linux 6.5+).
 */
public final class SynSchedule {
    /**
     * The lab's smallest network: client 198.51.100.10 on the router's lan, server 203.0.113.10
     * on its wan, as scenario text to which a firewall or ftp block can be appended.
     */
    public static final String CLIENT_ROUTER_SERVER = """
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan] }
              - { ends: [fw.wan, server] }
            """;
    /** Traces and drops every SYN to port 9 (discard) on its way through the router. */
    private static final String BLACK_HOLE = """
            table ip ftpsimlab_hole {
            	chain pre {
            		type filter hook prerouting priority -160; policy accept;
            		tcp dport 9 tcp flags & (syn | ack) == syn meta nftrace set 1
            		tcp dport 9 drop
            	}
            }
            """;

    private SynSchedule() {}

    /** The SYN times (seconds from the first) and the give-up time, last. */
    public static List<Double> measure(final Integer synRetries, final Integer linearTimeouts) throws Exception {
        final Scenario s = ScenarioLoader.parse(CLIENT_ROUTER_SERVER, "syn-schedule.yaml", Path.of("."));
        final Map<String, String> sysctls = new java.util.LinkedHashMap<>();
        if (synRetries != null) {
            sysctls.put("net.ipv4.tcp_syn_retries", synRetries.toString());
        }
        if (linearTimeouts != null) {
            sysctls.put("net.ipv4.tcp_syn_linear_timeouts", linearTimeouts.toString());
        }
        try (LabNetwork net = LabNetwork.build(s, Path.of("."), Map.of("client", sysctls), 21)) {
            net.nft("fw", BLACK_HOLE);
            final Process monitor = net.spawn("fw", List.of("nft", "monitor", "trace"), null);
            final List<Long> syns = new ArrayList<>();
            final Thread reader = new Thread(() -> {
                final Set<String> ids = new LinkedHashSet<>();
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        final long now = System.nanoTime();
                        final String[] w = line.split(" ");
                        if (w.length > 2 && w[0].equals("trace") && w[1].equals("id") && ids.add(w[2])) {
                            synchronized (syns) {
                                syns.add(now);
                            }
                        }
                    }
                } catch (final java.io.IOException e) {
                    // the monitor was killed: done
                }
            }, "lab-trace");
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(500); // the monitor subscribes
            final long start = System.nanoTime();
            net.exec("client", 600_000, List.of("bash", "-c", "exec 3<>/dev/tcp/203.0.113.10/9"));
            final long end = System.nanoTime();
            final List<Double> out = new ArrayList<>();
            synchronized (syns) {
                final long first = syns.isEmpty() ? start : syns.get(0);
                syns.forEach(t -> out.add((t - first) / 1e9));
                out.add((end - first) / 1e9);
            }
            return out;
        }
    }

    /** Prints the schedule. */
    public static void main(final String[] args) throws Exception {
        final Integer retries = args.length > 0 ? Integer.valueOf(args[0]) : null;
        final Integer linear = args.length > 1 ? Integer.valueOf(args[1]) : null;
        final List<Double> t = measure(retries, linear);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size() - 1; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f", t.get(i)));
        }
        System.out.println(LabEnvironment.versions());
        System.out.printf(java.util.Locale.ROOT, "%d SYNs at %s s; the connect gave up after %.2f s%n", t.size() - 1, sb,
                t.get(t.size() - 1));
    }
}
