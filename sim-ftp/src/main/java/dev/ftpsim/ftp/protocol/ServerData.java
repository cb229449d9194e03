package dev.ftpsim.ftp.protocol;

import dev.ftpsim.ftp.protocol.Action.CancelTimer;
import dev.ftpsim.ftp.protocol.Action.CloseData;
import dev.ftpsim.ftp.protocol.Action.ConnectData;
import dev.ftpsim.ftp.protocol.Action.ListenData;
import dev.ftpsim.ftp.protocol.Action.SendData;
import dev.ftpsim.ftp.protocol.Action.StartTimer;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The server's data channel: PORT/EPRT (active) and PASV/EPSV (passive) setup, then one
 * transfer. Its state is one {@link ServerStates.Data}, moved only by {@link ServerStates#next(
 * ServerStates.Data, ServerStates.DataEvent)}: this class emits the actions, the table decides the
 * next state. What the session must do next (run pipelined commands, end a transfer, close) is
 * returned as an {@link ServerStates.Effect}, never called back. As in vsftpd, a setup serves one
 * transfer; the 150 preliminary reply goes out once the data connection is up (so a failed
 * connection gives only 425); the 226 once the data connection closed cleanly.
 */
final class ServerData {

    /**
     * A transfer to run once connected: payload (or bulk length, or a file streamed from
     * {@code source}) to send, or a sink to fill.
     */
    record Transfer(Verb verb, byte[] bytes, long length, String openText, FileSystem.Sink sink,
                    java.nio.channels.ReadableByteChannel source) {
        Transfer(Verb verb, byte[] bytes, long length, String openText) {
            this(verb, bytes, length, openText, null, null);
        }

        boolean upload() {
            return sink != null;
        }
    }

    private static final ServerStates.Effect NONE = ServerStates.Effect.NONE, RESUME = ServerStates.Effect.RESUME,
            ENDED = ServerStates.Effect.TRANSFER_ENDED, CLOSE = ServerStates.Effect.CLOSE;
    /** vsftpd's reply when its active data connect is refused (ftpdataio.c vsf_ftpdataio_get_port_fd). */
    private static final Reply CONNECT_REFUSED = Reply.of(425, "Failed to establish connection.");

    private final ServerOptions opt;
    private final int localIp, peerIp;
    private final RandomGenerator rng;
    /** The network's IPv6 addresses (EPRT |2| names one), or null. */
    private final dev.ftpsim.core.net.Ipv6Addresses v6;
    /** The control connection is IPv6 (its addresses are ids, see {@link dev.ftpsim.core.net.Ipv6}). */
    private final boolean ipv6;

    private ServerStates.Data state = ServerStates.Data.IDLE;
    private boolean extended; // the passive setup came from EPSV: answer 229, not 227
    private boolean epsvAll; // RFC 2428 §4: only EPSV sets up from now on
    private int target, targetPort, connectedPeer;
    private Transfer pending;
    private boolean progressed; // data moved since the stall timer was (re)started: checked lazily on expiry

    ServerData(ServerOptions opt, int localIp, int peerIp, RandomGenerator rng, dev.ftpsim.core.net.Ipv6Addresses v6) {
        this.opt = opt;
        this.v6 = v6;
        this.ipv6 = dev.ftpsim.core.net.Ipv6.isId(peerIp);
        this.localIp = localIp;
        this.peerIp = peerIp;
        this.rng = rng;
    }

    /** proftpd 1.3.8 src/data.c pr_data_abort for a data connection the peer closed or reset. */
    private static final String ABORTED = "Transfer aborted. Data connection closed";

