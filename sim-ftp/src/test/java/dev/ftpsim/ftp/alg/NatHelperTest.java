package dev.ftpsim.ftp.alg;

import dev.ftpsim.ftp.lab.FtpLab;

import static dev.ftpsim.core.units.Units.NS_PER_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ClientOptions.PasvPolicy;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** NAT on either side, with and without the FTP NAT helper. */
class NatHelperTest {
    private static final ClientOptions PATIENT = ClientOptions.defaults().toBuilder().replyNanos(120 * NS_PER_S).build();

    // ------------------------------------------------------------ client behind masquerade

    private static FtpLab masquerade(final boolean helper) {
        final FtpLab lab = FtpLab.clientBehindNat(1);
        lab.stateful(helper, ConntrackConfig.linux(),
                FtpLab.chain("pre", false, Hook.PREROUTING, 0, false,
                        helper ? "tcp dport 21 ct helper set \"ftp\"" : "tcp dport 21 accept"),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "iif lan oif wan ct state new accept"),
                FtpLab.chain("post", true, Hook.POSTROUTING, 100, false, "oif wan masquerade"));
        lab.serve(ServerOptions.builder().connectFromPort20(true).build(), 300_000);
        return lab;
    }

    @Test
    void activeModeBehindMasqueradeFailsWithoutTheHelperBecauseThePortCommandCarriesAPrivateAddress() {
        final FtpLab lab = masquerade(false);
        final FtpSessionRecord r = lab.get(PATIENT.withMode(DataMode.PORT), 300 * NS_PER_S);
        assertFalse(r.ok());
        assertTrue(payloadAtServer(lab).contains("PORT 10,0,0,10,"), "the private address reached the server");
        assertEquals(500, r.outcome().lastReplyCode(),
                "vsftpd refuses a PORT naming another host: " + r.outcome().lastReplyText());
    }

    @Test
    void activeModeBehindMasqueradeWorksWithTheHelper() {
        final FtpLab lab = masquerade(true);
        final FtpSessionRecord r = lab.get(PATIENT.withMode(DataMode.PORT), 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertTrue(payloadAtServer(lab).contains("PORT 203,0,113,1,"), payloadAtServer(lab));
        assertEquals(1, lab.helper.rewrites());
        // The client still sent its private address; the firewall rewrote it.
        assertTrue(payloadAtClient(lab).contains("PORT 10,0,0,10,"));
    }

    @Test
    void eprtBehindMasqueradeWorksWithTheHelper() {
        final FtpLab lab = masquerade(true);
        final FtpSessionRecord r = lab.get(PATIENT.withMode(DataMode.EPRT), 300 * NS_PER_S);
        assertTrue(r.ok(), r.reasonText());
        assertTrue(payloadAtServer(lab).contains("EPRT |1|203.0.113.1|"), payloadAtServer(lab));
    }

    // ------------------------------------------------------------ server behind DNAT

    private static FtpLab dnat(final boolean helper, final boolean forwardPassiveRange, final boolean advertisePublic) {
        final FtpLab lab = FtpLab.serverBehindNat(1);
        final String[] pre = forwardPassiveRange
                ? new String[] {"iif lan ip daddr 198.51.100.1 tcp dport 21 dnat to 192.168.1.10",
                    "iif lan ip daddr 198.51.100.1 tcp dport 30000-30100 dnat to 192.168.1.10"}
                : new String[] {"iif lan ip daddr 198.51.100.1 tcp dport 21 dnat to 192.168.1.10"};
        lab.stateful(helper, ConntrackConfig.linux(),
                FtpLab.chain("helpers", false, Hook.PREROUTING, 0, false,
                        helper ? "tcp dport 21 ct helper set \"ftp\"" : "tcp dport 21 accept"),
                FtpLab.chain("dnat", true, Hook.PREROUTING, -100, false, pre),
                FtpLab.chain("forward", false, Hook.FORWARD, 0, true,
                        "ct state established,related accept", "ct status dnat accept"));
        final ServerOptions.Builder so = ServerOptions.builder().pasvPorts(30000, 30100);
        if (advertisePublic) {
            so.pasvAddress(Ipv4.parse("198.51.100.1"));
        }
        lab.serve(so.build(), 300_000);
        return lab;
    }

    @Test
    void passiveToAServerBehindDnatFailsWithOnlyPort21ForwardedWhateverTheClientDoes() {
        for (final PasvPolicy policy : PasvPolicy.values()) {
            final FtpSessionRecord r = dnat(false, false, false).get(PATIENT.withMode(DataMode.PASV)
                    .withPasvPolicy(policy), 300 * NS_PER_S);
            assertFalse(r.ok(), policy + " should fail");
        }
    }

    @Test
    void passiveToAServerBehindDnatWorksWithTheNatHelper() {
        for (final PasvPolicy policy : PasvPolicy.values()) {
            final FtpLab lab = dnat(true, false, false);
            final FtpSessionRecord r = lab.get(PATIENT.withMode(DataMode.PASV).withPasvPolicy(policy), 300 * NS_PER_S);
            assertTrue(r.ok(), policy + ": " + r.reasonText());
            assertTrue(payloadAtClient(lab).contains("(198,51,100,1,"), payloadAtClient(lab));
        }
    }

    @Test
    void withThePassiveRangeForwardedClientsThatTrustTheAnnouncedPrivateAddressFail() {
        final FtpSessionRecord trust = dnat(false, true, false).get(PATIENT.withMode(DataMode.PASV)
                .withPasvPolicy(PasvPolicy.TRUST), 300 * NS_PER_S);
        assertFalse(trust.ok());
        assertTrue(trust.reasonText().startsWith("data connect"), trust.reasonText());
    }

    @Test
    void withThePassiveRangeForwardedItWorksWhenTheAddressIsPublicOrIgnoredOrNotSent() {
        assertTrue(dnat(false, true, true).get(PATIENT.withMode(DataMode.PASV).withPasvPolicy(PasvPolicy.TRUST),
                300 * NS_PER_S).ok(), "server advertises its public address");
        assertTrue(dnat(false, true, false).get(PATIENT.withMode(DataMode.PASV).withPasvPolicy(PasvPolicy.IGNORE),
                300 * NS_PER_S).ok(), "client ignores the 227 address");
        assertTrue(dnat(false, true, false).get(PATIENT.withMode(DataMode.PASV)
                .withPasvPolicy(PasvPolicy.TRUST_UNLESS_PRIVATE), 300 * NS_PER_S).ok(), "private address replaced");
        assertTrue(dnat(false, true, false).get(PATIENT.withMode(DataMode.EPSV).withPasvPolicy(PasvPolicy.TRUST),
                300 * NS_PER_S).ok(), "EPSV names no address");
    }

    static String payloadAtServer(final FtpLab lab) {
        return payload(lab.serverWire);
    }

    static String payloadAtClient(final FtpLab lab) {
        return payload(lab.clientWire);
    }

    private static String payload(final java.util.List<Packet> wire) {
        final StringBuilder sb = new StringBuilder();
        for (final Packet p : wire) {
            if (p.data != null && p.payloadLength > 0 && (p.sport == 21 || p.dport == 21)) {
                sb.append(new String(p.data, 0, p.payloadLength, StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }
}
