package dev.ftpsim.lab;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vsftpd.conf for a scenario's server: its profile's settings with the scenario's overrides,
 * each key as vsftpd.conf(5) names it, for vsftpd run in the foreground as a standalone listener.
 */
final class VsftpdConf {
    private VsftpdConf() {}

    /**
     * The configuration's keys, in order.
     *
     * @param root the anonymous root (owned by root, not writable: vsftpd refuses a writable chroot)
     * @param empty an empty directory for secure_chroot_dir
     * @param ipv6 true when the client dials the server's IPv6 address
     * @param extra keys the scenario cannot express yet, overriding the rest
     */
    static Map<String, String> keys(final ServerOptions o, final int port, final Path root, final Path empty,
            final Path log, final boolean ipv6, final Map<String, String> extra) {
        final Map<String, String> k = new LinkedHashMap<>();
        // vsftpd.conf(5): listen and listen_ipv6 are mutually exclusive; listen_ipv6 listens on
        // "::", which takes IPv4 connections too (as mapped addresses) where bindv6only is 0.
        k.put("listen", yes(!ipv6));
        k.put("listen_ipv6", yes(ipv6));
        k.put("listen_port", String.valueOf(port));
        k.put("background", "NO");
        k.put("anonymous_enable", yes(o.anonymous()));
        k.put("no_anon_password", "YES");
        k.put("anon_root", root.toString());
        // The account anonymous sessions run as; Debian's vsftpd package creates it.
        k.put("ftp_username", "ftp");
        k.put("local_enable", "NO");
        k.put("write_enable", yes(o.anonymousWrite()));
        k.put("anon_upload_enable", yes(o.anonymousWrite()));
        k.put("secure_chroot_dir", empty.toString());
        k.put("pasv_enable", "YES");
        k.put("port_enable", "YES");
        if (o.pasvMinPort() != 0 || o.pasvMaxPort() != 0) {
            k.put("pasv_min_port", String.valueOf(o.pasvMinPort()));
            k.put("pasv_max_port", String.valueOf(o.pasvMaxPort()));
        }
        if (o.pasvAddress() != 0) {
            k.put("pasv_address", Ipv4.format(o.pasvAddress()));
        }
        k.put("connect_from_port_20", yes(o.connectFromPort20()));
        k.put("port_promiscuous", yes(o.portPromiscuous()));
        k.put("pasv_promiscuous", yes(o.pasvPromiscuous()));
        k.put("idle_session_timeout", seconds(o.idleNanos()));
        k.put("data_connection_timeout", seconds(o.dataStallNanos()));
        k.put("connect_timeout", seconds(o.dataConnectNanos()));
        k.put("accept_timeout", seconds(o.dataConnectNanos()));
        k.put("max_clients", String.valueOf(o.maxSessions()));
        k.put("ssl_enable", "NO");
        k.put("seccomp_sandbox", "NO");
        k.put("syslog_enable", "NO");
        k.put("xferlog_enable", "YES");
        k.put("xferlog_std_format", "NO");
        k.put("log_ftp_protocol", "YES");
        k.put("vsftpd_log_file", log.toString());
        k.putAll(extra);
        return k;
    }

    /** The file's text, one {@code key=value} a line. */
    static String render(final Map<String, String> keys) {
        final StringBuilder sb = new StringBuilder("# Written by ftpsim's lab; vsftpd.conf(5).\n");
        keys.forEach((key, value) -> sb.append(key).append('=').append(value).append('\n'));
        return sb.toString();
    }

    private static String yes(final boolean b) {
        return b ? "YES" : "NO";
    }

    private static String seconds(final long nanos) {
        return String.valueOf(Math.max(1, nanos / 1_000_000_000L));
    }
}
