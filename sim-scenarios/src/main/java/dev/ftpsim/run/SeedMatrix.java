package dev.ftpsim.run;

import static dev.ftpsim.core.units.Units.NS_PER_S;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.firewall.Chain;
import dev.ftpsim.core.firewall.Firewall;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.lab.FtpLab;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The default job of {@code ftpsim run}: the two source documents' situations, each firewall
 * setup crossed with active and passive mode, one FTP download (login, RETR of 1 MB) per cell.
 *
 * <p>Rows follow the sources: the first one's channel lists for a packet filter in front of the
 * server, the second one's stateful firewalls in front of the server and of the client, and NAT on
 * either side, each with and without the FTP helper.
 */
public final class SeedMatrix {
    /** One firewall setup. */
    public record Setup(String name, String source, LongFunction<FtpLab> build) {}

    /**
     * One cell's outcome.
     *
     * @param dataPath how the firewall judged the data connection's first packet ("" without one)
     * @param firewall the cell's firewall, or null
     */
    public record Result(Setup setup, DataMode mode, FtpSessionRecord record, String dataPath, Firewall firewall) {}

    static final long FILE = 1_000_000;
    static final long RUN = 400 * NS_PER_S;
    static final ServerOptions SERVER = ServerOptions.builder().pasvPorts(30000, 30100).connectFromPort20(true)
            .build();
    /** Waits longer than the server's 60 s data connection timeout, so the server's verdict is heard. */
    static final ClientOptions CLIENT = ClientOptions.defaults().toBuilder().replyNanos(120 * NS_PER_S).build();
    static final DataMode[] MODES = {DataMode.PORT, DataMode.PASV};

    private SeedMatrix() {}

    public static List<Setup> setups() {
        final List<Setup> s = new ArrayList<>();
        s.add(new Setup("no firewall", "-", seed -> FtpLab.routed(seed).serve(SERVER, FILE)));
        s.add(new Setup("packet filter, active channels", "source 1",
                seed -> FtpLab.routed(seed).stateless(chain(true,
                        "iif lan tcp dport 21 accept",
                        "iif wan tcp sport 21 tcp dport 1024-65535 accept",
                        "iif wan tcp sport 20 tcp dport 1024-65535 accept",
                        "iif lan tcp sport 1024-65535 tcp dport 20 accept")).serve(SERVER, FILE)));
        s.add(new Setup("packet filter, passive channels", "source 1",
                seed -> FtpLab.routed(seed).stateless(chain(true,
                        "iif lan tcp dport 21 accept",
                        "iif wan tcp sport 21 tcp dport 1024-65535 accept",
                        "iif lan tcp dport 1024-65535 accept",
                        "iif wan tcp sport 1024-65535 tcp dport 1024-65535 accept")).serve(SERVER, FILE)));
        s.add(new Setup("stateful, server side, port 21 only", "source 2",
                seed -> serverSide(seed, false)));
        s.add(new Setup("stateful, server side, port 21 + ftp helper", "source 2",
                seed -> serverSide(seed, true)));
        s.add(new Setup("stateful, client side, outbound only", "source 2",
                seed -> clientSide(seed, false)));
        s.add(new Setup("stateful, client side + ftp helper", "source 2",
                seed -> clientSide(seed, true)));
        s.add(new Setup("client behind masquerade", "NAT", seed -> masquerade(seed, false)));
        s.add(new Setup("client behind masquerade + ftp helper", "NAT", seed -> masquerade(seed, true)));
        s.add(new Setup("server behind DNAT, port 21 forwarded", "NAT", seed -> dnat(seed, false)));
        s.add(new Setup("server behind DNAT + ftp helper", "NAT", seed -> dnat(seed, true)));
        return s;
    }

    /** Runs one cell in its own simulator. */
    public static Result run(final Setup setup, final DataMode mode, final long seed) {
        final FtpLab lab = setup.build().apply(seed);
        final DataPathObserver seen = lab.firewall == null ? null : DataPathObserver.attach(lab.firewall, null);
        final FtpSessionRecord r = lab.get(CLIENT.withMode(mode), RUN);
        final String path = seen == null ? "" : r.dataPath().clientPort() == 0 ? "no data connection attempted"
                : seen.classify(lab.clientIp, r.dataPath().clientPort());
        return new Result(setup, mode, r, path, lab.firewall);
    }

    private static Chain chain(final boolean drop, final String... rules) {
        return FtpLab.chain("forward", false, Hook.FORWARD, 0, drop, rules);
    }

    private static Chain helperChain(final boolean helper) {
        return FtpLab.chain("helpers", false, Hook.PREROUTING, 0, false,
                helper ? "tcp dport 21 ct helper set \"ftp\"" : "tcp dport 21 counter");
    }

    private static FtpLab serverSide(final long seed, final boolean helper) {
        return FtpLab.routed(seed).stateful(helper, ConntrackConfig.linux(), helperChain(helper),
                chain(true, "ct state established,related accept",
                        "iif lan oif wan tcp dport 21 ct state new accept",
                        "iif wan oif lan ct state new accept")).serve(SERVER, FILE);
    }

    private static FtpLab clientSide(final long seed, final boolean helper) {
        return FtpLab.routed(seed).stateful(helper, ConntrackConfig.linux(), helperChain(helper),
                chain(true, "ct state established,related accept",
                        "iif lan oif wan ct state new accept")).serve(SERVER, FILE);
    }

    private static FtpLab masquerade(final long seed, final boolean helper) {
        return FtpLab.clientBehindNat(seed).stateful(helper, ConntrackConfig.linux(), helperChain(helper),
                chain(true, "ct state established,related accept", "iif lan oif wan ct state new accept"),
                FtpLab.chain("postrouting", true, Hook.POSTROUTING, 100, false, "oif wan masquerade"))
                .serve(SERVER, FILE);
    }

    private static FtpLab dnat(final long seed, final boolean helper) {
        return FtpLab.serverBehindNat(seed).stateful(helper, ConntrackConfig.linux(), helperChain(helper),
                FtpLab.chain("prerouting", true, Hook.PREROUTING, -100, false,
                        "iif lan ip daddr 198.51.100.1 tcp dport 21 dnat to 192.168.1.10"),
                chain(true, "ct state established,related accept", "ct status dnat accept",
                        "iif wan oif lan ct state new accept"),
                FtpLab.chain("postrouting", true, Hook.POSTROUTING, 100, false, "oif lan masquerade"))
                .serve(SERVER, FILE);
    }
}
