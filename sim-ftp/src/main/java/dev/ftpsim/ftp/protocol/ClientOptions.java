package dev.ftpsim.ftp.protocol;

/**
 * Client settings; {@code dev.ftpsim.ftp.profile.ClientProfiles} bundles real clients' defaults.
 *
 * @param mode            the first data setup command tried
 * @param epsvFallback    after a 5xx to EPSV, try PASV (curl and lftp do; FileZilla switches to active mode instead)
 * @param eprtFallback    after a 4xx or 5xx to EPRT, try PORT (curl does)
 * @param pasvPolicy      what to do with the address in a 227 reply
 * @param activePort      where an active-mode client listens
 * @param binary          send TYPE I before RETR/STOR (all profiled clients do for files)
 * @param replyNanos      reply timeout, 0 = none
 * @param dataConnectNanos each connect's own timeout (passive data connects, and the control
 *                        connect when connectNanos is 0: FileZilla's 20 s), 0 = the host's TCP decides
 * @param keepaliveNanos  NOOP interval on the control connection during transfers, 0 = off
 *                        (lftp and FileZilla can send keep-alives, none does by default)
 * @param tcpKeepaliveNanos SO_KEEPALIVE on the control connection with this TCP_KEEPIDLE and
 *                        TCP_KEEPINTVL (and Linux's 9 probes), 0 = off; the probes refresh the
 *                        firewalls' conntrack entries of an idle control connection (curl: 60 s)
 * @param maxLine         longest reply line kept
 * @param epsvConnectFallback after EPSV fails in any way, a reply other than 229 (ftp.c
 *                        ftp_state_pasv_resp) or its data connection refused or timed out (ftp.c
 *                        ftp_do_more: "this is a EPSV connect failing, try PASV instead"), try PASV
 *                        once (curl)
 * @param modeFallback    after the data setup is refused, switch between passive and active once
 *                        (FileZilla's "Allow fall back to other transfer mode on failure")
 * @param connectNanos    curl's --connect-timeout: counted from the transfer's start, it bounds the
 *                        control connect and the transfer's data connects together, 0 = none
 * @param maxTimeNanos    the whole session's time limit, 0 = none (curl --max-time)
 * @param commandBeforeConnect passive mode: send the transfer command as soon as the data connect
 *                        has begun, not once it is up (FileZilla); the data connect then has no
 *                        timer of its own and the reply timeout covers it
 * @param endReplyNanos   the wait for a transfer's final reply once its data is done, 0 = replyNanos
 *                        (curl waits 60 s there, 120 s for every other reply)
 * @param listAscii       send TYPE A before a listing unless the type is already A (curl, ftplib)
 * @param typeEachTransfer send the transfer's TYPE before every transfer, even when it is already
 *                        set (ftplib), not only when it changes
 * @param asciiAtLogin    take the type as A after login (RFC 959's default), so a first listing needs
 *                        no TYPE A (lftp: ftpclass.cc Connection sets type='A')
 * @param curlSequence    the commands curl sends around a transfer (curl 7.88.1 on the wire; lib/ftp.c):
 *                        PWD after login (ftp_state_pwd), a path's folders one CWD each from the
 *                        login folder (--ftp-method multicwd, the default) and the file's own name
 *                        to RETR/STOR, back to the login folder first when a later path's folders
 *                        differ, and the TYPE, then SIZE before a RETR, only once the data setup is
 *                        done (ftp_do_more, ftp_state_type, ftp_state_size)
 * @param lftpSequence    the commands lftp sends (lftp 4.9.2 on the wire; src/ftpclass.cc): FEAT before
 *                        USER, then what FEAT offers of CLNT, LANG, OPTS UTF8 ON and HOST
 *                        (TuneConnectionAfterFEAT); after login OPTS MLST when the facts differ from
 *                        lftp's (SendOPTS_MLST), then PWD; a cd as "CWD /absolute"; paths made
 *                        relative to that folder (path_to_send); SIZE and MDTM before a RETR, any
 *                        answer going on; after a STOR the file's time by MFMT, MFF or SITE UTIME
 *                        (SendUTimeRequest)
 * @param maxRetries      lftp's net:max-retries on one connection, 0 = off: a transfer command refused
 *                        with a 4xx (or a 5xx whose text says the trouble is passing) is tried again
 *                        after retryNanos, data setup and all, until the tries since the connect (it
 *                        counts one) or since the last finished transfer exceed it (ftpclass.cc
 *                        NoFileCheck, NetAccess.cc NextTry)
 * @param retryNanos      the wait before such a try (lftp: 2 s, "retry after 2 seconds")
 * @param filezillaSequence the login FileZilla 3.x sends with its default protocol, "Use explicit FTP
 *                        over TLS if available" (src/engine/ftp/logon.cpp): AUTH TLS, then AUTH SSL
 *                        after a refusal, then USER and PASS; once logged in SYST, FEAT, what FEAT
 *                        offers of CLNT FileZilla and OPTS UTF8 ON, and over TLS PBSZ 0 and PROT P
 * @param idleDuringData  the reply timeout also runs while a transfer's data moves, as an inactivity
 *                        timeout that the data's progress keeps off (FileZilla's one timeout:
 *                        transfersocket.cpp calls SetAlive on data; lftp's net:timeout); checked when
 *                        it runs out, so a stalled transfer ends one to two timeouts after its last byte
 * @param reconnectNanos  lftp's net:reconnect-interval-base, 0 = off: after a failure lftp reconnects
 *                        after ({@code ClientSession#reconnects}), a new control connection begins this
 *                        long after the previous one began, the wait growing by
 *                        net:reconnect-interval-multiplier 1.5 per connect, up to maxRetries connects
 * @param reconnectMaxNanos lftp's net:reconnect-interval-max, the longest such wait
 * @param reconnectMultiplier lftp's net:reconnect-interval-multiplier: each wait after a try that
 *                        moved nothing is the one before times this, 1 or more (NetAccess.cc NextTry)
 */
