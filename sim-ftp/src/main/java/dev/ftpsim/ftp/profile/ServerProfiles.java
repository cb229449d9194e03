package dev.ftpsim.ftp.profile;

import dev.ftpsim.ftp.protocol.Reply;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.Locale;

/**
 * Server profiles. Each returns a builder, so a scenario overrides single settings:
 * {@code ServerProfiles.of("vsftpd").pasvPorts(30000, 30100).build()}.
 */
public final class ServerProfiles {

    private ServerProfiles() {}

    /** The profile names. */
    public static final java.util.List<String> NAMES = java.util.List.of("vsftpd", "proftpd");

    /** A profile by name (case-insensitive); unknown names are a scenario error. */
    public static ServerOptions.Builder of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "vsftpd" -> vsftpd();
            case "proftpd" -> proftpd();
            default -> throw new IllegalArgumentException("unknown server profile '" + name + "', known: " + NAMES);
        };
    }

    /** vsftpd 3.0.x with its built-in defaults (tunables.c; vsftpd.conf(5)). */
    public static ServerOptions.Builder vsftpd() {
        return ServerOptions.builder()
                .banner("(vsFTPd 3.0.5)")                 // vsftpd prelogin.c emit_greeting, ftpd_banner unset
                .anonymous(true)                          // vsftpd.conf(5) anonymous_enable=YES (tunables.c)
                .anonymousWrite(false)                    // anon_upload_enable=NO, anon_mkdir_write_enable=NO
                .maxLoginFails(3)                         // max_login_fails=3
                .lockout(Reply.of(530, "Login incorrect.")) // prelogin.c: the last 530 is sent, then the session exits
                .pasvPorts(0, 0)                          // pasv_min_port=0, pasv_max_port=0: any port
                .connectFromPort20(false)                 // connect_from_port_20=NO (RHEL's sample conf sets YES)
                .portPromiscuous(false)                   // port_promiscuous=NO: PORT to another host refused
                .pasvPromiscuous(false)                   // pasv_promiscuous=NO: "425 Security: Bad IP connecting."
                .idleNanos(300_000_000_000L)              // idle_session_timeout=300
                .dataConnectNanos(60_000_000_000L)        // connect_timeout=60 (active: PORT/EPRT)
                .acceptNanos(60_000_000_000L)             // accept_timeout=60 (passive: PASV/EPSV)
                .noTransferNanos(0)                       // no such setting in vsftpd
                .dataStallNanos(300_000_000_000L)         // data_connection_timeout=300
                .login(ServerOptions.VSFTPD_LOGIN)        // prelogin.c: 331/230/530 texts
                .pasvPortChoice(ServerOptions.PasvPortChoice.RANDOM_TRIES) // privops.c vsf_privop_pasv_listen
                .maxSessions(0)                           // max_clients=0 (unlimited)
                .utf8(false)                              // utf8_filesystem=NO: FEAT without UTF8
                .replies(ServerOptions.VSFTPD_REPLIES);   // postlogin.c / ftpcodes.h texts
    }

    /**
     * proftpd 1.3.x with its documented directive defaults (proftpd.org/docs/directives); its
     * replies as proftpd 1.3.8 sends them (checked against proftpd 1.3.8 with UseIPv6 on, an
     * {@code <Anonymous>} block with {@code <Limit WRITE> DenyAll} and MaxLoginAttempts 3).
     */
    public static ServerOptions.Builder proftpd() {
        return ServerOptions.builder()
                // ServerIdent on; basic.conf ServerName; the engine adds " [local address]" (src/session.c)
                .banner("ProFTPD Server (ProFTPD Default Installation)")
                .dialect(ServerOptions.Dialect.PROFTPD)   // proftpd's wording and checks in the engine
                .anonymous(false)                         // anonymous only inside an <Anonymous> block
                .anonymousWrite(false)
                .maxLoginFails(3)                         // MaxLoginAttempts default 3
                .lockout(Reply.of(530, "Login incorrect.")) // mod_auth: 530, then the session is disconnected
                .pasvPorts(0, 0)                          // PassivePorts unset: any ephemeral port
                .connectFromPort20(true)                  // mod_core: active data from L-1 = 20 (RFC 959 §3.2)
                .portPromiscuous(false)                   // AllowForeignAddress off
                .pasvPromiscuous(false)                   // AllowForeignAddress also governs passive peers
                .idleNanos(600_000_000_000L)              // TimeoutIdle default 600
                // data.c data_pasv_open/data_active_open arm TimeoutStalled "to prevent the
                // connection open from taking too long": no separate connect or accept timeout
                .dataConnectNanos(3_600_000_000_000L)
                .acceptNanos(3_600_000_000_000L)
                .noTransferNanos(300_000_000_000L)        // TimeoutNoTransfer default 300
                .loginNanos(300_000_000_000L)             // TimeoutLogin default 300 (include/options.h)
                .dataStallNanos(3_600_000_000_000L)       // TimeoutStalled default 3600
                .login(new ServerOptions.LoginReplies(    // mod_auth.c auth_user, setup_env, auth_pass
                        "Password required for %s",
                        "Anonymous login ok, send your complete email address as your password",
                        "User %s logged in",
                        "Anonymous access granted, restrictions apply",
                        "Login incorrect."))
                .pasvPortChoice(ServerOptions.PasvPortChoice.RANGE_THEN_ANY) // inet.c, mod_core core_pasv
                .maxSessions(0)                           // MaxInstances unset
                .mlst(true)                               // mod_facts, FactsAdvertise on
                .utf8(true)                               // mod_lang UseUTF8 on: FEAT lists UTF8
                .loginFirst(false)                        // proftpd's own gate (mod_auth.c auth_cmd_chk_cb)
                .replies(new ServerOptions.Replies(
                        Reply.of(500, "Illegal PORT command"),  // mod_core core_port: another host, a port below 1024
                        Reply.of(501, "Illegal PORT command"),  // core_port: bad syntax or values
                        // proftpd rejects a foreign passive peer and reports EPERM (text not verified verbatim)
                        Reply.of(425, "Unable to build data connection: Operation not permitted"),
                        Reply.of(421, "Too many users, try again later"),
                        // mod_core.c core_idle_timeout_cb; %d: the idle timeout in use, in seconds
                        Reply.of(421, "Idle timeout (%d seconds): closing control connection"),
                        // without PORT or PASV proftpd connects to RFC 959's default data port, the
                        // client's control port, where nothing listens (src/data.c data_active_open;
                        // checked against proftpd 1.3.8)
                        Reply.of(425, "Unable to build data connection: Connection refused"),
                        // src/data.c stalled_timeout_cb: "Data transfer stall timeout: %d seconds" goes to
                        // the log only, then pr_session_disconnect ends the session without a reply
                        null,
                        // data.c stalled_timeout_cb, armed by data_passive_open/data_active_open:
                        // "Data transfer stall timeout" goes to the log only, then
                        // pr_session_disconnect ends the session without a reply
                        null,
                        // not used: the proftpd dialect ignores a line over CommandBufferSize (src/main.c)
                        null));
    }
}
