package dev.ftpsim.run;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Scenarios of one router between clients (198.51.100.0/24, or 10.0.0.0/24 behind masquerade)
 * and a server (203.0.113.10): the test writes the firewall's forward rules, the server and the
 * clients; this runs it and returns the session records in session order.
 */
final class OneRouter {
    private OneRouter() {}

    /** A stateful firewall in front of the server: port 21 and what the test adds are let in. */
    static final String SERVER_SIDE = """
            forward:
              policy: drop
              rules:
                - ct state established,related accept
                - iif lan oif wan tcp dport 21 ct state new accept
                - iif wan oif lan ct state new accept
            """;

    /** A client-side firewall: only connections from the lan out (and what they relate to) pass. */
    static final String OUTBOUND_ONLY = """
            forward:
              policy: drop
              rules:
                - ct state established,related accept
                - iif lan oif wan ct state new accept
            """;

    /**
     * @param masquerade clients on 10.0.0.0/24 behind {@code oif wan masquerade}
     * @param clientTcp  the client host's {@code tcp} block, or ""
     * @param firewall   the router's firewall entries (forward chain, ...)
     * @param ftp        the {@code ftp} block's entries
     */
    static List<FtpSessionRecord> run(final boolean masquerade, final String clientTcp, final String firewall,
            final String ftp) throws Exception {
        final String lan = masquerade ? "10.0.0" : "198.51.100";
        final String text = """
                name: one-router
                seed: 1
                stop: 400s
                hosts:
                  client: { address: %s.10/24, gateway: %s.1%s }
                  server: { address: 203.0.113.10/24, gateway: 203.0.113.1 }
                routers:
                  fw: { interfaces: { lan: %s.1/24, wan: 203.0.113.1/24 } }
                links:
                  - { ends: [client, fw.lan], bandwidth: 100Mbps, delay: 5ms }
                  - { ends: [fw.wan, server], bandwidth: 100Mbps, delay: 5ms }
                firewall:
                  fw:
                %s%s
                ftp:
                %s
                """.formatted(lan, lan, clientTcp.isEmpty() ? "" : ", tcp: " + clientTcp, lan, firewall.indent(4),
                masquerade ? "    nat: { postrouting: [oif wan masquerade] }\n" : "", ftp.indent(2));
        final Scenario s = ScenarioLoader.parse(text, "t.yaml", Path.of("."));
        return ScenarioRunner.run(s, s.seed(), null).rows().stream().map(r -> r.record()).toList();
    }

    /** Seconds from the session's start to its end. */
    static double seconds(final FtpSessionRecord r) {
        return (r.timings().end() - r.timings().start()) / 1e9;
    }
}