public record ClientOptions(DataMode mode, boolean epsvFallback, boolean eprtFallback, PasvPolicy pasvPolicy,
                            ActivePort activePort, boolean binary, long replyNanos, long dataConnectNanos,
                            long keepaliveNanos, long tcpKeepaliveNanos, int maxLine, boolean epsvConnectFallback,
                            boolean modeFallback, long connectNanos, long maxTimeNanos, boolean commandBeforeConnect,
                            long endReplyNanos, boolean listAscii, boolean typeEachTransfer,
                            boolean asciiAtLogin, boolean curlSequence, boolean lftpSequence, int maxRetries,
                            long retryNanos, boolean filezillaSequence,
                            boolean idleDuringData, long reconnectNanos, long reconnectMaxNanos,
                            double reconnectMultiplier) {

    /** The data setup commands. */
    public enum DataMode { PORT, EPRT, PASV, EPSV;
        /** True for the client-listens modes. */
        public boolean active() {
            return this == PORT || this == EPRT;
        }

        /** The command sent for this mode over IPv6: PASV and PORT carry IPv4 addresses only (RFC 2428). */
        public DataMode overIpv6() {
            return this == PASV ? EPSV : this == PORT ? EPRT : this;
        }
    }

    /** The 227 address policy. */
    public enum PasvPolicy {
        /** Use the control connection's peer address (curl >= 7.74 default, Commons Net >= 3.9, ftplib). */
        IGNORE,
        /** Use the 227 address as given (classic clients; fails behind a server-side NAT). */
        TRUST,
        /** Use it unless it is private while the control peer is not (FileZilla's rule). */
        TRUST_UNLESS_PRIVATE,
        /**
         * lftp's ftp:fix-pasv-address: the control peer instead of a reserved or multicast address, or of
         * one whose private or loopback kind differs from the peer's, either way round (a public 227
         * address from a server dialled on its private address is replaced too).
         */
        FIX_MISMATCH
    }

    /** Where an active-mode client listens. */
    public enum ActivePort {
        /** Control connection's local port + 1 (RFC 959 §3.2 default data port U, as BSD ftp did). */
        CLASSIC,
        /** Any ephemeral port (modern clients). */
        EPHEMERAL
    }

    /** Defaults: passive EPSV with PASV fallback, 227 address ignored (curl's). */
    public static ClientOptions defaults() {
        return new ClientOptions(DataMode.EPSV, true, true, PasvPolicy.IGNORE, ActivePort.EPHEMERAL, true,
                60_000_000_000L, 0, 0, 0, 8192, false, false, 0, 0, false, 0, false, false, false, false, false, 0, 0, false, false, 0, 0, 1.5);
    }

    /** A copy with another mode. */
    public ClientOptions withMode(DataMode m) {
        return toBuilder().mode(m).build();
    }

    /** A copy with another 227 policy. */
    public ClientOptions withPasvPolicy(PasvPolicy p) {
        return toBuilder().pasvPolicy(p).build();
    }

    /** A copy with another active port choice. */
    public ClientOptions withActivePort(ActivePort a) {
        return toBuilder().activePort(a).build();
    }

    /** A builder starting from these options: individual settings override a profile. */
    public Builder toBuilder() {
        var b = new Builder();
        b.mode = mode; b.epsvFallback = epsvFallback; b.eprtFallback = eprtFallback; b.pasvPolicy = pasvPolicy;
        b.activePort = activePort; b.binary = binary; b.replyNanos = replyNanos;
        b.dataConnectNanos = dataConnectNanos; b.keepaliveNanos = keepaliveNanos;
        b.tcpKeepaliveNanos = tcpKeepaliveNanos; b.maxLine = maxLine; b.epsvConnectFallback = epsvConnectFallback;
        b.modeFallback = modeFallback; b.connectNanos = connectNanos; b.maxTimeNanos = maxTimeNanos;
        b.commandBeforeConnect = commandBeforeConnect; b.endReplyNanos = endReplyNanos;
        b.listAscii = listAscii; b.typeEachTransfer = typeEachTransfer;
        b.asciiAtLogin = asciiAtLogin; b.curlSequence = curlSequence; b.lftpSequence = lftpSequence;
        b.maxRetries = maxRetries; b.retryNanos = retryNanos; b.filezillaSequence = filezillaSequence;
        b.idleDuringData = idleDuringData;
        b.reconnectNanos = reconnectNanos; b.reconnectMaxNanos = reconnectMaxNanos;
        b.reconnectMultiplier = reconnectMultiplier;
        return b;
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private DataMode mode;
        private boolean epsvFallback, eprtFallback, binary, epsvConnectFallback, modeFallback, commandBeforeConnect,
                listAscii, typeEachTransfer, asciiAtLogin, curlSequence, lftpSequence, filezillaSequence,
                idleDuringData;
        private PasvPolicy pasvPolicy;
        private ActivePort activePort;
        private long replyNanos, dataConnectNanos, keepaliveNanos, tcpKeepaliveNanos, connectNanos, maxTimeNanos,
                endReplyNanos, retryNanos, reconnectNanos, reconnectMaxNanos;
        private int maxLine, maxRetries;
        private double reconnectMultiplier;

        private Builder() {}

        public Builder mode(DataMode v) { mode = v; return this; }
        public Builder epsvFallback(boolean v) { epsvFallback = v; return this; }
        public Builder eprtFallback(boolean v) { eprtFallback = v; return this; }
        public Builder pasvPolicy(PasvPolicy v) { pasvPolicy = v; return this; }
        public Builder activePort(ActivePort v) { activePort = v; return this; }
        public Builder binary(boolean v) { binary = v; return this; }
        public Builder replyNanos(long v) { replyNanos = v; return this; }
        public Builder dataConnectNanos(long v) { dataConnectNanos = v; return this; }
        public Builder keepaliveNanos(long v) { keepaliveNanos = v; return this; }
        public Builder tcpKeepaliveNanos(long v) { tcpKeepaliveNanos = v; return this; }
        public Builder maxLine(int v) { maxLine = v; return this; }
        public Builder epsvConnectFallback(boolean v) { epsvConnectFallback = v; return this; }
        public Builder modeFallback(boolean v) { modeFallback = v; return this; }
        public Builder connectNanos(long v) { connectNanos = v; return this; }
        public Builder maxTimeNanos(long v) { maxTimeNanos = v; return this; }
        public Builder commandBeforeConnect(boolean v) { commandBeforeConnect = v; return this; }
        public Builder endReplyNanos(long v) { endReplyNanos = v; return this; }
        public Builder listAscii(boolean v) { listAscii = v; return this; }
        public Builder typeEachTransfer(boolean v) { typeEachTransfer = v; return this; }
        public Builder asciiAtLogin(boolean v) { asciiAtLogin = v; return this; }
        public Builder curlSequence(boolean v) { curlSequence = v; return this; }
        public Builder lftpSequence(boolean v) { lftpSequence = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder retryNanos(long v) { retryNanos = v; return this; }
        public Builder filezillaSequence(boolean v) { filezillaSequence = v; return this; }
        public Builder idleDuringData(boolean v) { idleDuringData = v; return this; }
        public Builder reconnectNanos(long v) { reconnectNanos = v; return this; }
        public Builder reconnectMaxNanos(long v) { reconnectMaxNanos = v; return this; }
        public Builder reconnectMultiplier(double v) { reconnectMultiplier = v; return this; }

        /** The options. */
        public ClientOptions build() {
            return new ClientOptions(mode, epsvFallback, eprtFallback, pasvPolicy, activePort, binary, replyNanos,
                    dataConnectNanos, keepaliveNanos, tcpKeepaliveNanos, maxLine, epsvConnectFallback, modeFallback,
                    connectNanos, maxTimeNanos, commandBeforeConnect, endReplyNanos, listAscii, typeEachTransfer,
                    asciiAtLogin, curlSequence, lftpSequence, maxRetries, retryNanos,
                    filezillaSequence, idleDuringData, reconnectNanos, reconnectMaxNanos, reconnectMultiplier);
        }
    }
}
