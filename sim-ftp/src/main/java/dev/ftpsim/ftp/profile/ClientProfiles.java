package dev.ftpsim.ftp.profile;

import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientOptions.ActivePort;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ClientOptions.PasvPolicy;
import java.util.List;
import java.util.Locale;

/**
 * Client profiles: the defaults of real clients, for IPv4 servers. Each returns a builder so
 * single settings can be overridden: {@code ClientProfiles.of("curl").mode(DataMode.PORT).build()}.
 */
public final class ClientProfiles {

    private ClientProfiles() {}

    /** The profile names. */
    public static final List<String> NAMES =
            List.of("curl", "lftp", "filezilla", "python-ftplib", "commons-net", "windows-ftp");

    /** A profile by name (case-insensitive); unknown names are a scenario error. */
    public static ClientOptions.Builder of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "curl" -> curl();
            case "lftp" -> lftp();
            case "filezilla" -> filezilla();
            case "python-ftplib" -> pythonFtplib();
            case "commons-net" -> commonsNet();
            case "windows-ftp" -> windowsFtp();
            default -> throw new IllegalArgumentException("unknown client profile '" + name + "', known: " + NAMES);
        };
    }

    private static ClientOptions.Builder base() {
        return ClientOptions.defaults().toBuilder();
    }

    /** curl >= 7.74 (curl(1), libcurl CURLOPT_* man pages). */
    public static ClientOptions.Builder curl() {
        return base()
                .mode(DataMode.EPSV)              // --ftp-pasv: "tries the EPSV command first and then PASV"
                .epsvFallback(true)               // CURLOPT_FTP_USE_EPSV=1, PASV after a refused EPSV
                .epsvConnectFallback(true)        // ftp.c ftp_do_more: a failed EPSV data connect, then PASV
                .eprtFallback(true)               // -P: CURLOPT_FTP_USE_EPRT=1, PORT after a refused EPRT
                .pasvPolicy(PasvPolicy.IGNORE)    // --ftp-skip-pasv-ip "enabled by default (added in 7.74.0)"
                .activePort(ActivePort.EPHEMERAL) // -P '-': any local port
                .binary(true)                     // TYPE I before RETR/STOR (--use-ascii off)
                .listAscii(true)                  // ftp.c ftp_nb_type: TYPE A for a listing, each only on a change
                // PWD after login, one CWD per folder, TYPE and SIZE after the data setup; seen from
                // curl 7.88.1: PWD, CWD pub, EPSV, (connect), TYPE I, SIZE f.bin, RETR f.bin
                .curlSequence(true)
                // CURLOPT_SERVER_RESPONSE_TIMEOUT unset: RESP_TIMEOUT 120 s (urldata.h, 7.74 to 8.x) for
                // each reply, but 60 s for the reply after a transfer's data (ftp.c ftp_done: "give it
                // only a minute for now"); curl 7.88.1 gave up on a silent server 120 s after PASS
                // and after RETR, exit 28
                .replyNanos(120_000_000_000L)
                .endReplyNanos(60_000_000_000L)
                // --connect-timeout unset: DEFAULT_CONNECT_TIMEOUT 300000 ms (connect.h), counted
                // from the transfer's start (Curl_timeleft, t_startsingle) and covering its data
                // connects too; --max-time unset: no limit (curl(1))
                .connectNanos(300_000_000_000L)
                .dataConnectNanos(0)
                .maxTimeNanos(0)
                // --no-keepalive: "curl otherwise enables them by default"; --keepalive-time
                // default 60 s, used for both TCP_KEEPIDLE and TCP_KEEPINTVL (tool_operate.c)
                .tcpKeepaliveNanos(60_000_000_000L);
    }

    /** lftp 4.9.2 (lftp(1) settings ftp:passive-mode, ftp:prefer-epsv, ftp:*-pasv-address; src/resource.cc defaults). */
    public static ClientOptions.Builder lftp() {
        return base()
                .mode(DataMode.PASV)              // ftp:passive-mode on, ftp:prefer-epsv no
                .epsvFallback(true)
                .eprtFallback(false)              // active mode sends PORT on IPv4
                .pasvPolicy(PasvPolicy.FIX_MISMATCH) // ftp:ignore-pasv-address no, ftp:fix-pasv-address yes
                .activePort(ActivePort.EPHEMERAL) // ftp:port-range full
                .binary(true)
                // ftpclass.cc: listings in ASCII, files in I, TYPE only on a change from the
                // login's A (lftp 4.9.2 "get a; ls": TYPE I, RETR, TYPE A, LIST)
                .listAscii(true)
                .asciiAtLogin(true)
                // lftp -d against vsftpd 3.0.3 and proftpd 1.3.8, 'get /pub/f.bin': FEAT (and what it
                // offers of CLNT, LANG, OPTS UTF8 ON, HOST), USER, PASS, PWD, TYPE I, SIZE pub/f.bin,
                // MDTM pub/f.bin, PASV, RETR pub/f.bin
                .lftpSequence(true)
                // net:timeout 5m (resource.cc) bounds each wait for a reply and each connect: "Timeout -
                // reconnecting". lftp then reconnects on a new control connection
                .replyNanos(300_000_000_000L)
                .dataConnectNanos(300_000_000_000L)
                // ftpclass.cc NoFileCheck: a 4xx to RETR/STOR/LIST is retried on the same connection
                // "after 2 seconds" (PASV and the command again) until net:max-retries 1000; lftp 4.9.2
                // with net:max-retries 3 against a server answering every RETR with 425: three
                // PASV/RETR 2 s apart, then QUIT and "Fatal error: max-retries exceeded"
                .maxRetries(1000)
                .retryNanos(2_000_000_000L)
                // NetAccess.cc: timeout_timer is reset by data I/O too, so a transfer whose data stops
                // ends net:timeout later ("Timeout - reconnecting")
                .idleDuringData(true)
                // net:reconnect-interval-base 15 s, -multiplier 1.5, -max 300 s (resource.cc), up to
                // net:max-retries connects; lftp 4.9.2 against a server answering 421 to the greeting
                // connected at 0, 15, 37.5 and 71 s
                .reconnectNanos(15_000_000_000L)
                .reconnectMultiplier(1.5)
                .reconnectMaxNanos(300_000_000_000L);
    }

    /** FileZilla 3.x (Settings > Connection > FTP > Passive mode; engine ftpcontrolsocket/transfersocket). */
    public static ClientOptions.Builder filezilla() {
        return base()
                .mode(DataMode.PASV)              // passive by default; EPSV only for IPv6 peers
                // rawtransfer.cpp GetPassiveCommand: PASV over IPv4, EPSV over IPv6, never one after
                // the other; a refused EPSV goes to active mode (modeFallback below)
                .epsvFallback(false)
                .eprtFallback(false)
                .pasvPolicy(PasvPolicy.TRUST_UNLESS_PRIVATE) // "use the server's external IP address instead" of an unroutable one
                .activePort(ActivePort.EPHEMERAL)
                .binary(true)
                .replyNanos(20_000_000_000L)      // Settings > Connection: timeout 20 s (OPTION_TIMEOUT)
                // the same 20 s of inactivity end each connect, the control connection's and the
                // data connection's ("Connection timed out after 20 seconds of inactivity")
                .connectNanos(0)
                .dataConnectNanos(20_000_000_000L)
                // rawtransfer.cpp CFtpRawTransferOpData::Send, rawtransfer_transfer: the passive
                // data connect is started (SetupPassiveTransfer, non-blocking) and RETR/LIST sent at
                // once; so the server may wait in accept (vsftpd accept_timeout) for a connection
                // a firewall drops, and its 425 can arrive before the 20 s run out
                .commandBeforeConnect(true)
                // Settings > FTP: "Allow fall back to other transfer mode on failure", on by default
                // (OPTION_ALLOW_TRANSFERMODEFALLBACK; ftpcontrolsocket.cpp rawtransfer_port_pasv)
                .modeFallback(true)
                // 3.62 src/engine/ftp/logon.cpp with the default protocol "FTP - Use explicit FTP over
                // TLS if available": AUTH TLS, AUTH SSL, USER, PASS, SYST, FEAT, CLNT FileZilla and
                // OPTS UTF8 ON as FEAT offers, PBSZ 0 and PROT P once TLS is on
                .filezillaSequence(true)
                // controlsocket.cpp OnTimer: "Connection timed out after 20 seconds of inactivity",
                // the data's progress counting as activity (transfersocket.cpp SetAlive)
                .idleDuringData(true)
                // the transfer queue (interface/QueueView.cpp IncreaseErrorCount) takes a failed
                // transfer again up to "Maximum number of retries" times (OPTION_RECONNECTCOUNT,
                // Options.cpp "Reconnect count" 2), at once, a try that moved data not counting and
                // going on with REST
                .maxRetries(2);
    }

    /** Python ftplib >= 3.9.3 (ftplib docs; FTP.trust_server_pasv_ipv4_address, bpo-43285). */
    public static ClientOptions.Builder pythonFtplib() {
        return base()
                .mode(DataMode.PASV)              // passiveserver = True; makepasv() sends PASV on IPv4
                .epsvFallback(false)
                .eprtFallback(false)              // makeport() sends PORT on IPv4
                .pasvPolicy(PasvPolicy.IGNORE)    // trust_server_pasv_ipv4_address = False
                .activePort(ActivePort.EPHEMERAL) // binds port 0
                .binary(true)                     // retrbinary() sends TYPE I
                .listAscii(true)                  // retrlines() (LIST, NLST) sends TYPE A
                .typeEachTransfer(true)           // both send it at every call, set or not
                .replyNanos(0);                   // no timeout unless given to FTP()
    }

    /** Apache Commons Net >= 3.9 FTPClient (Javadoc; NET-711). */
    public static ClientOptions.Builder commonsNet() {
        return base()
                .mode(DataMode.PORT)              // ACTIVE_LOCAL_DATA_CONNECTION_MODE is the default
                .epsvFallback(false)              // EPSV on IPv4 only with setUseEPSVwithIPv4(true)
                .eprtFallback(false)              // PORT on IPv4, EPRT for IPv6
                .pasvPolicy(PasvPolicy.IGNORE)    // NET-711: ipAddressFromPasvResponse defaults to false since 3.9.0
                .activePort(ActivePort.EPHEMERAL) // activeMinPort = activeMaxPort = 0
                .binary(false)                    // file type defaults to ASCII until setFileType(BINARY)
                .replyNanos(0)                    // soTimeout 0 by default
                // 3.11.1: getConnectTimeout() 60000 ms (SocketClient DEFAULT_CONNECT_TIMEOUT), used by
                // the control connect and by _openDataConnection_'s passive connect
                .dataConnectNanos(60_000_000_000L);
    }

    /** Windows ftp.exe (Microsoft "ftp" command reference): active only. */
    public static ClientOptions.Builder windowsFtp() {
        return base()
                .mode(DataMode.PORT)              // no passive command: PORT for every transfer
                .epsvFallback(false)
                .eprtFallback(false)
                .pasvPolicy(PasvPolicy.TRUST)     // never used: ftp.exe does not send PASV
                .activePort(ActivePort.EPHEMERAL) // binds an ephemeral port per transfer
                .binary(false)                    // starts in ASCII ("ascii" is the default transfer type)
                .replyNanos(0);
    }
}
