package dev.ftpsim.lab;

import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.EPRT;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.EPSV;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.PASV;
import static dev.ftpsim.ftp.protocol.ClientOptions.DataMode.PORT;

import dev.ftpsim.ftp.protocol.ClientOptions;
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
        final List<LabCell> out = new java.util.ArrayList<>(handWritten());
        out.addAll(ipv6());
        out.addAll(corpus());
        // -Dlab.corpus=all: the further placements too (about 20 s more than CI's budget allows)
        if (System.getProperty("lab.corpus", "").equals("all")) {
            out.addAll(corpusFurther());
            out.addAll(ipv6Further());
        }
        return out;
    }

    /** More placements of corpus files, run with {@code -Dlab.corpus=all}. */
    static List<LabCell> corpusFurther() {
        return List.of(
                corpus("09-voip", "a home router with VLANs, client on its voip VLAN", PASV, "refused, none", UNTIMED),
                corpus("09-voip", "a home router with VLANs, client on its voip VLAN", PORT, "refused, none", UNTIMED),
                corpus("20-forward", "a Debian router's port forward to the server", PASV, "timeout, NEW", 7.0),
                corpus("20-forward", "a Debian router's port forward to the server", PORT, "ok, NEW", UNTIMED),
                corpus("38-client", "a fail2ban server's firewall, the client's", PASV, "ok, NEW", UNTIMED),
                corpus("38-client", "a fail2ban server's firewall, the client's", PORT, "reply 425, NEW", 7.0));
    }

    /**
     * The cells whose router or host loads a file of the shared corpus of real rulesets unchanged
     * (cells/corpus/NN.yaml names it, the lab finds it in shared/rulesets); each file's placement
     * is said in its scenario's comment and in sim-lab/README.md.
     */
    static List<LabCell> corpus() {
        return List.of(
                corpus("03", "OpenWrt fw4's port forward to the server", PASV, "timeout, NEW", 7.0),
                corpus("03", "OpenWrt fw4's port forward to the server", PORT, "reply 425, NEW", 7.0),
                corpus("03", "OpenWrt fw4's port forward to the server", EPSV, "timeout, NEW", 14.0),
                corpus("04", "OpenWrt fw4's set test, router", PASV, "timeout, none", 7.0),
                corpus("04", "OpenWrt fw4's set test, router", PORT, "timeout, none", 7.0),
                corpus("05", "OpenWrt fw4's mark test, router", PASV, "timeout, none", 7.0),
                corpus("05", "OpenWrt fw4's mark test, router", PORT, "timeout, none", 7.0),
                corpus("09", "a home router with VLANs, client on the trusted LAN", PASV, "ok, NEW", UNTIMED),
                corpus("09", "a home router with VLANs, client on the trusted LAN", PORT, "reply 500, none", UNTIMED),
                corpus("12", "nft(8)'s FTP helper example, router", PASV, "ok, RELATED", UNTIMED),
                corpus("12", "nft(8)'s FTP helper example, router", PORT, "ok, RELATED", UNTIMED),
                corpus("12", "nft(8)'s FTP helper example, router", EPRT, "ok, RELATED", UNTIMED),
                corpus("12-server", "nft(8)'s FTP helper example, the server's firewall", PASV, "ok, RELATED", UNTIMED),
                corpus("12-server", "nft(8)'s FTP helper example, the server's firewall", PORT, "ok, RELATED", UNTIMED),
                corpus("15", "Debian's default plus a dnat, router", PASV, "ok, NEW", UNTIMED),
                corpus("15", "Debian's default plus a dnat, router", PORT, "ok, NEW", UNTIMED),
                corpus("16", "the kernel selftest's helper on port 2121, server on 2121", PASV, "ok, RELATED", UNTIMED),
                corpus("16", "the kernel selftest's helper on port 2121, server on 2121", PORT, "ok, RELATED", UNTIMED),
                corpus("16-server", "the kernel selftest's helper on 2121, the server's firewall", PASV, "ok, RELATED", UNTIMED),
                corpus("16-server", "the kernel selftest's helper on 2121, the server's firewall", PORT, "ok, RELATED", UNTIMED),
                corpus("18", "the kernel selftest's ICMP-only forward chain, router", PASV, "timeout, none", 7.0),
                corpus("18", "the kernel selftest's ICMP-only forward chain, router", PORT, "timeout, none", 7.0),
                corpus("20", "a Debian router, client on a LAN", PASV, "ok, NEW", UNTIMED),
                corpus("20", "a Debian router, client on a LAN", PORT, "reply 500, none", UNTIMED),
                corpus("21", "a home router, client on the LAN", PASV, "ok, NEW", UNTIMED),
                corpus("21", "a home router, client on the LAN", PORT, "reply 500, none", UNTIMED),
                corpus("21", "a home router, client on the LAN", EPRT, "reply 500, none", UNTIMED),
                corpus("23", "NixOS's zoned NAT test, router", PASV, "timeout, none", 7.0),
                corpus("23", "NixOS's zoned NAT test, router", PORT, "timeout, none", 7.0),
                corpus("24", "a kube-proxy node, the server a service's pod", PASV, "refused, NEW", UNTIMED),
                corpus("24", "a kube-proxy node, the server a service's pod", PORT, "reply 500, none", UNTIMED),
                corpus("24-node", "a kube-proxy node, the client a process on the node", PASV, "refused, NEW", UNTIMED),
                corpus("24-node", "a kube-proxy node, the client a process on the node", PORT, "reply 500, none", UNTIMED),
                corpus("30", "a Docker host, client in a container", PASV, "ok, NEW", UNTIMED),
                corpus("30", "a Docker host, client in a container", PORT, "reply 500, none", UNTIMED),
                corpus("30-published", "a Docker host, the server a published container", PASV, "refused, NEW", UNTIMED),
                corpus("30-published", "a Docker host, the server a published container", PORT, "ok, NEW", UNTIMED),
                corpus("30-published-local", "a Docker host, the client on the host, its published port", PASV, "refused, NEW", UNTIMED),
                corpus("30-published-local", "a Docker host, the client on the host, its published port", PORT, "ok, NEW", UNTIMED),
                corpus("32", "a Shorewall router with helpers, client in loc", PASV, "ok, RELATED", UNTIMED),
                corpus("32", "a Shorewall router with helpers, client in loc", PORT, "ok, RELATED", UNTIMED),
                corpus("32", "a Shorewall router with helpers, client in loc", EPRT, "ok, RELATED", UNTIMED),
                corpus("32", "a Shorewall router with helpers, client in loc", EPSV, "ok, RELATED", UNTIMED),
                corpus("33", "an OpenWrt router's filter table, client on the LAN", PASV, "ok, NEW", UNTIMED),
                corpus("33", "an OpenWrt router's filter table, client on the LAN", PORT, "reply 425, NEW", UNTIMED),
                corpus("34", "a Docker and Rancher host, client in a container", PASV, "ok, NEW", UNTIMED),
                corpus("34", "a Docker and Rancher host, client in a container", PORT, "reply 500, none", UNTIMED),
                corpus("35", "a home gateway with VLANs, client on a VLAN", PASV, "ok, NEW", UNTIMED),
                corpus("35", "a home gateway with VLANs, client on a VLAN", PORT, "reply 500, none", UNTIMED),
                corpus("39", "a company gateway, client inside", PASV, "ok, NEW", UNTIMED),
                corpus("39", "a company gateway, client inside", PORT, "reply 500, none", UNTIMED),
                corpus("39-forward", "a company gateway's port forward to the server", PASV, "refused, NEW", UNTIMED),
                corpus("39-forward", "a company gateway's port forward to the server", PORT, "ok, NEW", UNTIMED),
                corpus("40", "a RHEL 6 gateway, client on the LAN", PASV, "ok, NEW", UNTIMED),
                corpus("40", "a RHEL 6 gateway, client on the LAN", PORT, "reply 500, none", UNTIMED),
                corpus("11", "nftables' ct-helpers example, the server's firewall", PASV, "timeout, none", 7.0),
                corpus("11", "nftables' ct-helpers example, the server's firewall", PORT, "timeout, none", 7.0),
                corpus("19", "Arch's default firewall, the client's", PASV, "ok, NEW", UNTIMED),
                corpus("19", "Arch's default firewall, the client's", PORT, "reply 425, NEW", UNTIMED),
                corpus("19", "Arch's default firewall, the client's", EPRT, "reply 425, NEW", UNTIMED),
                corpus("31", "a ufw server, the server's firewall", PASV, "ok, NEW", UNTIMED),
                corpus("31", "a ufw server, the server's firewall", PORT, "ok, NEW", UNTIMED),
                corpus("38", "a fail2ban server, the server's firewall", PASV, "timeout, none", 7.0),
                corpus("38", "a fail2ban server, the server's firewall", PORT, "timeout, none", 7.0));
    }

    /** A cell of cells/corpus/FILE.yaml, named after its file, what it shows and its mode. */
    private static LabCell corpus(final String file, final String name, final ClientOptions.DataMode mode,
            final String real, final double giveUpSeconds) {
        return LabCell.agreeing("corpus " + file + ": " + name + ", " + mode, "corpus/" + file + ".yaml", mode, NONE,
                real, giveUpSeconds);
    }

    /**
     * IPv6 cells: the client dials an IPv6 address, so curl (lib/ftp.c) and ftpsim send EPSV for
     * passive and EPRT |2| for active mode (RFC 2428), never PASV or PORT.
     */
    static List<LabCell> ipv6() {
        return List.of(
                LabCell.agreeing("IPv6, server firewall without helper, EPSV black-holed", "v6-stateful-server.yaml",
                        EPSV, NONE, "timeout, NEW", 7.0),
                LabCell.agreeing("IPv6, server firewall without helper, EPRT", "v6-stateful-server.yaml", EPRT, NONE,
                        "ok, NEW", UNTIMED),
                LabCell.agreeing("IPv6, server firewall rejecting with a reset, EPSV refused",
                        "v6-stateful-server-reject.yaml", EPSV, NONE, "refused, NEW", UNTIMED),
                // Linux drops an ICMP error that arrives while connect() still holds the socket lock
                // (tcp_v6_err: sock_owned_by_user, only sk_err_soft set; measured TcpExtLockDroppedIcmps
                // 1): over veth the first SYN's error is back within 30 us, so the connect ends with
                // EACCES on the retransmission's, 1 s later (2 data SYNs). Over any link with a delay,
                // as ftpsim's, the first error ends it.
                new LabCell("IPv6, server firewall answering ICMPv6 administratively prohibited, EPSV",
                        "v6-stateful-server-reject-admin.yaml", EPSV, NONE, Map.of(), Verdict.parse("unreachable, NEW"),
                        1.05, null, 0.034, "nothing in ftpsim: veth's zero delay, the first ICMPv6 error dropped"
                        + " under connect()'s socket lock"),
                LabCell.agreeing("IPv6, server firewall with helper, EPSV", "v6-stateful-server-helper.yaml", EPSV,
                        NONE, "ok, RELATED", UNTIMED),
                LabCell.agreeing("IPv6, server firewall with helper, EPRT", "v6-stateful-server-helper.yaml", EPRT,
                        NONE, "ok, RELATED", UNTIMED),
                LabCell.agreeing("IPv6, client firewall without helper, EPRT black-holed", "v6-stateful-client.yaml",
                        EPRT, NONE, "reply 425, NEW", 7.0),
                LabCell.agreeing("IPv6, client firewall with helper, EPRT", "v6-stateful-client-helper.yaml", EPRT,
                        NONE, "ok, RELATED", UNTIMED),
                LabCell.agreeing("IPv6, NAT66 masquerade without helper, EPSV", "v6-masquerade.yaml", EPSV, NONE,
                        "ok, NEW", UNTIMED),
                LabCell.agreeing("IPv6, NAT66 masquerade with helper, EPSV", "v6-masquerade-helper.yaml", EPSV, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("IPv6, NAT66 masquerade with helper, EPRT", "v6-masquerade-helper.yaml", EPRT, NONE,
                        "ok, RELATED", UNTIMED),
                LabCell.agreeing("IPv6, port forwarding without helper, EPSV black-holed", "v6-dnat.yaml", EPSV, NONE,
                        "timeout, NEW", 7.0),
                LabCell.agreeing("IPv6, port forwarding with helper, EPSV", "v6-dnat-helper.yaml", EPSV, NONE,
                        "ok, RELATED", UNTIMED),
                corpus("10", "IPv6, nftables' NAT'd FTP test, router", EPSV, "ok, RELATED", UNTIMED),
                corpus("10", "IPv6, nftables' NAT'd FTP test, router", EPRT, "ok, RELATED", UNTIMED));
    }

    /**
     * IPv6 cells too long for CI, run with {@code -Dlab.corpus=all}: after vsftpd's {@code 500
     * Illegal EPRT command.} curl 7.88.1 disables EPRT, cannot send PORT over IPv6 ("sa_addr
     * inet_ntop() failed with errno 97"), sends nothing more and gives up at its FTP response
     * timeout, 120 s (lib/ftp.c, ftp_state_use_port).
     */
    static List<LabCell> ipv6Further() {
        return List.of(LabCell.agreeing("IPv6, NAT66 masquerade without helper, EPRT refused, then silence",
                "v6-masquerade.yaml", EPRT, NONE, "timeout, none", 120.0));
    }

    static List<LabCell> handWritten() {
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
                LabCell.agreeing("server firewall rejecting with a reset, output only established and related, PASV"
                        + " refused", "stateful-server-reject-output-drop.yaml", PASV, NONE, "refused, NEW", UNTIMED),
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