    /**
     * proftpd 1.3.8 src/data.c data_active_open: a failed connect(2) is answered
     * "425 Unable to build data connection: " with strerror(errno); {@code reason} is the
     * {@link dev.ftpsim.core.tcp.FailReason#text()} of the failure.
     */
    static Reply proftpdConnectFailed(String reason) {
        String err = "Connection refused";
        for (var r : dev.ftpsim.core.tcp.FailReason.values()) {
            if (r.text().equals(reason)) {
                err = switch (r) {
                    case REFUSED -> "Connection refused";           // ECONNREFUSED
                    case UNREACHABLE -> "No route to host";         // EHOSTUNREACH (ICMP host unreachable or prohibited)
                    case TIMED_OUT -> "Connection timed out";       // ETIMEDOUT
                    case RESET -> "Connection reset by peer";       // ECONNRESET
                    case ADDRESS_NOT_AVAILABLE -> "Cannot assign requested address"; // EADDRNOTAVAIL
                };
            }
        }
        return Reply.of(425, "Unable to build data connection: " + err);
    }

    private boolean proftpd() {
        return opt.dialect() == ServerOptions.Dialect.PROFTPD;
    }

    private void to(ServerStates.DataEvent e) {
        state = ServerStates.next(state, e);
    }

    boolean busy() {
        return state.busy;
    }

    boolean pausing() {
        return state == ServerStates.Data.PASV_OPENING;
    }

    boolean open() {
        return state.open;
    }

    // ---- setup commands ----

    void port(String arg, List<Action> out) {
        if (refusedByEpsvAll("PORT", out)) {
            return;
        }
        if (proftpd() && arg.isEmpty()) {
            ServerSession.reply(out, 501, "Invalid number of parameters"); // src/cmd.c CHECK_CMD_ARGS
            return;
        }
        vsftpdCleanup(out);
        Addresses.HostPort hp = Addresses.parseCommaForm(arg);
        // proftpd 1.3.8 core_port also refuses the host 0.0.0.0 as bad values (501)
        if (hp == null || hp.port() == 0 || proftpd() && hp.ipv4() == 0) {
            out.add(new Action.SendReply(opt.replies().badPortArgs()));
            return;
        }
        if (ipv6) {
            // PORT names an IPv4 address, never the IPv6 peer: vsftpd postlogin.c handle_port's
            // address check fails, "500 Illegal PORT command." (port_promiscuous or not).
            out.add(new Action.SendReply(opt.replies().badPort()));
            return;
        }
        active(hp, opt.replies().badPort(),
                proftpd() ? "PORT command successful" : "PORT command successful. Consider using PASV.", out);
    }

    void eprt(String arg, List<Action> out) {
        if (refusedByEpsvAll("EPRT", out)) {
            return;
        }
        if (proftpd() && !ipv6) {
            proftpdEprt(arg, out);
            return;
        }
        vsftpdCleanup(out);
        if (!proftpd() && !arg.startsWith("|")) {
            // vsftpd 3.0 postlogin.c handle_eprt splits at '|' only: whatever stands before the
            // first one is "Bad EPRT command." (checked against vsftpd 3.0.3: EPRT !1!127.0.0.1!5000!)
            ServerSession.reply(out, 500, "Bad EPRT command.");
            return;
        }
        Addresses.HostPort hp = ipv6 && v6 != null && arg.length() > 2 && arg.charAt(1) == '2'
                ? Addresses.parseEprt6(arg, v6) : Addresses.parseEprt(arg);
        // vsftpd 3.0 postlogin.c handle_eprt's texts, all 500 (checked against vsftpd 3.0.3)
        if (hp == null) {
            ServerSession.reply(out, 500, "Bad EPRT command.");
        } else if (hp.ipv4() == -1 && hp.port() == -1) {
            ServerSession.reply(out, 500, "Bad EPRT protocol.");
        } else if (ipv6 && !dev.ftpsim.core.net.Ipv6.isId(hp.ipv4())) {
            // EPRT |1| on an IPv6 control connection: not the peer's address (vsftpd handle_eprt)
            out.add(new Action.SendReply(Reply.of(opt.replies().badPort().code(), "Illegal EPRT command.")));
        } else {
            Reply bad = Reply.of(opt.replies().badPort().code(), "Illegal EPRT command.");
            active(hp, bad, "EPRT command successful. Consider using EPSV.", out);
        }
    }

