package dev.ftpsim.ftp.protocol;

import dev.ftpsim.ftp.protocol.Action.CancelTimer;
import dev.ftpsim.ftp.protocol.Action.CloseControl;
import dev.ftpsim.ftp.protocol.Action.CloseData;
import dev.ftpsim.ftp.protocol.Action.SendReply;
import dev.ftpsim.ftp.protocol.Action.StartTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One server-side FTP session: control bytes and data events in, actions out.
 *
 * <p>Theory of operation. {@link #start()} greets. {@link #handle(Input)} feeds the line decoder
 * and runs each complete command: first the access gate ({@link ServerStates#GATE}, RFC 959's
 * "530 Not logged in"), then the verb's handler from the verb table ({@link ServerVerbs}, one entry
 * per verb, checked when the class loads), which emits actions and returns an
 * {@link ServerStates.Effect}; then the one transition function {@link ServerStates#next} moves
 * the login state. The data channel ({@link ServerData}) has its own state in the same tables
 * ({@code ServerStates.DATA_NEXT}) and reports back through the same effects. While a passive
 * listen is being opened the session pauses (as h11 does): pipelined commands wait, so replies
 * stay in command order. Nothing here throws on peer input.
 */
public final class ServerSession {

    /** vsftpd postlogin.c's 550 (FTP_NOPERM) for a writing command the user may not run. */
    static final String DENIED = "Permission denied.";

    private final ServerOptions opt;
    final FileSystem fs;
    private final LineDecoder lines;
    final ServerData data;
    private final int peerIp;
    private final int localIp;
    private final dev.ftpsim.core.net.Ipv6Addresses v6;
    /** proftpd's too-long command reads in a row (src/main.c pr_cmd_read's too_large_count). */
    private int tooLong;
    /** The command word of the command running, as sent. */
    String word = "";

    private ServerStates.Login state = ServerStates.Login.NEED_USER;
    final ServerLogin login;
    private String cwd = "/";
    // TYPE: RFC 959 §3.1.1.1 makes ASCII the default. Like vsftpd (ascii_download_enable=NO,
    // ascii_upload_enable=NO) we send file bytes unchanged in both types; TYPE only changes replies.
    private boolean binary;
    private String renameFrom;
    private final ServerFacts facts;
    private long restOffset;
    private boolean quitPending;
    final ServerSecurity security;

    /**
     * @param opt     the server's settings and reply texts
     * @param fs      the files it serves
     * @param localIp the control connection's local address (active data comes from it, 227 names it)
     * @param peerIp  the control peer's address (PORT/EPRT and passive peers are checked against it)
     * @param rng     chooses passive ports in the configured range (injected: deterministic runs)
     */
    public ServerSession(ServerOptions opt, FileSystem fs, int localIp, int peerIp, RandomGenerator rng) {
        this(opt, fs, localIp, peerIp, rng, null);
    }

    /**
     * As above, on a control connection that may be IPv6: {@code v6} holds the network's IPv6
     * addresses, so that EPRT {@code |2|} can name the peer (null when the network has none).
     */
    public ServerSession(ServerOptions opt, FileSystem fs, int localIp, int peerIp, RandomGenerator rng,
            dev.ftpsim.core.net.Ipv6Addresses v6) {
        this.opt = opt;
        this.fs = fs;
        this.peerIp = peerIp;
        this.localIp = localIp;
        this.v6 = v6;
        this.lines = new LineDecoder(opt.maxLine());
        this.login = new ServerLogin(opt);
        this.security = new ServerSecurity(opt);
        this.facts = new ServerFacts(opt.dialect() == ServerOptions.Dialect.PROFTPD);
        this.data = new ServerData(opt, localIp, peerIp, rng, v6);
    }

    /** The greeting (RFC 959 §5.4: 220 on connection) and the idle timer. */
    public List<Action> start() {
        var out = new ArrayList<Action>(2);
        if (proftpd()) {
            // proftpd 1.3.8 src/session.c pr_session_send_banner: "ProFTPD Server (%s) [%s]", the
            // ServerName and the local address as UseIPv6 on (the default) prints it: an IPv4
            // one as ::ffff:a.b.c.d (checked against proftpd 1.3.8)
            String local = dev.ftpsim.core.net.Ipv6.isId(localIp)
                    ? (v6 != null ? v6.format(localIp) : "::")
                    : "::ffff:" + dev.ftpsim.core.net.Ipv4.format(localIp);
            reply(out, 220, opt.banner() + " [" + local + "]");
        } else {
            reply(out, 220, opt.banner());
        }
        out.add(new StartTimer(Timer.CONTROL_IDLE, opt.idleNanos()));
        if (opt.loginNanos() > 0) {
            out.add(new StartTimer(Timer.LOGIN, opt.loginNanos())); // proftpd TimeoutLogin, from connect
        }
        return out;
    }

    /** What a host sends instead of {@link #start()} when it already serves maxSessions (vsftpd max_clients). */
    public static List<Action> refuse(ServerOptions opt) {
        return List.of(new SendReply(opt.replies().tooMany()), new CloseControl());
    }

    /** Feeds one input; returns the actions to perform in order. */
    public List<Action> handle(Input in) {
        var out = new ArrayList<Action>(4);
        if (state == ServerStates.Login.CLOSED) {
            return out;
        }
        if (in instanceof Input.ControlBytes b) {
            lines.feed(b.bytes(), 0, b.bytes().length);
        } else if (in instanceof Input.ControlClosed) {
            close(out, false);
            return out;
        } else if (in instanceof Input.ServiceShutdown) {
            // RFC 959 section 4.2's text for 421; a running transfer is aborted with it.
            reply(out, 421, "Service not available, closing control connection.");
            close(out, true);
            return out;
        } else if (in instanceof Input.TimerFired t && t.timer() == Timer.NO_TRANSFER) {
            if (!data.busy() && state == ServerStates.Login.READY) {
                // proftpd mod_xfer.c noxfer_timeout_cb
                reply(out, 421, "No transfer timeout (" + opt.noTransferNanos() / 1_000_000_000L
                        + " seconds): closing control connection");
                close(out, true);
                return out;
            }
        } else if (in instanceof Input.TimerFired t && t.timer() == Timer.LOGIN) {
            if (state != ServerStates.Login.READY) {
                // proftpd 1.3.8 mod_auth.c auth_login_timeout_cb
                long sec = opt.loginNanos() / 1_000_000_000L;
                reply(out, 421, "Login timeout (" + sec + (sec != 1 ? " seconds" : " second")
                        + "): closing control connection");
                close(out, true);
                return out;
            }
        } else if (in instanceof Input.TimerFired t && t.timer() == Timer.CONTROL_IDLE) {
            if (!data.busy()) {
                // vsftpd idle_session_timeout; proftpd's text names TimeoutIdle (%d)
                out.add(new SendReply(withSeconds(opt.replies().idle(), opt.idleNanos())));
                close(out, true);
                return out;
            }
        } else {
            apply(data.handle(in, out), out);
        }
        drain(out);
        return out;
    }

    /**
     * Bulk data progress, which never produces actions: the same as {@code handle(new
     * DataReceived(null, n))} or {@code handle(new DataSent(n))}, without allocating, for hosts
     * that report every segment.
     */
    public void bulkReceived(long n) {
        if (state != ServerStates.Login.CLOSED) {
            data.received(null, n);
        }
    }

    /** See {@link #bulkReceived}. */
    public void bulkSent(long n) {
        if (state != ServerStates.Login.CLOSED) {
            data.sent(n);
        }
    }

    /** Runs complete command lines unless paused by a pending passive listen. */
    private void drain(List<Action> out) {
        boolean ran = false;
        while (state != ServerStates.Login.CLOSED && !data.pausing()) {
            String l = lines.next();
            if (l == null) {
                break;
            }
            ran = true;
            command(l, out);
        }
        if (ran && state != ServerStates.Login.CLOSED && !data.busy()) {
            out.add(new StartTimer(Timer.CONTROL_IDLE, opt.idleNanos())); // restart on activity
        }
    }

    /** A reply whose text may hold {@code %d}: the number of seconds of {@code nanos}. */
    static Reply withSeconds(Reply r, long nanos) {
        if (r == null || r.lines().size() != 1 || !r.lines().get(0).contains("%d")) {
            return r;
        }
        return Reply.of(r.code(), r.lines().get(0).replace("%d", Long.toString(nanos / 1_000_000_000L)));
    }

    boolean proftpd() {
        return opt.dialect() == ServerOptions.Dialect.PROFTPD;
    }

    private void command(String line, List<Action> out) {
        if (proftpd()) {
            if (line == LineDecoder.TOO_LONG) {
                // proftpd 1.3.8 src/netio.c pr_netio_telnet_gets2 and src/main.c pr_cmd_read: a line
                // over CommandBufferSize is ignored without a reply (E2BIG) and read on; more than
                // three such reads in a row end the session. A line over the limit is at least two
                // reads (its first buffer, then its rest), so the second in a row ends it.
                if (++tooLong >= 2) {
                    apply(ServerStates.Effect.CLOSE, out);
                }
                return;
            }
            tooLong = 0;
            if (line.isEmpty() || " \t\n\u000b\f\r".indexOf(line.charAt(0)) >= 0) { // C's isspace
                // src/main.c make_ftp_cmd returns NULL for an empty line or leading white space,
                // and cmd_loop answers it (checked against proftpd 1.3.8)
                reply(out, 500, "Invalid command: try being more creative");
                return;
            }
        }
        if (line == LineDecoder.TOO_LONG) {
            Reply r = opt.replies().lineTooLong();
            if (r == null) {
                reply(out, 500, "Command line too long.");
            } else {
                out.add(new SendReply(r)); // vsftpd: and the session ends
                apply(ServerStates.Effect.CLOSE, out);
            }
            return;
        }
        if (line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
            // A CR or NUL inside a line cannot be echoed in a reply (RFC 959 App. II escapes it as
            // CR NUL); we refuse such arguments instead of passing them to the file system.
            reply(out, 501, "Syntax error in parameters or arguments.");
            return;
        }
        // vsftpd 3.0 (ftpcmdio.c) splits at the first space only, so "NOOP\t" is an unknown
        // command; proftpd 1.3.8 (src/str.c pr_str_get_word) at the first of C's isspace
        // characters; neither trims anything else, so "NOOP\u001c" is unknown to both (checked
        // against vsftpd 3.0.3 and proftpd 1.3.8)
        int sp = proftpd() ? firstCSpace(line) : line.indexOf(' ');
        String word = sp < 0 ? line : line.substring(0, sp);
        this.word = word;
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        if (word.isEmpty() && arg.isEmpty()) {
            // vsftpd prelogin.c and postlogin.c: "Deliberately ignore to avoid NAT device bugs.
            // ProFTPd does the same." No reply, so replies stay paired with the commands sent.
            return;
        }
        Verb v = Verb.of(word);
        if (proftpd() && (OTHER_PROTOCOLS.contains(word) || word.startsWith("SSH-2.0-") || word.startsWith("SSH-1.99-"))) {
            // proftpd 1.3.8 src/main.c cmd_loop (Bug#4143): an HTTP, SMTP or SSH command ends the
            // session without a reply, before login or after it (src/cmd.c pr_cmd_is_http/smtp/ssh2
            // compare the word as sent: "get" is an unknown FTP command; checked against proftpd 1.3.8)
            apply(ServerStates.Effect.CLOSE, out);
            return;
        }
        if (proftpd() && state != ServerStates.Login.READY && !proftpdBeforeLogin(v, word)) {
            // mod_auth.c auth_cmd_chk_cb, for every command whose cmdtable entry requires auth
            reply(out, 530, "Please login with USER and PASS");
            return;
        }
        if (opt.loginFirst() && state != ServerStates.Login.READY && !beforeLogin(v)) {
            reply(out, 530, "Please login with USER and PASS."); // vsftpd prelogin.c
            return;
        }
        if (opt.loginFirst() && v == Verb.UNKNOWN && HTTP_VERBS.contains(Verb.asciiUpper(word))) {
            // vsftpd postlogin.c process_post_login: a browser or a cross-protocol request
            out.add(new SendReply(Reply.of(500, "HTTP protocol commands not allowed.")));
            apply(ServerStates.Effect.CLOSE, out);
            return;
        }
        switch (proftpd() ? ServerStates.Gate.RUN : ServerStates.GATE[state.ordinal()][v.access.ordinal()]) {
            case RUN -> { }
            case NOT_LOGGED_IN -> {
                reply(out, 530, "Please login with USER and PASS.");
                return;
            }
        }
        if (data.busy() && ServerStates.DATA_VERBS.contains(v)) {
            // RFC 959 §5.4 has no reply for this; one transfer per session, as in vsftpd.
            reply(out, 503, "Transfer in progress.");
            return;
        }
        // RFC 959 §4.1.3: RNTO must immediately follow RNFR, so any command consumes the RNFR.
        String from = renameFrom;
        renameFrom = null;
        apply(ServerVerbs.run(this, v, arg, from, out), out);
    }

    /** src/cmd.c http_ids and smtp_ids: commands of other protocols that proftpd disconnects on. */
    private static final java.util.Set<String> OTHER_PROTOCOLS = java.util.Set.of("CONNECT", "DELETE", "GET",
            "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "DATA", "EHLO", "HELO", "MAIL", "RCPT", "RSET", "VRFY");

    /**
     * The commands proftpd 1.3.8 runs before login: those whose cmdtable entry does not require
     * auth (mod_core.c HELP, SYST, QUIT, NOOP, FEAT, OPTS, HOST, CLNT; mod_auth.c USER, PASS,
     * ACCT, REIN; mod_xfer.c TYPE); an unknown command gets its 500 (src/main.c).
     */
    private boolean proftpdBeforeLogin(Verb v, String word) {
        return switch (v) {
            case USER, PASS, ACCT, QUIT, NOOP, FEAT, HELP, SYST, OPTS, TYPE, UNKNOWN, CLNT, HOST, LANG -> true;
            case UNIMPLEMENTED -> Verb.asciiUpper(word).equals("REIN");
            case AUTH, PBSZ, PROT -> opt.tls(); // mod_tls, when loaded
            default -> false;
        };
    }

    private static int firstCSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (" \t\u000b\f".indexOf(line.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static final java.util.Set<String> HTTP_VERBS = java.util.Set.of("GET", "POST", "HEAD", "OPTIONS", "CONNECT");

    /** What vsftpd's prelogin.c runs before login; the TLS verbs only where TLS is on. */
    private boolean beforeLogin(Verb v) {
        return switch (v) {
            case USER, PASS, QUIT, FEAT, OPTS -> true;
            case AUTH, PBSZ, PROT -> opt.tls();
            default -> false;
        };
    }

    /** The one place the login state moves, for a command's effect and the data channel's alike. */
    private void apply(ServerStates.Effect e, List<Action> out) {
        ServerStates.Login before = state;
        state = ServerStates.next(state, e);
        if (state == ServerStates.Login.CLOSED && before != ServerStates.Login.CLOSED) {
            close(out, true); // QUIT, lockout, or the data channel's stall or vsftpd's 500 OOPS
        } else if (e == ServerStates.Effect.LOGIN_OK) {
            String home = login.home();
            FileSystem.Entry dir = home.equals("/") ? null : fs.stat(home);
            cwd = dir != null && dir.directory() ? home : "/"; // vsftpd: chdir to the account's home
            if (opt.loginNanos() > 0) {
                out.add(new CancelTimer(Timer.LOGIN)); // mod_auth.c auth_post_pass removes it
            }
            noTransferTimer(out);
        } else if (e == ServerStates.Effect.TRANSFER_ENDED) {
            transferEnded(out);
        } else if (e == ServerStates.Effect.RESUME) {
            drain(out); // a passive listen was answered: run pipelined commands
        }
    }

    // ---- the verbs' handlers (package-private: ServerVerbs' table calls them) ----

    ServerStates.Effect quit(List<Action> out) {
        if (data.busy()) {
            quitPending = true; // RFC 959 QUIT: reply after the transfer's own reply
            return ServerStates.Effect.NONE;
        }
        reply(out, 221, "Goodbye.");
        return ServerStates.Effect.CLOSE;
    }

    /** Whether EPSV/EPRT are served; a server without them answers 502 (RFC 959 section 4.2). */
    boolean extended(List<Action> out) {
        if (!opt.extended()) {
            reply(out, 502, "Command not implemented.");
        }
        return opt.extended();
    }

    void feat(List<Action> out) {
        // RFC 2389 §3.2 form; vsftpd features.c sends its list in this order, UTF8 only with
        // utf8_filesystem
        var lines = new java.util.ArrayList<String>();
        lines.add("Features:");
        if (proftpd()) {
            // proftpd 1.3.8 mod_core.c core_feat: what the modules pr_feat_add, sorted, PASV not
            // among them; sent "CLNT CSID EPRT EPSV HOST LANG C.UTF-8* MDTM MFF ... MFMT MLST ...
            // RANG STREAM REST STREAM SIZE TVFS UTF8" (the engine has no CSID, MFF or RANG)
            lines.add(" CLNT");
            if (opt.extended()) {
                lines.addAll(List.of(" EPRT", " EPSV"));
            }
            lines.addAll(List.of(" HOST", " LANG C.UTF-8*", " MDTM", " MFMT"));
            if (opt.mlst()) {
                lines.add(facts.featLine());
            }
            lines.addAll(List.of(" REST STREAM", " SIZE", " TVFS"));
        } else {
            if (opt.extended()) {
                lines.addAll(List.of(" EPRT", " EPSV"));
            }
            lines.add(" MDTM");
            if (opt.mlst()) {
                lines.add(facts.featLine());
            }
            lines.addAll(List.of(" PASV", " REST STREAM", " SIZE", " TVFS"));
        }
        if (opt.utf8()) {
            lines.add(" UTF8");
        }
        lines.add("End");
        out.add(new SendReply(new Reply(211, lines)));
    }

    /** The control connection's local address as text: IPv4 dotted, IPv6 as the network writes it. */
    String localAddress() {
        return dev.ftpsim.core.net.Ipv6.isId(localIp) ? (v6 != null ? v6.format(localIp) : "::")
                : dev.ftpsim.core.net.Ipv4.format(localIp);
    }

    /**
     * proftpd 1.3.8 mod_core.c core_host (RFC 7151): before login, the server's own address names
     * this server; any other name "504 NAME: Unknown hostname provided"; after login "503 Bad
     * sequence of commands"; without an argument "500 'HOST' not understood" (checked against
     * proftpd 1.3.8).
     */
    void host(String arg, List<Action> out) {
        if (arg.isEmpty()) {
            reply(out, 500, "'HOST' not understood");
        } else if (state == ServerStates.Login.READY) {
            reply(out, 503, "Bad sequence of commands");
        } else {
            String a = arg.startsWith("[") && arg.endsWith("]") ? arg.substring(1, arg.length() - 1) : arg;
            String local = localAddress();
            if (a.equalsIgnoreCase(local) || a.equalsIgnoreCase("::ffff:" + local)) {
                reply(out, 220, "HOST command successful");
            } else {
                reply(out, 504, arg + ": Unknown hostname provided");
            }
        }
    }

    /**
     * proftpd 1.3.8 mod_lang.c lang_lang (RFC 2640): without an argument the default language;
     * C.UTF-8 is the only one the engine has ("LANG en": "504 Language en not supported"; checked
     * against proftpd 1.3.8).
     */
    void lang(String arg, List<Action> out) {
        if (arg.isEmpty() || arg.equalsIgnoreCase("C.UTF-8")) {
            reply(out, 200, "Using default language C.UTF-8");
        } else {
            reply(out, 504, "Language " + arg + " not supported");
        }
    }

    /**
     * proftpd 1.3.8 mod_facts.c facts_mfmt: "MFMT YYYYMMDDhhmmss path" sets the file's time, "213
     * Modify=TIME; path"; fewer than two words "501 Invalid number of parameters", a time not of 14
     * digits "501 TIME: Invalid argument", no such file "550 path: No such file or directory", a
     * file whose time may not be set "501 path: Operation not permitted", a user who may not write
     * "550 Unable to handle command" (checked against proftpd
     * 1.3.8: lftp sends it after each upload).
     */
    void mfmt(String arg, List<Action> out) {
        String a = arg.trim();
        int sp = a.indexOf(' ');
        if (sp < 0) {
            reply(out, 501, "Invalid number of parameters");
            return;
        }
        String time = a.substring(0, sp);
        String name = a.substring(sp + 1);
        long epoch = ServerFiles.parseMdtm(time);
        if (epoch == Long.MIN_VALUE) {
            reply(out, 501, time + ": Invalid argument");
            return;
        }
        String path = ServerFiles.resolve(cwd, name);
        if (fs.stat(path) == null) {
            reply(out, 550, name + ": " + NO_SUCH_FILE);
        } else if (!mayWrite()) {
            // under <Limit WRITE> DenyAll (checked against proftpd 1.3.8)
            reply(out, 550, "Unable to handle command");
        } else if (!fs.setMtime(path, epoch)) {
            reply(out, 501, name + ": Operation not permitted");
        } else {
            reply(out, 213, "Modify=" + time + "; " + name);
        }
    }

    /**
     * proftpd 1.3.8 mod_site.c: SITE HELP, CHMOD and CHGRP (checked against proftpd 1.3.8: "SITE
     * HELP"; "SITE CHMOD 600 up/own.txt" 200, "... up/nope" 550 "up/nope: No such file or
     * directory", mode 999 "550 '999': invalid mode", "SITE CHMOD 600" the two-line 500, under
     * {@code <Limit WRITE> DenyAll} "550 CHMOD 600 ro/h.bin: Permission denied"; "SITE FOO" "500
     * 'SITE FOO' not understood"; "SITE" "500 'SITE' requires parameters"). The engine keeps no
     * modes or groups: a CHMOD or CHGRP that proftpd would allow changes nothing here. CHGRP's
     * refusal is CHMOD's by analogy, not checked.
     */
    void site(String arg, List<Action> out) {
        if (arg.isEmpty()) {
            reply(out, 500, "'SITE' requires parameters");
            return;
        }
        String[] w = arg.split("[ \t]+", 3);
        String sub = Verb.asciiUpper(w[0]);
        String shown = "SITE " + sub + (w.length > 1 ? " " + arg.substring(w[0].length()).trim() : "");
        if (sub.equals("HELP")) {
            out.add(new SendReply(new Reply(214, List.of(
                    "The following SITE commands are recognized (* =>'s unimplemented)",
                    " HELP", " CHGRP", " CHMOD", "Direct comments to root@" + localAddress()))));
        } else if ((sub.equals("CHMOD") || sub.equals("CHGRP")) && w.length == 3) {
            String name = w[2];
            if (!mayWrite()) {
                reply(out, 550, sub + " " + w[1] + " " + name + ": Permission denied");
            } else if (sub.equals("CHMOD") && !w[1].matches("[0-7]{1,4}")) {
                reply(out, 550, "'" + w[1] + "': invalid mode");
            } else if (fs.stat(ServerFiles.resolve(cwd, name)) == null) {
                reply(out, 550, name + ": " + NO_SUCH_FILE);
            } else {
                reply(out, 200, "SITE " + sub + " command successful");
            }
        } else if (sub.equals("CHMOD") || sub.equals("CHGRP")) {
            out.add(new SendReply(new Reply(500, List.of("'" + shown + "' not understood", "SITE not understood"))));
        } else {
            reply(out, 500, "'" + shown + "' not understood");
        }
    }

    void opts(String arg, List<Action> out) {
        if (opt.mlst() && arg.regionMatches(true, 0, "MLST", 0, 4)) {
            out.add(new SendReply(facts.opts(arg.substring(4))));
        } else if (arg.equalsIgnoreCase("UTF8 ON")) {
            // vsftpd opts.c; proftpd 1.3.8 mod_lang.c lang_utf8 (checked against proftpd 1.3.8)
            reply(out, 200, proftpd() ? "UTF8 set to on" : "Always in UTF8 mode.");
        } else {
            reply(out, 501, "Option not understood.");
        }
    }

    ServerStates.Effect list(Verb v, String arg, List<Action> out) {
        if (!data.canTransfer(out)) {
            return ServerStates.Effect.NONE;
        }
        String path = ServerFiles.resolve(cwd, ServerFiles.listTarget(arg));
        byte[] text = ServerFiles.listing(fs, path, v == Verb.NLST, proftpd());
        return data.transfer(new ServerData.Transfer(v, text, text.length, listingOpenText("file list")), out);
    }

    /**
     * A listing's 150: proftpd 1.3.8 src/data.c pr_data_open names the session's type and mod_ls.c's
     * "file list" or mod_facts.c's "MLSD" (checked against proftpd 1.3.8); null: vsftpd's own.
     */
    private String listingOpenText(String what) {
        return proftpd() ? "Opening " + (binary ? "BINARY" : "ASCII") + " mode data connection for " + what : null;
    }

    // ---- files ----

    boolean mayWrite() {
        return !login.anonymous() || opt.anonymousWrite();
    }

    /**
     * Whether the argument names its path as the kernel walks it (see {@link ServerFiles#walks});
     * proftpd resolves a path itself first, and serves "RETR a.txt/" (checked against proftpd 1.3.8).
     */
    boolean walks(String arg) {
        return proftpd() || ServerFiles.walks(fs, cwd, arg);
    }

    void cwd(Verb v, String arg, String path, List<Action> out) {
        FileSystem.Entry e = fs.stat(path);
        if (e != null && e.directory() && walks(arg)) {
            cwd = path;
            // proftpd 1.3.8 mod_core.c core_chdir: "%s command successful" with the verb
            reply(out, 250, proftpd() ? v.name() + " command successful" : "Directory successfully changed.");
        } else if (proftpd()) {
            // core_chdir: "%s: %s", the argument as sent and strerror of chdir's errno
            reply(out, 550, arg + ": " + (e == null ? NO_SUCH_FILE : "Not a directory"));
        } else {
            reply(out, 550, "Failed to change directory.");
        }
    }

    /** strerror(ENOENT), which proftpd puts after the path in its 550 replies. */
    static final String NO_SUCH_FILE = "No such file or directory";

    /** SMNT, REIN, LPRT, LPSV: what each server says to those it does not implement. */
    void unimplemented(List<Action> out) {
        String w = Verb.asciiUpper(word);
        boolean named = w.equals("SMNT") || w.equals("REIN");
        if (!named) {
            // neither server knows LPRT or LPSV (vsftpd postlogin.c, proftpd src/main.c)
            reply(out, 500, proftpd() ? w + " not understood" : "Unknown command.");
        } else if (proftpd()) {
            reply(out, 502, w + " command not implemented"); // mod_xfer.c xfer_smnt, mod_auth.c auth_rein
        } else {
            reply(out, 502, w + " not implemented."); // vsftpd 3.0 postlogin.c (checked against vsftpd 3.0.3)
        }
    }

    void type(String arg, List<Action> out) {
        if (proftpd()) {
            proftpdType(arg, out);
            return;
        }
        String a = arg.toUpperCase(java.util.Locale.ROOT);
        if (a.equals("I") || a.equals("L 8")) {
            binary = true;
            reply(out, 200, "Switching to Binary mode.");
        } else if (a.equals("A") || a.equals("A N")) {
            binary = false;
            reply(out, 200, "Switching to ASCII mode.");
        } else {
            reply(out, 504, "Command not implemented for that parameter."); // RFC 959 §4.2.1
        }
    }

    /**
     * proftpd 1.3.8 mod_xfer.c xfer_type: one or two words, the first's first letter in any case;
     * the reply names the argument as sent (checked against proftpd 1.3.8).
     */
    private void proftpdType(String arg, List<Action> out) {
        String[] w = arg.isBlank() ? new String[0] : arg.trim().split("[ \t]+");
        if (w.length < 1 || w.length > 2) {
            reply(out, 500, "'" + ("TYPE " + arg).trim() + "' not understood");
            return;
        }
        String t = Character.toUpperCase(w[0].charAt(0)) + w[0].substring(1);
        if (t.equals("A") || w.length == 2 && t.equals("L") && w[1].equals("7")) {
            binary = false;
        } else if (t.equals("I") || w.length == 2 && t.equals("L") && w[1].equals("8")) {
            binary = true;
        } else {
            reply(out, 504, "TYPE not implemented for '" + w[0] + "' parameter");
            return;
        }
        reply(out, 200, "Type set to " + w[0]);
    }

    /**
     * proftpd 1.3.8 mod_xfer.c xfer_rest: parse_offset takes digits only (strtoull, so a huge
     * number saturates), and a position other than 0 is refused in ASCII mode.
     */
    private void proftpdRest(String arg, List<Action> out) {
        if (arg.isEmpty() || arg.indexOf(' ') >= 0) {
            reply(out, 500, "'" + ("REST " + arg).trim() + "' not understood");
            return;
        }
        java.math.BigInteger v = arg.chars().allMatch(c -> c >= '0' && c <= '9') ? new java.math.BigInteger(arg) : null;
        if (v == null) {
            reply(out, 501, "REST requires a value greater than or equal to 0");
            return;
        }
        java.math.BigInteger max = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        v = v.min(max);
        if (!binary && v.signum() != 0) {
            reply(out, 501, "REST: Resuming transfers not allowed in ASCII mode");
            return;
        }
        restOffset = v.bitLength() < 63 ? v.longValue() : Long.MAX_VALUE;
        reply(out, 350, "Restarting at " + v + ". Send STORE or RETRIEVE to initiate transfer");
    }

    void rest(String arg, List<Action> out) {
        if (proftpd()) {
            proftpdRest(arg, out);
            return;
        }
        // vsftpd 3.0 handle_rest (str_a_to_filesize_t): up to 15 digits and nothing else, or 0;
        // every REST is "350 Restart position accepted (N)." (checked against vsftpd 3.0.3)
        int n = arg.length();
        long v = n <= 15 ? 0 : -1;
        for (int i = 0; i < n && v >= 0; i++) {
            char c = arg.charAt(i);
            v = c >= '0' && c <= '9' ? v * 10 + (c - '0') : -1;
        }
        if (v < 0) {
            v = 0;
        }
        restOffset = v;
        reply(out, 350, "Restart position accepted (" + v + ").");
    }

    ServerStates.Effect retr(String arg, String path, List<Action> out) {
        if (proftpd()) {
            // proftpd 1.3.8 mod_xfer.c xfer_pre_retr/xfer_retr: the file is checked before the
            // data connection is opened (checked against proftpd 1.3.8)
            FileSystem.Entry f = fs.stat(path);
            if (f == null || f.directory()) {
                restOffset = 0;
                reply(out, 550, arg + ": " + (f == null ? NO_SUCH_FILE : "Not a regular file"));
                return ServerStates.Effect.NONE;
            }
        }
        if (!data.canTransfer(out)) {
            restOffset = 0;
            return ServerStates.Effect.NONE;
        }
        if (!proftpd() && !binary && restOffset != 0) {
            // vsftpd 3.0 postlogin.c handle_retr, after the data setup check (checked against
            // vsftpd 3.0.3: TYPE A, REST 3, PASV, RETR a.txt)
            restOffset = 0;
            reply(out, 550, "No support for resume of ASCII transfer.");
            return ServerStates.Effect.NONE;
        }
        FileSystem.Entry e = fs.stat(path);
        if (e == null || e.directory() || !walks(arg)) {
            restOffset = 0;
            reply(out, 550, "Failed to open file."); // vsftpd: checked before the data connection
            return ServerStates.Effect.NONE;
        }
        long off = Math.min(restOffset, e.size());
        restOffset = 0;
        java.nio.channels.ReadableByteChannel source = fs.streams() ? fs.open(path, off) : null;
        if (fs.streams() && source == null) {
            reply(out, 550, "Failed to open file."); // vsftpd postlogin.c: also for what is not a regular file
            return ServerStates.Effect.NONE;
        }
        byte[] b = source == null ? fs.read(path, off) : null;
        long length = e.size() - off;
        if (proftpd() && !binary && b != null) {
            // proftpd 1.3.8 in TYPE A sends each LF not after a CR as CRLF (src/data.c): "RETR
            // /pub/g.txt" of 18 bytes in 3 lines gave 21 bytes, "a\r\nb\nc\rd\n\n" 13 of 10; the 150
            // still names the file's size (checked against proftpd 1.3.8)
            b = ServerFiles.crlf(b);
            length = b.length;
        }
        // Both name the argument as sent (proftpd 1.3.8 src/data.c pr_data_open, no period; vsftpd
        // postlogin.c handle_retr appends ftp_arg_str). vsftpd says BINARY in either type, as
        // ascii_download_enable=NO sends the bytes unchanged (vsftpd 3.0.3: "RETR ./a.txt" after
        // TYPE A is "150 Opening BINARY mode data connection for ./a.txt (12 bytes).").
        String open = proftpd()
                ? "Opening " + (binary ? "BINARY" : "ASCII") + " mode data connection for " + arg + " (" + e.size() + " bytes)"
                : "Opening BINARY mode data connection for " + arg + " (" + e.size() + " bytes).";
        return data.transfer(new ServerData.Transfer(Verb.RETR, b, length, open, null, source), out);
    }

    ServerStates.Effect stor(String arg, String path, boolean append, List<Action> out) {
        long off = restOffset;
        restOffset = 0;
        if (!mayWrite()) {
            // vsftpd postlogin.c: without upload rights STOR/APPE never reach the upload code, so
            // the refusal comes first, with or without a data setup
            denied(append ? Verb.APPE : Verb.STOR, arg, out);
            return ServerStates.Effect.NONE;
        }
        if (!data.canTransfer(out)) {
            return ServerStates.Effect.NONE;
        }
        FileSystem.Sink sink = walks(arg) ? fs.store(path, append, off) : null;
        if (sink == null) {
            if (proftpd()) {
                // proftpd 1.3.8 mod_xfer.c xfer_stor: "%s: %s" with the open's strerror; a folder
                // the user may not write to gives EACCES (checked against proftpd 1.3.8)
                reply(out, 550, arg + ": Permission denied");
            } else {
                reply(out, 553, "Could not create file."); // RFC 959 553: file name not allowed
            }
            return ServerStates.Effect.NONE;
        }
        String mode = binary ? "BINARY" : "ASCII";
        return data.upload(sink, append ? Verb.APPE : Verb.STOR,
                proftpd() ? "Opening " + mode + " mode data connection for " + arg : "Ok to send data.", out);
    }

    /**
     * vsftpd 3.0.3 postlogin.c handle_stou: STOR under a name not taken (get_unique_filename, "the
     * silly wu-ftpd algorithm"): the argument if it is free, else the argument or "STOU" with ".1",
     * ".2" and on; the 150 says "FILE: NAME" (checked against vsftpd 3.0.3: "STOU" in an empty
     * folder stored STOU.1, then STOU.2; "STOU a.bin" a.bin, then a.bin.1; without PASV "425 Use
     * PORT or PASV first.").
     */
    ServerStates.Effect stou(String arg, List<Action> out) {
        restOffset = 0;
        if (!mayWrite()) {
            reply(out, 550, DENIED);
            return ServerStates.Effect.NONE;
        }
        if (!data.canTransfer(out)) {
            return ServerStates.Effect.NONE;
        }
        String name = arg.isEmpty() || fs.stat(ServerFiles.resolve(cwd, arg)) != null ? null : arg;
        String base = arg.isEmpty() ? "STOU" : arg;
        for (int i = 1; name == null && i <= 100_000; i++) {
            String n = base + "." + i;
            if (fs.stat(ServerFiles.resolve(cwd, n)) == null) {
                name = n;
            }
        }
        FileSystem.Sink sink = name != null && walks(name) ? fs.store(ServerFiles.resolve(cwd, name), false, 0) : null;
        if (sink == null) {
            reply(out, 553, "Could not create file.");
            return ServerStates.Effect.NONE;
        }
        return data.upload(sink, Verb.STOR, "FILE: " + name, out);
    }

    /** Runs a writing file operation only when the user may write: a refusal leaves the disk untouched. */
    void fileOp(Verb v, String arg, java.util.function.BooleanSupplier op, int code, String okText, String failText,
                        List<Action> out) {
        if (!mayWrite()) {
            denied(v, arg, out);
            return;
        }
        String why = proftpd() ? proftpdFailure(v, ServerFiles.resolve(cwd, arg)) : null;
        if (op.getAsBoolean()) {
            reply(out, code, okText);
        } else {
            reply(out, 550, proftpd() ? arg + ": " + why : failText);
        }
    }

    /**
     * The strerror that proftpd 1.3.8 (mod_core.c core_dele, core_mkd, core_rmd, core_rnfr) puts
     * after the argument when the operation fails, told from what is there before it runs.
     */
    private String proftpdFailure(Verb v, String path) {
        FileSystem.Entry e = fs.stat(path);
        return switch (v) {
            case MKD, XMKD -> e != null ? "File exists"
                    : fs.stat(ServerFiles.resolve(path, "..")) == null ? NO_SUCH_FILE : "Permission denied";
            case RMD, XRMD -> e == null ? NO_SUCH_FILE : !e.directory() ? "Not a directory"
                    : !fs.list(path).isEmpty() ? "Directory not empty" : "Permission denied";
            case DELE -> e == null ? NO_SUCH_FILE : e.directory() ? "Is a directory" : "Permission denied";
            default -> e == null ? NO_SUCH_FILE : "Permission denied";
        };
    }

    /**
     * A writing command the user may not run. proftpd 1.3.8 (an {@code <Anonymous>} block with
     * {@code <Limit WRITE> DenyAll}): "%s: %s" with the argument as sent and strerror(EPERM)
     * from mod_xfer.c and core_dele/core_rnfr, strerror(EACCES) from core_mkd/core_rmd (checked
     * against proftpd 1.3.8).
     */
    void denied(Verb v, String arg, List<Action> out) {
        if (!proftpd()) {
            reply(out, 550, DENIED);
            return;
        }
        boolean dirs = v == Verb.MKD || v == Verb.XMKD || v == Verb.RMD || v == Verb.XRMD;
        reply(out, 550, arg + ": " + (dirs ? "Permission denied" : "Operation not permitted"));
    }

    void rnfr(String arg, String path, List<Action> out) {
        if (!mayWrite()) {
            denied(Verb.RNFR, arg, out);
        } else if (fs.stat(path) == null || !walks(arg)) {
            reply(out, 550, proftpd() ? arg + ": " + NO_SUCH_FILE : "RNFR command failed.");
        } else {
            renameFrom = path;
            // proftpd 1.3.8 mod_core.c core_rnfr
            reply(out, 350, proftpd() ? "File or directory exists, ready for destination name" : "Ready for RNTO.");
        }
    }

    void rnto(String from, String arg, String path, List<Action> out) {
        if (!mayWrite()) {
            reply(out, 550, DENIED);
        } else if (from == null) {
            // RFC 959 §5.4: RNTO only after RNFR's 350; proftpd 1.3.8 mod_core.c core_rnto
            reply(out, 503, proftpd() ? "Bad sequence of commands" : "RNFR required first.");
        } else {
            boolean ok = fs.rename(from, path);
            if (proftpd()) {
                reply(out, ok ? 250 : 550, ok ? "Rename successful" : arg + ": " + proftpdFailure(Verb.RNTO, path));
            } else {
                reply(out, ok ? 250 : 550, ok ? "Rename successful." : "Rename failed.");
            }
        }
    }

    /**
     * STAT. vsftpd 3.0.3 postlogin.c handle_stat and handle_stat_file: the status lines below; with
     * a path "213-Status follows:" and its ls lines, a folder's with "." and ".." first, nothing for
     * a missing path. proftpd 1.3.8 mod_core.c core_stat and mod_ls.c ls_stat: "Status of
     * 'ServerName'" and four lines each led by a space; a folder "212-Status of ARG:" with ".", ".."
     * and its entries, a file "213-Status of ARG:" with ARG as the name, a missing path "450 ARG: No
     * such file or directory" (both checked against the real servers, proftpd with UseIPv6 on).
     */
    void stat(String arg, List<Action> out) {
        if (!arg.isEmpty()) {
            String path = ServerFiles.resolve(cwd, ServerFiles.listTarget(arg));
            FileSystem.Entry self = fs.stat(path);
            if (proftpd() && self == null) {
                reply(out, 450, arg + ": " + NO_SUCH_FILE);
                return;
            }
            var entries = new ArrayList<FileSystem.Entry>();
            if (self != null && self.directory()) {
                FileSystem.Entry parent = path.equals("/") ? self : fs.stat(ServerFiles.resolve(path, ".."));
                entries.add(new FileSystem.Entry(".", true, self.size(), self.mtime()));
                entries.add(new FileSystem.Entry("..", true, parent.size(), parent.mtime()));
                entries.addAll(fs.list(path));
            } else if (self != null) {
                entries.add(proftpd() ? new FileSystem.Entry(arg, false, self.size(), self.mtime()) : self);
            }
            var text = new ArrayList<String>();
            text.add(proftpd() ? "Status of " + arg + ":" : "Status follows:");
            for (FileSystem.Entry e : entries) {
                if (text.size() < 1000) {
                    text.add(proftpd() ? " " + ServerFiles.proftpdLsLine(e) : ServerFiles.lsLine(e));
                }
            }
            text.add("End of status");
            int code = proftpd() && self.directory() ? 212 : 213;
            out.add(new SendReply(new Reply(code, text)));
            return;
        }
        String peer = dev.ftpsim.core.net.Ipv6.isId(peerIp) ? (v6 != null ? v6.format(peerIp) : "::")
                : dev.ftpsim.core.net.Ipv4.format(peerIp);
        String type = binary ? "BINARY" : "ASCII";
        if (proftpd()) {
            String banner = opt.banner();
            int a = banner.indexOf('('), b = banner.lastIndexOf(')');
            String name = a >= 0 && b > a ? banner.substring(a + 1, b) : banner;
            out.add(new SendReply(new Reply(211, List.of("Status of '" + name + "'",
                    " Connected from " + peer + " (" + peer + ")",
                    " Logged in as " + login.shownName(),
                    " TYPE: " + type + ", STRUcture: File, Mode: Stream",
                    data.busy() ? " Data connection open, transfer in progress" : " No data connection",
                    "End of status"))));
            return;
        }
        String banner = opt.banner();
        int v = banner.indexOf("vsFTPd ");
        String version = v >= 0 ? banner.substring(v + 7).replace(")", "").trim() : "3.0.5";
        long idle = opt.idleNanos() / 1_000_000_000L;
        // the client count is the server's at the session's start; the engine's sessions do not
        // know each other, so it says 1, as a lone session's does
        out.add(new SendReply(new Reply(211, List.of("FTP server status:",
                "     Connected to " + peer,
                "     Logged in as " + login.shownName(),
                "     TYPE: " + type,
                "     No session bandwidth limit",
                idle == 0 ? "     No session timeout" : "     Session timeout in seconds is " + idle,
                security.secure() ? "     Control connection is encrypted" : "     Control connection is plain text",
                security.privateData() ? "     Data connections will be encrypted"
                        : "     Data connections will be plain text",
                "     At session startup, client count was 1",
                "     vsFTPd " + version + " - secure, fast, stable",
                "End of status"))));
    }

    void size(String arg, String path, List<Action> out) {
        FileSystem.Entry e = fs.stat(path);
        if (proftpd() && (!binary || e == null || e.directory())) {
            // proftpd 1.3.8 mod_core.c core_size: refused in ASCII mode before the file is looked at
            reply(out, 550, !binary ? "SIZE not allowed in ASCII mode"
                    : arg + ": " + (e == null ? NO_SUCH_FILE : "not a regular file"));
        } else if (e == null || e.directory() || !walks(arg)) {
            reply(out, 550, "Could not get file size.");
        } else {
            reply(out, 213, Long.toString(e.size())); // RFC 3659 §4.2
        }
    }

    void mdtm(String arg, String path, List<Action> out) {
        FileSystem.Entry e = fs.stat(path);
        if (proftpd() && (e == null || e.directory())) {
            reply(out, 550, arg + ": " + (e == null ? NO_SUCH_FILE : "not a plain file")); // mod_core.c core_mdtm
        } else if (e == null || e.directory() || !walks(arg)) {
            reply(out, 550, "Could not get file modification time.");
        } else {
            reply(out, 213, ServerFiles.mdtm(e.mtime()));
        }
    }

    /** RFC 3659 section 7, when offered; vsftpd has neither command and answers 500. */
    ServerStates.Effect mlsx(Verb v, String arg, List<Action> out) {
        String path = ServerFiles.resolve(cwd, arg);
        if (!opt.mlst()) {
            reply(out, 500, "Unknown command.");
        } else if (v == Verb.MLST) {
            out.add(new SendReply(facts.mlst(fs, arg, path)));
        } else if (fs.stat(path) == null) {
            reply(out, 550, "No such directory.");
        } else if (!fs.stat(path).directory()) {
            reply(out, 501, "Not a directory."); // section 7.2.1: MLSD names a directory
        } else if (data.canTransfer(out)) {
            byte[] text = facts.mlsd(fs, path);
            return data.transfer(new ServerData.Transfer(v, text, text.length, listingOpenText("MLSD")), out);
        }
        return ServerStates.Effect.NONE;
    }

    // ---- effects of the data channel ----

    /** A transfer ended (its own reply sent): a pending QUIT runs now. */
    private void transferEnded(List<Action> out) {
        if (quitPending) {
            quitPending = false;
            reply(out, 221, "Goodbye.");
            close(out, true);
        } else {
            out.add(new StartTimer(Timer.CONTROL_IDLE, opt.idleNanos()));
            noTransferTimer(out);
        }
    }

    /** (Re)starts proftpd's TimeoutNoTransfer after login and after each transfer. */
    private void noTransferTimer(List<Action> out) {
        if (opt.noTransferNanos() > 0) {
            out.add(new StartTimer(Timer.NO_TRANSFER, opt.noTransferNanos()));
        }
    }

    private void close(List<Action> out, boolean closeControl) {
        data.close(out, true);
        out.add(new CancelTimer(Timer.CONTROL_IDLE));
        out.add(new CancelTimer(Timer.DATA_CONNECT));
        out.add(new CancelTimer(Timer.DATA_STALL));
        out.add(new CancelTimer(Timer.NO_TRANSFER));
        if (opt.loginNanos() > 0) {
            out.add(new CancelTimer(Timer.LOGIN));
        }
        if (closeControl) {
            out.add(new CloseControl());
        }
        state = ServerStates.Login.CLOSED;
    }

    static void reply(List<Action> out, int code, String text) {
        out.add(new SendReply(Reply.of(code, text)));
    }

    // ---- observation, for hosts and tests ----

    /** The login state. */
    public ServerStates.Login state() {
        return state;
    }

    /** True while a transfer runs: its data connection being opened, or its bytes moving. */
    public boolean transferring() {
        return data.busy();
    }

    /** True while a data connection or listening data socket is open. */
    public boolean dataOpen() {
        return data.open();
    }

    /** Failed passwords so far in this session (a host may pause after each, as vsftpd's delay_failed_login). */
    public int failedLogins() {
        return login.fails();
    }

    /** The current directory. */
    public String cwd() {
        return cwd;
    }

    /** Bytes held by the control decoder (bounded). */
    public int bufferedBytes() {
        return lines.buffered();
    }
}
