package dev.ftpsim.ftp.protocol;

import java.util.Map;

/**
 * Server settings, named after vsftpd's where vsftpd has one (vsftpd.conf(5)). Defaults are the
 * RFCs' and vsftpd's own; {@code dev.ftpsim.ftp.profile.ServerProfiles} bundles other software's.
 *
 * @param banner            text of the 220 greeting (vsftpd: "(vsFTPd 3.0.5)")
 * @param maxLine           longest command line accepted, bytes
 * @param anonymous         anonymous login (USER anonymous/ftp, any password); vsftpd anonymous_enable
 * @param anonymousWrite    anonymous users may STOR/DELE/MKD...; vsftpd anon_upload_enable=NO
 * @param localEnable       non-anonymous USER accepted; vsftpd local_enable. vsftpd's built-in default
 *                          is NO (tunables.c), but Debian's packaged vsftpd.conf sets YES, and ftpsim
 *                          models YES so that {@code users} log in without a second setting. With NO a
 *                          non-anonymous USER gets 530 "This FTP server is anonymous only."
 * @param users             configured users, name to password (local users may write)
 * @param homes             a configured user's home directory, where the session starts (default "/")
 * @param maxLoginFails     failed PASS attempts before the session is closed; vsftpd max_login_fails=3
 * @param lockout           the reply sent then (RFC 2577 §5: 421)
 * @param pasvMinPort       passive port range, inclusive; 0/0 = any ephemeral port (vsftpd pasv_min_port=0)
 * @param pasvMaxPort       see pasvMinPort
 * @param pasvAddress       address advertised in 227, 0 = the control connection's local address (vsftpd pasv_address)
 * @param connectFromPort20 active data from port 20, else ephemeral; vsftpd connect_from_port_20
 * @param portPromiscuous   allow PORT/EPRT to another host or a port below 1024; vsftpd port_promiscuous=NO (RFC 2577 §3)
 * @param pasvPromiscuous   accept a passive data connection from another address; vsftpd pasv_promiscuous=NO
 * @param idleNanos         control idle timeout; vsftpd idle_session_timeout=300 s
 * @param dataConnectNanos  active data connect timeout; vsftpd connect_timeout=60 s
 * @param acceptNanos       passive data accept timeout; vsftpd accept_timeout=60 s
 * @param noTransferNanos   logged in without a transfer for this long ends the session (proftpd
 *                          TimeoutNoTransfer), 0 = off (vsftpd has none)
 * @param dataStallNanos    a transfer without progress for this long is ended; vsftpd data_connection_timeout=300 s
 * @param maxSessions       concurrent sessions, 0 = unlimited; vsftpd max_clients=0
 * @param replies           reply texts and codes for refusals (profile-specific)
 * @param tls               AUTH TLS accepted (RFC 4217); vsftpd ssl_enable=NO
 * @param ccc               CCC accepted after AUTH TLS (RFC 4217 section 6); off, as vsftpd has no CCC
 * @param mlst              MLST and MLSD (RFC 3659 section 7), listed in FEAT; off, as vsftpd has neither
 * @param login             login reply texts (profile-specific)
 * @param pasvPortChoice    how a port of the passive range is taken (profile-specific)
 * @param extended          EPSV and EPRT (RFC 2428) understood; off answers both with 502, as servers
 *                          written before RFC 2428 do (RFC 959 section 4.2: "502 Command not implemented.")
 * @param loginFirst        vsftpd's command loops (prelogin.c parse_username_password, postlogin.c
 *                          process_post_login): before login only USER, PASS, QUIT, FEAT, OPTS and,
 *                          with TLS, AUTH, PBSZ and PROT run, any other command gets "530 Please login
 *                          with USER and PASS."; after it an HTTP request line (GET, POST, HEAD,
 *                          OPTIONS, CONNECT) gets "500 HTTP protocol commands not allowed." and ends
 *                          the session. Off: RFC 959's gate, where NOOP, SYST, HELP and the like run
 *                          before login too
 * @param dialect           whose wording and checks the engine follows where the servers differ
 *                          beyond {@code replies} and {@code login}: vsftpd's (the default) or proftpd's
 * @param loginNanos        from connecting to a successful login at most this long, then
 *                          "421 Login timeout (N seconds): closing control connection" and the session
 *                          ends (proftpd TimeoutLogin, mod_auth.c auth_login_timeout_cb); 0 = none, as
 *                          in vsftpd, where only the idle timeout applies before login
 * @param utf8              FEAT lists UTF8 (RFC 2640): vsftpd utf8_filesystem, NO by default
 *                          (features.c lists it only then; vsftpd 3.0.3 with Debian's conf sent EPRT,
 *                          EPSV, MDTM, PASV, REST STREAM, SIZE and TVFS); proftpd's UseUTF8 is on
 */
