package dev.ftpsim.lab;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.scenario.FtpSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The curl command line of a scenario's client population (curl(1) options). */
final class CurlArgs {
    private CurlArgs() {}

    /** The one file the session downloads: the population's script must be {@code login anonymous, get PATH}. */
    static String path(final FtpSpec.Clients c) {
        if (c.script().size() != 2 || !(c.script().get(0) instanceof FtpSpec.Login l)
                || !l.user().equals("anonymous") || !(c.script().get(1) instanceof FtpSpec.Get g)) {
            throw new LabException("ftp.clients[0].script: the lab runs [login anonymous, get PATH]");
        }
        return g.path();
    }

    /**
     * curl's arguments: verbose (the transcript shows every reply), the population's data mode,
     * its 227 policy and keepalive, the download to {@code out}.
     *
     * @param maxTimeSeconds {@code --max-time}, a safety net longer than any cell
     * @param connectTimeoutSeconds {@code --connect-timeout}, or 0 for curl's default (300 s)
     */
    static List<String> of(final FtpSpec.Clients c, final Path out, final int maxTimeSeconds,
            final int connectTimeoutSeconds) {
        if (!c.profile().toLowerCase(Locale.ROOT).equals("curl")) {
            throw new LabException("ftp.clients[0].profile: the lab runs curl, not " + c.profile());
        }
        if (c.tls()) {
            throw new LabException("ftp.clients[0].tls: the lab runs plain FTP");
        }
        final ClientOptions o = c.options();
        final List<String> a = new ArrayList<>(List.of("curl", "-v", "-sS", "-o", out.toString(),
                "-w", "time_total=%{time_total}\\n", "--max-time", String.valueOf(maxTimeSeconds)));
        if (connectTimeoutSeconds > 0) {
            a.addAll(List.of("--connect-timeout", String.valueOf(connectTimeoutSeconds)));
        }
        if (c.serverAddress6() != null && (o.mode() == ClientOptions.DataMode.PASV || o.mode() == ClientOptions.DataMode.PORT)) {
            throw new LabException("ftp.clients[0].mode: over IPv6 curl sends EPSV or EPRT, not " + o.mode());
        }
        switch (o.mode()) {
            // --ftp-pasv: EPSV first; --disable-epsv: PASV only.
            case PASV -> a.addAll(List.of("--ftp-pasv", "--disable-epsv"));
            case EPSV -> a.add("--ftp-pasv");
            // -P -: active mode on the control connection's address, EPRT first; --disable-eprt: PORT only.
            case PORT -> a.addAll(List.of("-P", "-", "--disable-eprt"));
            case EPRT -> a.addAll(List.of("-P", "-"));
            default -> throw new IllegalStateException(o.mode().name());
        }
        if (o.pasvPolicy() == ClientOptions.PasvPolicy.TRUST) {
            a.add("--no-ftp-skip-pasv-ip"); // curl >= 7.74 ignores the 227 address by default
        } else if (o.pasvPolicy() != ClientOptions.PasvPolicy.IGNORE) {
            throw new LabException("ftp.clients[0].pasv-address-policy: curl has ignore and trust only");
        }
        if (o.tcpKeepaliveNanos() == 0) {
            a.add("--no-keepalive");
        } else {
            a.addAll(List.of("--keepalive-time", String.valueOf(o.tcpKeepaliveNanos() / 1_000_000_000L)));
        }
        // An IPv6 address in brackets (RFC 3986 3.2.2); curl then speaks EPSV/EPRT only (lib/ftp.c).
        final String host = c.serverAddress6() != null ? "[" + c.serverAddress6() + "]" : Ipv4.format(c.serverAddress());
        a.add("ftp://" + host + ":" + c.port() + path(c));
        return a;
    }
}
