package dev.ftpsim.lab;

import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.EPRT;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.EPSV;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.PASV;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.PORT;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cross-check's cells: the real verdict of each, as measured here (sim-lab/README.md lists
 * the versions), and where ftpsim differs today, what it says and the point of issue 13 it waits
 * for. Timed cells are black holes: the cells' hosts give up a connect after 2 SYN retries
 * ({@code tcp: {syn-retries: 2}}, the sysctl {@code tcp_syn_retries=2}).
 */
final class Cells {
    static final Path DIR = Path.of("cells");
    private static final double UNTIMED = Double.NaN;
    private static final Map<String, Map<String, String>> NONE = Map.of();

    private Cells() {}

    static List<LabCell> all() {
        return List.of(
                LabCell.agreeing("no firewall, PASV", "open.yaml", PASV, NONE, "ok, -", UNTIMED),
                LabCell.agreeing("no firewall, EPSV", "open.yaml", EPSV, NONE, "ok, -", UNTIMED),
                LabCell.agreeing("no firewall, PORT", "open.yaml", PORT, NONE, "ok, -", UNTIMED),
                LabCell.agreeing("no firewall, EPRT", "open.yaml", EPRT, NONE, "ok, -", UNTIMED),

                LabCell.agreeing("server firewall without helper, PASV black-holed", "stateful-server.yaml", PASV,
                        NONE, "timeout, NEW", 7.0),
                LabCell.agreeing("server firewall without helper, EPSV black-holed then PASV", "stateful-server.yaml",
                        EPSV, NONE, "timeout, NEW", 14.0),
                LabCell.agreeing("server firewall rejecting with a reset, PASV refused", "stateful-server-reject.yaml",
                        PASV, NONE, "refused, NEW", UNTIMED),
                LabCell.agreeing("server firewall rejecting with a reset, EPSV refused then PASV refused",
                        "stateful-server-reject.yaml", EPSV, NONE, "refused, NEW", UNTIMED),
                LabCell.agreeing("server firewall without helper, PORT", "stateful-server.yaml", PORT, NONE,
                        "ok, NEW", UNTIMED),
                LabCell.agreeing("server firewall with helper, PASV", "stateful-server-helper.yaml", PASV, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("server firewall with helper, EPSV", "stateful-server-helper.yaml", EPSV, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("server firewall with helper, PORT", "stateful-server-helper.yaml", PORT, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("server firewall with helper, EPRT", "stateful-server-helper.yaml", EPRT, NONE,
                        "ok, RELATED", UNTIMED),

                LabCell.agreeing("client firewall without helper, PORT black-holed", "stateful-client.yaml", PORT,
                        NONE, "reply 425, NEW", 7.0),
                LabCell.agreeing("client firewall without helper, PASV", "stateful-client.yaml", PASV, NONE,
                        "ok, NEW", UNTIMED),
                LabCell.agreeing("client firewall with helper, PORT", "stateful-client-helper.yaml", PORT, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("client firewall with helper, PASV", "stateful-client-helper.yaml", PASV, NONE,
                        "ok, RELATED", UNTIMED),

                LabCell.agreeing("masquerade without helper, PORT", "masquerade.yaml", PORT, NONE,
                        "reply 500, none", UNTIMED),
                LabCell.agreeing("masquerade without helper, EPRT then PORT", "masquerade.yaml", EPRT, NONE,
                        "reply 500, none", UNTIMED),
                LabCell.agreeing("masquerade without helper, PASV", "masquerade.yaml", PASV, NONE, "ok, NEW", UNTIMED),
                LabCell.agreeing("masquerade with helper, PORT", "masquerade-helper.yaml", PORT, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("masquerade with helper, PASV", "masquerade-helper.yaml", PASV, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("masquerade without helper, PORT to vsftpd with port_promiscuous",
                        "masquerade-port-promiscuous.yaml", PORT, NONE, "reply 425, NEW", 7.0),

                LabCell.agreeing("control connection masqueraded, data not, PASV", "masquerade-control-only.yaml",
                        PASV, NONE, "reply 425, NEW", UNTIMED),
                LabCell.agreeing("control connection masqueraded, data not, PASV, vsftpd with pasv_promiscuous",
                        "masquerade-control-only-pasv-promiscuous.yaml", PASV, NONE, "ok, NEW", UNTIMED),
                LabCell.agreeing("port forwarding without helper, PASV black-holed", "dnat.yaml", PASV,
                        NONE, "timeout, NEW", 7.0),
                LabCell.agreeing("port forwarding without helper, PORT", "dnat.yaml", PORT, NONE, "ok, NEW", UNTIMED),
                LabCell.agreeing("port forwarding with helper, PASV", "dnat-helper.yaml", PASV, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("port forwarding with helper, PORT", "dnat-helper.yaml", PORT, NONE,
                        "ok, RELATED", UNTIMED),

                LabCell.agreeing("first data SYN dropped, its retransmission let in, PASV", "related-syn-dropped.yaml",
                        PASV, NONE, "ok, RELATED", 1.05),
                LabCell.agreeing("server firewall without helper, PASV black-holed, 3 SYN retries, the doubling"
                        + " schedule of kernels before 6.5", "stateful-server-3-syn-retries-exponential.yaml", PASV, NONE,
                        "timeout, NEW", 15.0),
                LabCell.agreeing("server firewall without helper, PASV black-holed, 3 SYN retries, Linux's linear"
                        + " schedule", "stateful-server-3-syn-retries.yaml", PASV, NONE, "timeout, NEW", 19.4));
    }
}