public record ServerOptions(
        String banner, int maxLine, boolean anonymous, boolean anonymousWrite, boolean localEnable,
        Map<String, String> users,
        Map<String, String> homes, int maxLoginFails, Reply lockout, int pasvMinPort, int pasvMaxPort, int pasvAddress,
        boolean connectFromPort20, boolean portPromiscuous, boolean pasvPromiscuous, long idleNanos,
        long dataConnectNanos, long acceptNanos, long noTransferNanos, long dataStallNanos, int maxSessions,
        Replies replies, boolean tls, boolean ccc, boolean mlst, LoginReplies login, PasvPortChoice pasvPortChoice,
        boolean extended, boolean loginFirst, Dialect dialect, long loginNanos, boolean utf8) {

    /** Whose command handling the engine follows where vsftpd 3.0 and proftpd 1.3.8 differ. */
    public enum Dialect {
        /** vsftpd 3.0 (prelogin.c, postlogin.c). */
        VSFTPD,
        /** proftpd 1.3.8 with UseIPv6 on, its default (src/main.c, modules/mod_core.c, mod_auth.c, mod_xfer.c). */
        PROFTPD
    }

    /** Checks ranges and copies the user map. */
    public ServerOptions {
        java.util.Objects.requireNonNull(dialect, "dialect");
        users = Map.copyOf(users);
        homes = Map.copyOf(homes);
        if (pasvMinPort < 0 || pasvMaxPort > 65535 || pasvMinPort > pasvMaxPort || maxLine < 16
                || maxLoginFails < 1 || idleNanos <= 0 || dataConnectNanos <= 0 || acceptNanos <= 0
                || noTransferNanos < 0 || dataStallNanos <= 0 || maxSessions < 0 || loginNanos < 0) {
            throw new IllegalStateException("bad server options");
        }
    }

    /**
     * Reply texts that differ between servers.
     *
     * @param badPort     PORT/EPRT naming another host or a port below 1024
     * @param badPortArgs malformed PORT argument (RFC 959 §4.2.1: 501 syntax error in arguments)
     * @param badIp       passive data connection from a foreign address (vsftpd postlogin.c)
     * @param tooMany     session limit reached (vsftpd max_clients)
     * @param idle        idle timeout (vsftpd "421 Timeout."); a {@code %d} in its text is the
     *                    timeout in seconds (proftpd names it)
     * @param noDataSetup transfer command without PORT/PASV (RFC 959 §5.4 RETR: 425)
     * @param stalled     no data progress for dataStallNanos; the session is closed after it (null:
     *                    closed without a reply, as proftpd's stalled_timeout_cb does)
     * @param openTimeout the data connection did not open within acceptNanos (passive) or
     *                    dataConnectNanos (active); null: the session ends without a reply
     * @param lineTooLong a command line over maxLine; the session then ends. null: "500 Command
     *                    line too long." and the session goes on
     */
    public record Replies(Reply badPort, Reply badPortArgs, Reply badIp, Reply tooMany, Reply idle,
                          Reply noDataSetup, Reply stalled, Reply openTimeout, Reply lineTooLong) {}

    /** vsftpd's texts (vsftpd 3.0.x postlogin.c, prelogin.c, ftpcodes.h; checked against vsftpd 3.0.3). */
    public static final Replies VSFTPD_REPLIES = new Replies(
            Reply.of(500, "Illegal PORT command."),
            Reply.of(500, "Illegal PORT command."),             // handle_port: FTP_BADCMD for bad syntax too
            Reply.of(425, "Security: Bad IP connecting."),
            Reply.of(421, "There are too many connected users, please try later."),
            Reply.of(421, "Timeout."),
            Reply.of(425, "Use PORT or PASV first."),
            Reply.of(421, "Data timeout. Reconnect. Sorry."),
            // ftpdataio.c vsf_ftpdataio_get_pasv_fd / get_port_fd: accept_timeout or connect_timeout
            // ran out (privops.c vsf_privop_accept_pasv); the session goes on
            Reply.of(425, "Failed to establish connection."),
            // ftpcmdio.c control_getline: a line over VSFTP_MAX_COMMAND_LINE ends the session
            // (vsf_cmdio_write_exit); vsftpd 3.0.3 answers so and closes
            Reply.of(500, "Input line too long."));

    /**
     * Login replies. {@code %s} in a text stands for the user name.
     *
     * @param needPassword      331 to USER
     * @param anonymousPassword 331 to USER anonymous
     * @param loggedIn          230 to a local user's PASS
     * @param anonymousLoggedIn 230 to an anonymous PASS
     * @param incorrect         530 to a wrong PASS
     */
    public record LoginReplies(String needPassword, String anonymousPassword, String loggedIn, String anonymousLoggedIn,
                               String incorrect) {}

    /** vsftpd 3.0 prelogin.c: the same texts for every user. */
    public static final LoginReplies VSFTPD_LOGIN = new LoginReplies("Please specify the password.",
            "Please specify the password.", "Login successful.", "Login successful.", "Login incorrect.");

    /**
     * How a passive port is taken from the range. Both servers set SO_REUSEADDR on the passive
     * socket (vsftpd privops.c vsf_privop_pasv_listen, proftpd inet.c init_conn), so on Linux a
     * port whose earlier connections linger in TIME_WAIT binds again; only a port another
     * session still listens on is in use.
     */
    public enum PasvPortChoice {
        /**
         * vsftpd privops.c vsf_privop_pasv_listen: up to 9 random ports of the range
         * ({@code while (--bind_retries)} from 10), then {@code die("vsf_sysutil_bind")}, which
         * writes "500 OOPS: vsf_sysutil_bind" (utility.c bug()) and ends the session.
         */
        RANDOM_TRIES,
        /**
         * proftpd inet.c pr_inet_create_conn_portrange: every port of the range in random order;
         * then mod_core core_pasv logs "unable to find open port in PassivePorts range" and binds
         * INPORT_ANY, an ephemeral port outside the range.
         */
        RANGE_THEN_ANY
    }

    /** vsftpd's nine tries (privops.c: {@code bind_retries = 10; while (--bind_retries)}). */
    public static final int VSFTPD_PASV_TRIES = 9;

    /** The defaults: vsftpd 3.0's built-in defaults, anonymous read-only login enabled. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with other settings. */
    public Builder toBuilder() {
        var b = new Builder();
        b.banner = banner; b.maxLine = maxLine; b.anonymous = anonymous; b.anonymousWrite = anonymousWrite;
        b.localEnable = localEnable;
        b.users = users; b.homes = homes; b.maxLoginFails = maxLoginFails; b.lockout = lockout; b.pasvMinPort = pasvMinPort;
        b.pasvMaxPort = pasvMaxPort; b.pasvAddress = pasvAddress; b.connectFromPort20 = connectFromPort20;
        b.portPromiscuous = portPromiscuous; b.pasvPromiscuous = pasvPromiscuous; b.idleNanos = idleNanos;
        b.dataConnectNanos = dataConnectNanos; b.acceptNanos = acceptNanos; b.noTransferNanos = noTransferNanos;
        b.dataStallNanos = dataStallNanos; b.maxSessions = maxSessions; b.replies = replies;
        b.tls = tls; b.ccc = ccc; b.mlst = mlst; b.login = login; b.pasvPortChoice = pasvPortChoice;
        b.extended = extended; b.loginFirst = loginFirst; b.dialect = dialect;
        b.loginNanos = loginNanos; b.utf8 = utf8;
        return b;
    }

    /** Builds {@link ServerOptions}; every setter overrides one default or profile value. */
    public static final class Builder {
        private String banner = "(vsFTPd 3.0.5)";
        private int maxLine = 4096;                 // vsftpd VSFTP_MAX_COMMAND_LINE (defs.h)
        private boolean anonymous = true;
        private boolean anonymousWrite = false;
        private boolean localEnable = true;
        private Map<String, String> users = Map.of();
        private Map<String, String> homes = Map.of();
        private int maxLoginFails = 3;
        private Reply lockout = Reply.of(421, "Service not available, closing control connection.");
        private int pasvMinPort = 0, pasvMaxPort = 0, pasvAddress = 0;
        private boolean connectFromPort20 = false;  // vsftpd tunables.c default NO (sample conf says YES)
        private boolean portPromiscuous = false, pasvPromiscuous = false;
        private long idleNanos = 300_000_000_000L;
        private long dataConnectNanos = 60_000_000_000L;
        private long acceptNanos = 60_000_000_000L;
        private long noTransferNanos = 0;
        private long dataStallNanos = 300_000_000_000L;
        private int maxSessions = 0;
        private Replies replies = VSFTPD_REPLIES;
        private boolean tls = false;
        private boolean ccc = false;
        private boolean mlst = false;
        private LoginReplies login = VSFTPD_LOGIN;
        private PasvPortChoice pasvPortChoice = PasvPortChoice.RANDOM_TRIES;
        private boolean extended = true;
        private boolean loginFirst = true;
        private Dialect dialect = Dialect.VSFTPD;
        private long loginNanos = 0;
        private boolean utf8 = false;

        private Builder() {}

        public Builder banner(String v) { banner = v; return this; }
        public Builder maxLine(int v) { maxLine = v; return this; }
        public Builder anonymous(boolean v) { anonymous = v; return this; }
        public Builder anonymousWrite(boolean v) { anonymousWrite = v; return this; }
        public Builder localEnable(boolean v) { localEnable = v; return this; }
        public Builder users(Map<String, String> v) { users = v; return this; }
        public Builder homes(Map<String, String> v) { homes = v; return this; }
        public Builder maxLoginFails(int v) { maxLoginFails = v; return this; }
        public Builder lockout(Reply v) { lockout = v; return this; }
        public Builder pasvPorts(int min, int max) { pasvMinPort = min; pasvMaxPort = max; return this; }
        public Builder pasvAddress(int v) { pasvAddress = v; return this; }
        public Builder connectFromPort20(boolean v) { connectFromPort20 = v; return this; }
        public Builder portPromiscuous(boolean v) { portPromiscuous = v; return this; }
        public Builder pasvPromiscuous(boolean v) { pasvPromiscuous = v; return this; }
        public Builder idleNanos(long v) { idleNanos = v; return this; }
        public Builder dataConnectNanos(long v) { dataConnectNanos = v; return this; }
        public Builder acceptNanos(long v) { acceptNanos = v; return this; }
        public Builder noTransferNanos(long v) { noTransferNanos = v; return this; }
        public Builder dataStallNanos(long v) { dataStallNanos = v; return this; }
        public Builder maxSessions(int v) { maxSessions = v; return this; }
        public Builder replies(Replies v) { replies = v; return this; }
        public Builder tls(boolean v) { tls = v; return this; }
        public Builder ccc(boolean v) { ccc = v; return this; }
        public Builder mlst(boolean v) { mlst = v; return this; }
        public Builder login(LoginReplies v) { login = v; return this; }
        public Builder pasvPortChoice(PasvPortChoice v) { pasvPortChoice = v; return this; }
        public Builder extended(boolean v) { extended = v; return this; }
        public Builder loginFirst(boolean v) { loginFirst = v; return this; }
        public Builder dialect(Dialect v) { dialect = v; return this; }
        public Builder loginNanos(long v) { loginNanos = v; return this; }
        public Builder utf8(boolean v) { utf8 = v; return this; }

        /** The options. */
        public ServerOptions build() {
            return new ServerOptions(banner, maxLine, anonymous, anonymousWrite, localEnable, users, homes, maxLoginFails, lockout,
                    pasvMinPort, pasvMaxPort, pasvAddress, connectFromPort20, portPromiscuous, pasvPromiscuous,
                    idleNanos, dataConnectNanos, acceptNanos, noTransferNanos, dataStallNanos, maxSessions, replies,
                    tls, ccc, mlst, login, pasvPortChoice, extended, loginFirst, dialect, loginNanos, utf8);
        }
    }
}