    /**
     * proftpd 1.3.8 mod_core.c core_eprt on an IPv4 control connection, UseIPv6 on: the first
     * character is the delimiter, the family is atoi's (1, or 2 whose address cannot be the
     * peer's), the port atoi's cut to 16 bits; bad syntax 501, an address or port refused 500
     * (checked against proftpd 1.3.8).
     */
    private void proftpdEprt(String arg, List<Action> out) {
        if (arg.isEmpty()) {
            ServerSession.reply(out, 501, "Invalid number of parameters");
            return;
        }
        char delim = arg.charAt(0);
        int i = 1;
        long family = atoi(arg.substring(i));
        if (family != 1 && family != 2) {
            ServerSession.reply(out, 522, "Network protocol not supported, use (1,2)");
            return;
        }
        while (i < arg.length() && arg.charAt(i) >= '0' && arg.charAt(i) <= '9') {
            i++;
        }
        int end = i < arg.length() && arg.charAt(i) == delim ? arg.indexOf(delim, i + 1) : -1;
        if (end < 0) {
            ServerSession.reply(out, 501, "Illegal EPRT command");
            return;
        }
        String addr = arg.substring(i + 1, end);
        long ip = family == 1 ? dev.ftpsim.core.net.Ipv4.tryParse(addr) : dev.ftpsim.core.net.Ipv4.INVALID;
        boolean v6ok = family == 2 && parsesAsIpv6(addr);
        if (family == 1 && (ip == dev.ftpsim.core.net.Ipv4.INVALID || !addr.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))
                || family == 2 && !v6ok) {
            ServerSession.reply(out, 501, "Illegal EPRT command"); // pr_inet_pton failed
            return;
        }
        int j = end + 1;
        long port = atoi(arg.substring(j)) & 0xFFFF;
        while (j < arg.length() && arg.charAt(j) >= '0' && arg.charAt(j) <= '9') {
            j++;
        }
        if (j >= arg.length() || arg.charAt(j) != delim) {
            ServerSession.reply(out, 501, "Illegal EPRT command");
            return;
        }
        Reply bad = Reply.of(500, "Illegal EPRT command");
        if (family == 2) {
            out.add(new Action.SendReply(bad)); // an IPv6 address is never an IPv4 peer's
            return;
        }
        active(new Addresses.HostPort((int) ip, (int) port), bad, "EPRT command successful", out);
    }

    private static boolean parsesAsIpv6(String text) {
        try {
            dev.ftpsim.core.net.Ipv6.parse(text);
            return !text.isBlank() && text.strip().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * vsftpd 3.0 postlogin.c handle_port and handle_eprt begin with port_cleanup and pasv_cleanup,
     * so a refused PORT or EPRT has dropped the setup before it (vsftpd 3.0.3: PASV, "PORT 1,2,3",
     * then RETR is "425 Use PORT or PASV first."); proftpd keeps it.
     */
    private void vsftpdCleanup(List<Action> out) {
        if (!proftpd()) {
            drop(out);
        }
    }

    /** RFC 1918's private IPv4 blocks (proftpd src/netaddr.c pr_netaddr_is_rfc1918). */
    static boolean rfc1918(int ip) {
        return (ip >>> 24) == 10 || (ip >>> 20) == 0xAC1 || (ip >>> 16) == 0xC0A8;
    }

    private void active(Addresses.HostPort hp, Reply bad, String ok, List<Action> out) {
        if (proftpd() && !ipv6 && !rfc1918(listenAddress()) && !rfc1918(peerIp) && rfc1918(hp.ipv4())) {
            // proftpd 1.3.8 mod_core.c core_port/core_eprt: "If we are NOT listening on an RFC1918
            // address, BUT the client HAS sent us an RFC1918 address ... use the client's remote
            // address" (checked against proftpd 1.3.8: PORT 10,0,0,1,... from 127.0.0.1 is 200)
            hp = new Addresses.HostPort(peerIp, hp.port());
        }
        // RFC 2577 §3 (bounce attack): refuse another host, or a privileged port. vsftpd port_promiscuous.
        if (!opt.portPromiscuous() && (hp.ipv4() != peerIp || hp.port() < 1024)) {
            out.add(new Action.SendReply(bad));
            return;
        }
        drop(out);
        to(ServerStates.DataEvent.SETUP_ACTIVE);
        target = hp.ipv4();
        targetPort = hp.port();
        ServerSession.reply(out, 200, ok);
    }

    void pasv(boolean ext, List<Action> out) {
        if (!ext && refusedByEpsvAll("PASV", out)) {
            return;
        }
        drop(out);
        extended = ext;
        to(ServerStates.DataEvent.SETUP_PASSIVE);
        if (opt.pasvMaxPort() == 0) {
            out.add(new ListenData(0));
            return;
        }
        int lo = opt.pasvMinPort(), hi = opt.pasvMaxPort();
        if (lo == hi && opt.pasvPortChoice() == ServerOptions.PasvPortChoice.RANGE_THEN_ANY) {
            // proftpd inet.c pr_inet_create_conn_portrange: "if (low_port >= high_port) { errno =
            // EPERM; return NULL; }", so a one-port PassivePorts always falls back to INPORT_ANY.
            out.add(new ListenData(0));
            return;
        }
        int port = rng.nextInt(lo, hi + 1);
        out.add(new ListenData(port, opt.pasvPortChoice() == ServerOptions.PasvPortChoice.RANDOM_TRIES
                ? new PassivePorts.RandomTries(rng, lo, hi, ServerOptions.VSFTPD_PASV_TRIES - 1)
                : new PassivePorts.RangeThenAny(rng, lo, hi, port)));
    }

    /** The address proftpd compares as its own: MasqueradeAddress (our pasvAddress) or the local one. */
    private int listenAddress() {
        return opt.pasvAddress() != 0 ? opt.pasvAddress() : localIp;
    }

    void epsv(String arg, List<Action> out) {
        if (arg.isEmpty()) {
            pasv(true, out);
        } else if (arg.equalsIgnoreCase("ALL")) {
            epsvAll = true;
            // RFC 2428 §4; proftpd 1.3.8 mod_core.c core_epsv
            ServerSession.reply(out, 200, proftpd() ? "EPSV ALL command successful" : "EPSV ALL ok.");
        } else if (proftpd()) {
            // mod_core.c core_epsv: strtol with nothing after the number; 1 and 2 with UseIPv6 on
            if (!arg.matches("[-+]?[0-9]+")) {
                ServerSession.reply(out, 501, "EPSV: unknown network protocol");
            } else if (atoi(arg) == 1 || atoi(arg) == 2) {
                pasv(true, out);
            } else {
                ServerSession.reply(out, 522, "Network protocol not supported, use (1,2)");
            }
        } else {
            // vsftpd 3.0 postlogin.c handle_pasv: atoi of the argument, 1 or 2, and 2 only over
            // IPv6; anything else "522 Bad network protocol." (checked against vsftpd 3.0.3)
            long family = atoi(arg);
            if (family == 1 || family == 2 && ipv6) {
                pasv(true, out);
            } else {
                ServerSession.reply(out, 522, "Bad network protocol.");
            }
        }
    }

    /** C's atoi, as far as a family number needs it: blanks, a sign, then digits up to the first other character. */
    private static long atoi(String a) {
        int i = 0;
        while (i < a.length() && (a.charAt(i) == ' ' || a.charAt(i) == '\t')) {
            i++;
        }
        boolean minus = i < a.length() && a.charAt(i) == '-';
        if (i < a.length() && (a.charAt(i) == '-' || a.charAt(i) == '+')) {
            i++;
        }
        long v = 0;
        for (; i < a.length() && a.charAt(i) >= '0' && a.charAt(i) <= '9' && v < 1_000_000; i++) {
            v = v * 10 + (a.charAt(i) - '0');
        }
        return minus ? -v : v;
    }

    /** RFC 2428 §4: after EPSV ALL, "reject all data connection setup commands other than EPSV". */
    private boolean refusedByEpsvAll(String verb, List<Action> out) {
        if (epsvAll && proftpd()) {
            ServerSession.reply(out, 500, "Illegal " + verb + " command, EPSV ALL in effect"); // mod_core.c
            return true;
        }
        if (epsvAll && !verb.equals("EPRT")) {
            // vsftpd 3.0 postlogin.c process_post_login: PASV and PORT are dispatched only while
            // !epsv_all and fall through to the catch-all "550 Permission denied."; EPRT has no
            // such check and still runs (checked against vsftpd 3.0.3), against RFC 2428 section 4
            ServerSession.reply(out, 550, "Permission denied.");
            return true;
        }
        return false;
    }

    // ---- transfers ----

    /** True if a setup exists; otherwise answers RFC 959's 425 (RETR/STOR/LIST list 425, not 503). */
    boolean canTransfer(List<Action> out) {
        if (state.ready) {
            return true;
        }
        out.add(new Action.SendReply(opt.replies().noDataSetup()));
        return false;
    }

    ServerStates.Effect transfer(Transfer t, List<Action> out) {
        if (!canTransfer(out)) {
            if (t.upload()) {
                t.sink().close();
            }
            closeSource(t);
            return NONE;
        }
        pending = t;
        ServerStates.Data before = state;
        to(ServerStates.DataEvent.TRANSFER);
        out.add(new Action.CancelTimer(Timer.CONTROL_IDLE)); // vsftpd: no idle timeout during transfers
        if (before == ServerStates.Data.ACTIVE) {
            // Active data comes from the control connection's local address (RFC 959 §3.2: port L-1 = 20).
            out.add(new ConnectData(target, targetPort, localIp, opt.connectFromPort20() ? 20 : 0));
            out.add(new StartTimer(Timer.DATA_CONNECT, opt.dataConnectNanos()));
        } else if (before == ServerStates.Data.PASV_ACCEPTED) {
            return begin(true, out);
        } else {
            out.add(new StartTimer(Timer.DATA_CONNECT, opt.acceptNanos())); // vsftpd accept_timeout
        }
        return NONE;
    }

    /** Upload bytes arrived (real, or a bulk count when {@code bytes} is null): no actions follow. */
    void received(byte[] bytes, long length) {
        if (state == ServerStates.Data.TRANSFERRING && pending.upload() && length >= 0) {
            pending.sink().write(bytes, length);
            progressed = true;
        }
    }

    /** The peer took more of a download: progress for the stall timer, no actions follow. */
    void sent(long length) {
        if (state == ServerStates.Data.TRANSFERRING && length > 0) {
            progressed = true;
        }
    }

    ServerStates.Effect upload(FileSystem.Sink sink, Verb verb, String openText, List<Action> out) {
        return transfer(new Transfer(verb, null, 0, openText, sink, null), out);
    }

    /** The data connection is up (state TRANSFERRING): 150 and the bytes, or vsftpd's refusal of a foreign peer. */
    private ServerStates.Effect begin(boolean passive, List<Action> out) {
        Transfer t = pending;
        if (passive && !opt.pasvPromiscuous() && connectedPeer != peerIp) {
            // vsftpd privops.c vsf_privop_accept_pasv: vsf_sysutil_close(remote_fd), a normal close
            // (FIN, not RST); then ftpdataio.c vsf_ftpdataio_get_pasv_fd writes the 425.
            out.add(new CloseData(false));
            out.add(new Action.SendReply(opt.replies().badIp())); // vsftpd pasv_promiscuous=NO
            return end(out);
        }
        String text = t.openText() != null ? t.openText() : "Here comes the directory listing.";
        ServerSession.reply(out, 150, text);
        progressed = false;
        out.add(new StartTimer(Timer.DATA_STALL, opt.dataStallNanos()));
        if (!t.upload()) {
            if (t.length() > 0) {
                out.add(new SendData(t.bytes(), t.length(), t.source()));
            }
            out.add(new CloseData(false)); // the 226 waits for DataClosed: all bytes delivered
        }
        return NONE;
    }

    /** A host report or a data timer; returns what the session must do next. */
    ServerStates.Effect handle(Input in, List<Action> out) {
        ServerStates.Data st = state;
        if (in instanceof Input.DataListening l) {
            if (st == ServerStates.Data.PASV_OPENING && l.port() > 0 && l.port() <= 65535) {
                to(ServerStates.DataEvent.LISTENING);
                // PASV on an IPv6 control connection: vsftpd postlogin.c handle_pasv sends the
                // IPv4-mapped part of the local address, or 0,0,0,0 when it is a true IPv6 one.
                int ad = opt.pasvAddress() != 0 ? opt.pasvAddress() : ipv6 ? 0 : localIp;
                if (extended) {
                    ServerSession.reply(out, 229, "Entering Extended Passive Mode (|||" + l.port() + "|)");
                } else {
                    ServerSession.reply(out, 227, "Entering Passive Mode (" + Addresses.commaForm(ad, l.port()) + ").");
                }
                return RESUME;
            }
        } else if (in instanceof Input.DataListenFailed) {
            if (st == ServerStates.Data.PASV_OPENING && opt.pasvMaxPort() != 0
                    && opt.pasvPortChoice() == ServerOptions.PasvPortChoice.RANDOM_TRIES) {
                // vsftpd privops.c: die("vsf_sysutil_bind"); utility.c bug() writes "500 OOPS: "
                // and the text, then the session process exits.
                reset();
                ServerSession.reply(out, 500, "OOPS: vsf_sysutil_bind");
                return CLOSE;
            } else if (st == ServerStates.Data.PASV_OPENING) {
                to(ServerStates.DataEvent.LISTEN_FAILED);
                ServerSession.reply(out, 425, "Can't open data connection.");
                return RESUME;
            }
        } else if (in instanceof Input.DataConnected c) {
            return connected(c, out);
        } else if (in instanceof Input.DataConnectFailed) {
            if (st == ServerStates.Data.CONNECTING) {
                return failConnect(ServerStates.DataEvent.CONNECT_FAILED,
                        proftpd() ? proftpdConnectFailed(((Input.DataConnectFailed) in).reason()) : CONNECT_REFUSED, out);
            }
        } else if (in instanceof Input.DataReceived r) {
            received(r.bytes(), r.bytes() != null ? r.bytes().length : r.length());
        } else if (in instanceof Input.DataSent s) {
            sent(s.length());
        } else if (in instanceof Input.TimerFired t && t.timer() == Timer.DATA_STALL) {
            return stallTimer(out);
        } else if (in instanceof Input.DataClosed c) {
            return closed(c.error(), out);
        } else if (in instanceof Input.TimerFired t && t.timer() == Timer.DATA_CONNECT) {
            if (st == ServerStates.Data.CONNECTING || st == ServerStates.Data.ACCEPTING) {
                return failConnect(ServerStates.DataEvent.CONNECT_TIMEOUT, opt.replies().openTimeout(), out);
            }
        }
        return NONE;
    }

    private ServerStates.Effect connected(Input.DataConnected c, List<Action> out) {
        ServerStates.Data before = state;
        to(ServerStates.DataEvent.CONNECTED);
        boolean wanted = before == ServerStates.Data.CONNECTING || before == ServerStates.Data.PASV_LISTENING
                || before == ServerStates.Data.ACCEPTING;
        if (!wanted) {
            out.add(new CloseData(true)); // stray connection: not ours to keep (the table says what it drops)
            if (state == ServerStates.Data.IDLE) {
                reset();
            }
            return NONE;
        }
        connectedPeer = c.peerIpv4(); // one connection per listen, as vsftpd accepts one
        if (before != ServerStates.Data.PASV_LISTENING) {
            out.add(new CancelTimer(Timer.DATA_CONNECT));
            return begin(before == ServerStates.Data.ACCEPTING, out);
        }
        return NONE;
    }

    /** The data connection did not open: {@code reply}, or with none the session ends (proftpd). */
    private ServerStates.Effect failConnect(ServerStates.DataEvent e, Reply reply, List<Action> out) {
        to(e);
        out.add(new CloseData(true));
        if (reply == null) {
            end(out);
            return CLOSE; // proftpd data.c stalled_timeout_cb: pr_session_disconnect
        }
        out.add(new Action.SendReply(reply));
        return end(out);
    }

    private ServerStates.Effect closed(boolean error, List<Action> out) {
        ServerStates.Data before = state;
        to(ServerStates.DataEvent.CLOSED);
        if (before == ServerStates.Data.TRANSFERRING) {
            Transfer t = pending;
            if (t.upload()) {
                t.sink().close();
                if (t.sink().failed()) {
                    // vsftpd postlogin.c handle_upload_common: the file's failure is told first
                    ServerSession.reply(out, 451, "Failure writing to local file.");
                } else {
                    ServerSession.reply(out, error ? 426 : 226, error && proftpd() ? ABORTED
                            : error ? "Failure reading network stream."
                            : proftpd() ? "Transfer complete" : "Transfer complete.");
                }
            } else if (error) {
                ServerSession.reply(out, 426, proftpd() ? ABORTED : "Failure writing network stream.");
            } else {
                // proftpd 1.3.8 src/data.c pr_data_close, mod_ls.c, mod_facts.c: one text for all
                ServerSession.reply(out, 226, proftpd() ? "Transfer complete"
                        : t.verb() == Verb.RETR ? "Transfer complete." : "Directory send OK.");
            }
            return end(out);
        }
        return NONE; // an early passive connection that went away before the command needs no reply
    }

    /** Lazy stall timer: restarted only on expiry, if data moved since (no action per segment). */
    private ServerStates.Effect stallTimer(List<Action> out) {
        if (state != ServerStates.Data.TRANSFERRING) {
            return NONE;
        }
        if (progressed) {
            progressed = false;
            out.add(new StartTimer(Timer.DATA_STALL, opt.dataStallNanos()));
            return NONE;
        }
        if (pending.upload()) {
            pending.sink().close();
        }
        out.add(new CloseData(true));
        if (opt.replies().stalled() != null) {
            out.add(new Action.SendReply(opt.replies().stalled())); // vsftpd then ends the session
        }
        reset();
        return CLOSE;
    }

    /** ABOR, RFC 959 §4.1.3: 426 for the aborted transfer, then 226; 225 if none ran. */
    ServerStates.Effect abort(List<Action> out) {
        if (!state.busy) {
            drop(out);
            // vsftpd postlogin.c; proftpd 1.3.8 mod_xfer.c xfer_abor (checked against proftpd 1.3.8)
            ServerSession.reply(out, proftpd() ? 226 : 225, proftpd() ? "Abort successful" : "No transfer to ABOR.");
            return NONE;
        }
        out.add(new CloseData(true));
        out.add(new CancelTimer(Timer.DATA_CONNECT));
        if (pending.upload()) {
            pending.sink().close();
        }
        if (proftpd()) {
            // src/data.c pr_data_abort, then mod_xfer.c xfer_abor
            ServerSession.reply(out, 426, "Transfer aborted. Data connection closed");
            ServerSession.reply(out, 226, "Abort successful");
        } else {
            ServerSession.reply(out, 426, "Connection closed; transfer aborted.");
            ServerSession.reply(out, 226, "ABOR successful.");
        }
        return end(out);
    }

    /** Closes everything (QUIT, timeout, control lost). */
    void close(List<Action> out, boolean abort) {
        if (pending != null && pending.upload() && state.busy) {
            pending.sink().close();
        }
        if (state.open) {
            out.add(new CloseData(abort));
        }
        reset();
    }

    private void drop(List<Action> out) {
        if (state.holdsSocket) {
            out.add(new CloseData(true));
        }
        reset();
    }

    private ServerStates.Effect end(List<Action> out) {
        out.add(new CancelTimer(Timer.DATA_STALL));
        reset();
        return ENDED;
    }

    private static void closeSource(Transfer t) {
        if (t.source() != null) {
            try {
                t.source().close();
            } catch (java.io.IOException e) {
                // only read from: nothing to lose
            }
        }
    }

    private void reset() {
        if (pending != null) {
            closeSource(pending); // never sent, ended, or aborted: a host still reading it stops
        }
        to(ServerStates.DataEvent.END);
        pending = null;
    }
}
