package dev.ftpsim.ftp.protocol;

import dev.ftpsim.ftp.protocol.Action.CancelTimer;
import dev.ftpsim.ftp.protocol.Action.CloseControl;
import dev.ftpsim.ftp.protocol.Action.CloseData;
import dev.ftpsim.ftp.protocol.Action.ConnectData;
import dev.ftpsim.ftp.protocol.Action.ListenData;
import dev.ftpsim.ftp.protocol.Action.SendCommand;
import dev.ftpsim.ftp.protocol.Action.SendData;
import dev.ftpsim.ftp.protocol.Action.StartTimer;
import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client-side FTP session running a script of {@link ClientOp}s, sans-I/O.
 *
 * <p>Theory of operation. The client sends one command and waits for its final reply (it never
 * pipelines, as curl and Commons Net do not). Each reply is classified by
 * {@link ClientStates#classify} (a table indexed by step and reply class, RFC 959 §5.4), and then
 * the step's transition runs. A transfer is: TYPE I once, the data setup (EPSV/PASV: connect
 * first, then send the command, as Commons Net's _openDataConnection_ does, or with
 * {@link ClientOptions#commandBeforeConnect} both at once, as FileZilla does; PORT/EPRT: listen,
 * send the address, then the command), the 1yz, then both the 226 and the data close, in either
 * order. The first failure is recorded; the client then closes the data channel, sends QUIT and
 * ends when the control connection ends.
 */
public final class ClientSession {

    /** Where the client is. */
    public enum Step { GREETING, USER, PASS, CWD, TYPE, LISTENING, SETUP, CONNECTING, XFER_CMD, XFER, NOOP_DRAIN, QUIT,
        AUTH, PBSZ, PROT, CCC, WAITING, DONE, PWD, CWD_PART, TYPE_LATE, SIZE, FEAT, TUNE, MDTM, UTIME, RETRY, LFTP_AUTH, FZ_AUTH, FZ_SYST, FZ_FEAT, REST }

    private final ClientOptions opt;
    private final List<ClientOp> script;
    private final ReplyDecoder replies;
    private final int localIp, localPort, peerIp;

    private Step step = Step.GREETING;
    private int opIndex = -1;
    private DataMode setupCmd;
    private boolean dataUp, dataSeen, got1yz, gotFinal, dataClosed, sentPayload;
    private int listenPort;
    /** The TYPE the server last accepted from us, 0 before any. */
    private char type;
    /** curl turns EPSV (or EPRT) off for the rest of the connection once it fell back (ftp.c ftp_epsv_disable). */
    private boolean epsvOff, eprtOff;
    /** FileZilla: the other transfer mode was tried in this transfer. */
    private boolean switchedMode;
    /** curl: the connect timeout of this transfer ran out; a connect now fails at once. */
    private boolean budgetGone;
    /** FileZilla: the transfer command is out while the passive data connect is still under way. */
    private boolean connecting;
    /** FileZilla: that early data connect failed; the transfer fails when the server answers. */
    private boolean dataFailed;
    private boolean transferSeen;
    /** The server accepted the login (230 to USER or PASS); from the start for a script without one. */
    private boolean loginAccepted;
    private int noops; // keepalive NOOPs sent and not yet answered
    private FailureReason reason = FailureReason.NONE;
    private Reply last;
    /** The last reply when the session failed. */
    private Reply failedAt;
    private long dataBytes;
    private int completed;
    private final StringBuilder listing = new StringBuilder();
    /** {@link ClientOptions#curlSequence}: on for this script (off when it has CWD steps of its own). */
    private final boolean curl;
    /** curl: the folder PWD named after login, null before or when it could not be read. */
    private String entryPath;
    private boolean pwdSent;
    /** curl: the folders CWD'd into from the login folder for the last transfer. */
    private java.util.List<String> curDirs = java.util.List.of();
    /** curl: the CWDs still to send before this transfer's data setup. */
    private final java.util.ArrayDeque<String> cwds = new java.util.ArrayDeque<>();
    /** {@link ClientOptions#lftpSequence}. */
    private final boolean lftp;
    private boolean featSent, tuneThenPwd, tuneAfterAuth;
    /** lftp: what FEAT listed (ftpclass.cc CheckFEAT). */
    private boolean featUtf8, featLang, featClnt, featHost, featMfmt, featMff;
    /** lftp: FEAT was answered 2yz, and listed AUTH or EPSV (CheckFEAT). */
    private boolean featSeen, featAuth, featEpsv;
    /** {@link ClientOptions#filezillaSequence}. */
    private final boolean fz;
    /** FileZilla: AUTH SSL sent after AUTH TLS was refused; SYST and FEAT sent after login; PBSZ sent. */
    private boolean fzSslSent, fzPostSent, fzProtSent;
    /** FileZilla: the server took its AUTH TLS (or AUTH SSL): PBSZ 0 and PROT P end the login. */
    private boolean fzTls;
    /** lftp: the server took the AUTH TLS lftp sends of its own (ftp:ssl-allow); PBSZ and PROT follow PWD. */
    private boolean lftpTls, lftpProtSent;
    /** lftp: the MLST line's facts from FEAT, null when it listed none. */
    private String featMlst;
    /** lftp: commands whose answers are ignored, sent one at a time. */
    private final java.util.ArrayDeque<String> tune = new java.util.ArrayDeque<>();
    /** lftp: the folder it is in (PWD's, then each CWD's), null when unknown. */
    private String lftpCwd;
    private String pendingCwd;
    /** lftp: which SITE UTIME form was sent for this upload (1 the new one, 2 the old one), 0 other. */
    private int utimeForm;
    private boolean siteUtime2Off, siteUtimeOff;
    /**
     * lftp's retries (NetAccess.cc): NextTry counts the connect as one, each retried transfer
     * command one more; a finished transfer (its Close, TrySuccess) sets it back to 0.
     */
    private int tries = 1;
    /** Data progress, both directions (an upload's acknowledged bytes), and its value when the reply timer was armed. */
    private long progress, progressAtArm;
    /** The bytes moved before this try of the transfer: a try that moved some is not retried. */
    private long bytesBeforeTry;
    /**
     * lftp sends its upload's local file time; a script's upload has none, so the epoch (as the
     * engine's files are dated) stands in, keeping runs deterministic.
     */
    private static final String LFTP_UPLOAD_TIME = "19700101000000";
    /** The failure was a transfer command's refusal that lftp gave up retrying (or may not retry): fatal. */
    private boolean transferRefused;
    /** lftp: the refusal of the transfer it is trying again (same connection), and its reply; null when none. */
    private FailureReason retrying;
    private Reply retryReply;
    /** lftp: the home folder an earlier connection's PWD named, so this one sends no PWD; null: ask. */
    private String knownHome;
    /** The failure came during a wait step: no command was out, the next one was not due. */
    private boolean failedWaiting;
    /**
     * lftp's resumed download (ftpclass.cc real_pos, pos): where the download stood when this
     * connection began it (from an earlier connection), and dataBytes when it began; the REST it
     * sends is the sum of that and what came since.
     */
    private long restBase, opBytes0;
    /** lftp: the position the first download on this connection starts at (see {@link #knowingRestart}). */
    private long carriedPos;
    /** lftp: the server refused REST with a 5xx ("Switching to NOREST mode"): no more REST. */
    private boolean noRest;
    /** lftp: the download's data connection broke; the transfer's reply decides what follows. */
    private boolean dataBroke;
    /** lftp: the failure came as a 4xx (a 421 too) to a transfer command: NoFileCheck's NextTry ran then. */
    private boolean triedAtFailure;
    /** lftp: data moved or a transfer finished since this connection's last retry (NetAccess TrySuccess). */
    private boolean trySucceeded;
    /**
     * FileZilla's queue (QueueView.cpp IncreaseErrorCount): the failed tries of this transfer so
     * far, over every connection; a try that moved data does not count (made_progress).
     */
    private int fzErrors;
    /** FileZilla: whether its queue takes this connection's failure again on a new connection; null before asked. */
    private Boolean fzReconnect;
    /** lftp: a 4xx to REST (RestCheck: Disconnect), a failure it reconnects after. */
    private boolean restDisconnect;
    /** lftp ftp:auto-passive-mode: the mode the next connection uses, null to keep this one's. */
    private DataMode nextMode;
    /** lftp: the passive data connect goes to the control peer instead of the 227 address. */
    private boolean fixedPasv;
    /** The network's IPv6 addresses when the control connection is IPv6, else null. */
    private final dev.ftpsim.core.net.Ipv6Addresses v6;
    private static final int MAX_LISTING = 1 << 20;

    /**
     * @param localIp   the control connection's local address (sent in PORT/EPRT)
     * @param localPort the control connection's local port (classic active mode listens on +1)
     * @param peerIp    the control peer's address (EPSV and an ignored 227 connect there)
     */
    public ClientSession(ClientOptions opt, List<ClientOp> script, int localIp, int localPort, int peerIp) {
        this(opt, script, localIp, localPort, peerIp, null);
    }

    /**
     * As above, on a control connection that may be IPv6 (its addresses are ids of {@code v6}, see
     * {@link dev.ftpsim.core.net.Ipv6}): then PASV becomes EPSV and PORT becomes EPRT {@code |2|}
     * (RFC 2428; curl ftp.c: EPSV "if(conn->bits.ipv6)", "PORT is IPv4 only"), and a refused or
     * failed EPSV ends the transfer instead of falling back (ftp_epsv_disable: "Failed EPSV
     * attempt, exiting"); after a refused EPRT curl sends nothing and waits out its reply timeout.
     */
    public ClientSession(ClientOptions opt, List<ClientOp> script, int localIp, int localPort, int peerIp,
            dev.ftpsim.core.net.Ipv6Addresses v6) {
        this.opt = opt;
        this.v6 = dev.ftpsim.core.net.Ipv6.isId(localIp) ? v6 : null;
        var s = new ArrayList<>(script);
        if (s.isEmpty() || !(s.get(s.size() - 1) instanceof ClientOp.Quit)) {
            s.add(new ClientOp.Quit());
        }
        this.script = List.copyOf(s);
        this.replies = new ReplyDecoder(opt.maxLine(), 10_000);
        this.localIp = localIp;
        this.localPort = localPort;
        this.peerIp = peerIp;
        this.type = opt.asciiAtLogin() ? 'A' : 0;
        this.curl = opt.curlSequence() && this.script.stream().noneMatch(o -> o instanceof ClientOp.Cwd);
        this.lftp = opt.lftpSequence() && !this.curl;
        this.fz = opt.filezillaSequence() && !this.curl && !this.lftp;
        this.loginAccepted = this.script.stream().noneMatch(o -> o instanceof ClientOp.Login);
    }

    /** Call once the control connection is up: waits for the greeting. */
    public List<Action> start() {
        return start(0);
    }

    /**
     * As {@link #start()}, {@code elapsedNanos} after the session began (its control connect):
     * curl's connect timeout counts from there.
     */
    public List<Action> start(long elapsedNanos) {
        var out = new ArrayList<Action>(2);
        replyTimer(out);
        if (opt.connectNanos() > 0) {
            out.add(new StartTimer(Timer.CONNECT_BUDGET, Math.max(1, opt.connectNanos() - elapsedNanos)));
        }
        return out;
    }

    /** Feeds one input; returns the actions to perform in order. */
    public List<Action> handle(Input in) {
        var out = new ArrayList<Action>(4);
        if (step == Step.DONE) {
            return out;
        }
        if (in instanceof Input.ControlBytes b) {
            replies.feed(b.bytes(), 0, b.bytes().length);
            for (Reply r; step != Step.DONE && (r = replies.next()) != null; ) {
                reply(r, out);
            }
        } else if (in instanceof Input.ControlClosed) {
            if (step != Step.QUIT) {
                failed(FailureReason.CONTROL_LOST);
            }
            finish(out, false);
        } else if (in instanceof Input.TimerFired t) {
            if (t.timer() == Timer.REPLY && opt.idleDuringData() && step == Step.XFER && !dataClosed
                    && progress != progressAtArm) {
                progressAtArm = progress; // the data moved: not idle, look again one timeout later
                replyTimer(out);
            } else if (t.timer() == Timer.REPLY) {
                // FileZilla's one inactivity timeout also ends a data connect that never came up
                failed(connecting ? FailureReason.DATA_CONNECT_TIMEOUT
                        : dataFailed ? FailureReason.DATA_CONNECT_FAILED : FailureReason.REPLY_TIMEOUT);
                finish(out, true);
            } else if (t.timer() == Timer.DATA_CONNECT && step == Step.CONNECTING) {
                dataConnectFailed(FailureReason.DATA_CONNECT_TIMEOUT, out);
            } else if (t.timer() == Timer.PAUSE && step == Step.WAITING) {
                nextOp(out);
            } else if (t.timer() == Timer.PAUSE && step == Step.RETRY) {
                // a new try: FileZilla's raw transfer op may switch modes again (rawtransfer.cpp)
                got1yz = gotFinal = dataClosed = dataSeen = sentPayload = dataBroke = switchedMode = false;
                bytesBeforeTry = dataBytes;
                setup(firstMode(), out); // lftp sends PASV (or PORT) and the command again, no TYPE, SIZE, MDTM
            } else if (t.timer() == Timer.CONNECT_BUDGET) {
                budgetGone = true;
                if (step == Step.CONNECTING) {
                    dataConnectFailed(FailureReason.DATA_CONNECT_TIMEOUT, out);
                } else if (connecting) {
                    fail(FailureReason.DATA_CONNECT_TIMEOUT, out);
                }
            } else if (t.timer() == Timer.KEEPALIVE && (step == Step.XFER_CMD || step == Step.XFER)
                    && opt.keepaliveNanos() > 0) {
                noops++;
                out.add(new SendCommand("NOOP")); // step unchanged: the transfer's reply is still awaited
                out.add(new StartTimer(Timer.KEEPALIVE, opt.keepaliveNanos()));
            }
        } else {
            data(in, out);
        }
        return out;
    }

    /**
     * Download progress as a bulk count, which never produces actions: the same as {@code
     * handle(new DataReceived(null, n))} without allocating, for hosts that report every segment.
     */
    public void bulkReceived(long n) {
        if (step != Step.DONE && dataUp && n > 0) {
            dataBytes += n;
            progress += n;
            trySucceeded = true; // ftpclass.cc Read: TrySuccess on every block read
        }
    }

    /** Upload progress (bytes the server acknowledged), which never produces actions. */
    public void bulkSent(long n) {
        if (step != Step.DONE && n > 0) {
            progress += n;
        }
    }

    private void reply(Reply r, List<Action> out) {
        if (r != ReplyDecoder.MALFORMED) {
            last = r;
        }
        if (noops > 0 && r.code() == 200 && (step == Step.XFER_CMD || step == Step.XFER)) {
            noops--; // a keepalive NOOP answered during the transfer (our server does; vsftpd answers after)
            return;
        }
        ClientStates.Next n = ClientStates.classify(step, r);
        if (n != ClientStates.Next.WAIT) {
            out.add(new CancelTimer(Timer.REPLY));
        }
        switch (n) {
            case WAIT -> { }
            case PROTOCOL_ERROR -> {
                failed(FailureReason.PROTOCOL_ERROR);
                finish(out, true);
            }
            case GONE -> {
                // lftp: a 421 to a transfer command goes through NoFileCheck, whose NextTry sets the
                // reconnect timer at this moment
                triedAtFailure = step == Step.XFER_CMD || step == Step.XFER;
                failed(step == Step.QUIT ? reason : FailureReason.SERVICE_UNAVAILABLE);
                finish(out, true); // 421: RFC 959 says the server closes; so do we
            }
            case FAIL -> {
                if (step == Step.SETUP && (opt.modeFallback() && !switchedMode
                        || setupCmd == DataMode.EPSV && opt.epsvConnectFallback()
                        || setupCmd == DataMode.EPRT && opt.eprtFallback())) {
                    // FileZilla: "code != 2 && code != 3" switches the mode; curl's
                    // ftp_state_pasv_resp: any EPSV reply but 229 "EPSV failed, move on to PASV",
                    // and ftp_state_port_resp: any EPRT reply but 2yz, "disabling EPRT usage"
                    fallback(out);
                } else if ((step == Step.XFER_CMD || step == Step.XFER) && (fz ? fzRetries(r) : retries(r))) {
                    retrying = ClientStates.failure(step, r);
                    retryReply = r;
                    retry(out);
                } else {
                    triedAtFailure = (step == Step.XFER_CMD || step == Step.XFER) && r.code() / 100 == 4;
                    transferRefused = step == Step.XFER_CMD || step == Step.XFER;
                    fail(ClientStates.failure(step, r), out);
                }
            }
            case OK -> {
                if (dataFailed && !r.preliminary() && (step == Step.XFER_CMD || step == Step.XFER)) {
                    // FileZilla rawtransfer.cpp ParseResponse: a 2yz after a failed data
                    // connection is still an error (transferEndReason != successful)
                    if (fzQueueTakesAgain()) {
                        retrying = FailureReason.DATA_CONNECT_FAILED;
                        retryReply = r;
                        retry(out);
                    } else {
                        fail(FailureReason.DATA_CONNECT_FAILED, out);
                    }
                } else {
                    ok(r, out);
                }
            }
            case FALLBACK -> fallback(out);
        }
    }

    private void ok(Reply r, List<Action> out) {
        switch (step) {
            case GREETING -> {
                if (lftp && !featSent) {
                    featSent = true; // ftpclass.cc: FEAT right after the greeting (ftp:use-feat)
                    send(out, "FEAT", Step.FEAT);
                } else if (fz && script.get(opIndex + 1) instanceof ClientOp.Login) {
                    // logon.cpp LOGON_AUTH_TLS: protocol FTP, "Use explicit FTP over TLS if available"
                    send(out, "AUTH TLS", Step.FZ_AUTH);
                } else {
                    nextOp(out);
                }
            }
            case CWD -> {
                if (lftp) {
                    lftpCwd = pendingCwd;
                }
                nextOp(out);
            }
            case FEAT -> {
                if (r.code() / 100 == 2) {
                    featSeen = true;
                    readFeat(r);
                }
                // TuneConnectionAfterFEAT, in its order; HOST names the host as given to lftp
                if (featClnt) {
                    tune.add("CLNT lftp/4.9.2");
                }
                if (featLang) {
                    tune.add("LANG");
                }
                if (featUtf8) {
                    tune.add("OPTS UTF8 ON");
                }
                if (featHost) {
                    tune.add("HOST " + (v6 != null ? v6.format(peerIp) : dev.ftpsim.core.net.Ipv4.format(peerIp)));
                }
                if (script.get(opIndex + 1) instanceof ClientOp.AuthTls) {
                    tuneAfterAuth = true; // "Do connection tuning after AUTH TLS"
                    nextOp(out);
                } else if (lftpTriesTls()) {
                    send(out, "AUTH TLS", Step.LFTP_AUTH);
                } else {
                    nextTune(out);
                }
            }
            case LFTP_AUTH -> {
                // Expect::AUTH_TLS: 2yz or 3yz turns TLS on; anything else (vsftpd 3.0.3 without
                // ssl_enable: "530 Please login with USER and PASS.") goes on in clear text
                if (r.code() / 100 == 2 || r.code() / 100 == 3) {
                    out.add(new Action.SecureControl(true));
                    lftpTls = true;
                }
                nextTune(out); // "Do connection tuning after AUTH TLS"
            }
            case TUNE -> nextTune(out);
            case FZ_AUTH -> {
                // logon.cpp ParseResponse: 2yz or 3yz starts TLS; else AUTH SSL, and after that
                // "Insecure server, it does not support FTP over TLS." and the login in clear text
                if (r.code() / 100 == 2 || r.code() / 100 == 3) {
                    out.add(new Action.SecureControl(true));
                    fzTls = true;
                    nextOp(out);
                } else if (!fzSslSent) {
                    fzSslSent = true;
                    send(out, "AUTH SSL", Step.FZ_AUTH);
                } else {
                    nextOp(out);
                }
            }
            case FZ_SYST -> send(out, "FEAT", Step.FZ_FEAT);
            case FZ_FEAT -> {
                // LOGON_CLNT and LOGON_OPTSUTF8: only when FEAT listed UTF8 (else m_useUTF8 is off),
                // CLNT only when it listed CLNT too (ParseFeat)
                boolean utf8 = false, clnt = false;
                if (r.code() / 100 == 2) {
                    for (int i = 1; i < r.lines().size(); i++) {
                        String f = r.lines().get(i).strip().toUpperCase(java.util.Locale.ROOT);
                        utf8 |= f.equals("UTF8") || f.startsWith("UTF8 ");
                        clnt |= f.equals("CLNT") || f.startsWith("CLNT ");
                    }
                }
                if (utf8 && clnt) {
                    tune.add("CLNT FileZilla");
                }
                if (utf8) {
                    tune.add("OPTS UTF8 ON");
                }
                nextTune(out);
            }
            case MDTM -> setup(firstMode(), out);
            case UTIME -> utimeAnswered(r, out);
            case USER -> {
                loginAccepted |= r.code() / 100 == 2;
                if (r.code() == 230 && fz) {
                    loggedIn(out); // no password needed; FileZilla's SYST and FEAT still follow
                } else if (r.code() == 230) {
                    nextOp(out); // no password needed
                } else {
                    send(out, "PASS " + ((ClientOp.Login) op()).password(), Step.PASS);
                }
            }
            case PASS, PROT -> {
                loginAccepted = true;
                loggedIn(out);
            }
            case PWD -> {
                entryPath = r.code() == 257 ? pwdPath(String.join(" ", r.lines())) : null;
                lftpCwd = entryPath;
                if (lftpTls && !lftpProtSent) {
                    lftpProtSent = true; // ftp:ssl-protect-data and -list yes: PROT P after PWD
                    send(out, "PBSZ 0", Step.PBSZ);
                } else {
                    nextOp(out);
                }
            }
            case CWD_PART -> nextCwd(out);
            case TYPE_LATE -> sizeOrTransfer(out);
            case SIZE -> {
                if (lftp) {
                    // ftpclass.cc: MDTM right after SIZE (MDTM_OPT), a 550 to either goes on
                    send(out, "MDTM " + lftpPath(((ClientOp.Retr) op()).path()), Step.MDTM);
                } else {
                    sendTransfer(out);
                }
            }
            case AUTH -> {
                out.add(new Action.SecureControl(true)); // the host runs the TLS handshake first
                if (tuneAfterAuth) {
                    tuneAfterAuth = false;
                    nextTune(out); // its end moves on past the AUTH step
                } else {
                    nextOp(out);
                }
            }
            case PBSZ -> send(out, "PROT " + (!(op() instanceof ClientOp.Protect p) || p.privateData() ? "P" : "C"),
                    Step.PROT);
            case CCC -> {
                out.add(new Action.SecureControl(false));
                nextOp(out);
            }
            case TYPE -> lftpSizeOrSetup(out);
            case SETUP -> setupAccepted(r, out);
            case XFER_CMD -> {
                if (r.preliminary()) {
                    got1yz = true;
                    step = Step.XFER;
                    if (opt.idleDuringData()) {
                        progressAtArm = progress;
                        replyTimer(out); // FileZilla's and lftp's timeouts go on during the data
                    }
                    if (opt.keepaliveNanos() > 0) {
                        out.add(new StartTimer(Timer.KEEPALIVE, opt.keepaliveNanos()));
                    }
                    upload(out);
                } else if (dataBroke) {
                    gotFinal = true;
                    step = Step.XFER;
                    retryBrokenDownload(r, out);
                } else {
                    gotFinal = true; // a 2yz without 1yz: accepted as done
                    step = Step.XFER;
                    maybeDone(out);
                }
            }
            case XFER -> {
                gotFinal = true;
                if (dataBroke) {
                    retryBrokenDownload(r, out);
                } else {
                    maybeDone(out);
                }
            }
            case REST -> {
                // ftpclass.cc RestCheck: 2yz or 3yz sets the position; a 5xx "Switching to NOREST
                // mode", the download then starting over (lftp skips what it has); a 4xx Disconnect
                if (r.code() / 100 == 4) {
                    restDisconnect = true;
                    fail(FailureReason.COMMAND_REFUSED, out);
                    return;
                }
                if (r.code() / 100 == 5) {
                    noRest = true;
                    restBase = opBytes0 = 0;
                }
                sendTransferCommand(out);
            }
            case NOOP_DRAIN -> {
                if (--noops == 0) {
                    afterTransfer(out); // every keepalive answered: replies line up with commands again
                } else {
                    replyTimer(out);
                }
            }
            case QUIT -> {
                if (reason == FailureReason.NONE && op() instanceof ClientOp.Quit) {
                    completed++; // the script's own QUIT, not the one sent after a failure
                }
                finish(out, true);
            }
            default -> throw new IllegalStateException("OK in step " + step);
        }
    }

    private void fallback(List<Action> out) {
        // RFC 2428 §2-3 do not require EPSV/EPRT; curl and lftp fall back to PASV/PORT on 5xx,
        // but only over IPv4: PASV and PORT cannot name an IPv6 address.
        if (v6 != null && setupCmd == DataMode.EPSV && (opt.epsvFallback() || opt.epsvConnectFallback())) {
            fail(FailureReason.DATA_SETUP_REFUSED, out); // curl: "Failed EPSV attempt, exiting"
        } else if (v6 != null && setupCmd == DataMode.EPRT && opt.eprtFallback()) {
            // curl ftp.c ftp_state_use_port: after "disabling EPRT usage" PORT is skipped ("PORT is
            // IPv4 only") and nothing is sent, yet it waits for a reply; curl 7.88.1 sat silent
            // until its response timeout, then exited 28 and closed without QUIT
            replyTimer(out);
        } else if (setupCmd == DataMode.EPSV && opt.epsvFallback()) {
            epsvOff = true;
            setup(DataMode.PASV, out);
        } else if (setupCmd == DataMode.EPRT && opt.eprtFallback()) {
            eprtOff = true; // curl ftp.c ftp_state_port_resp: "disabling EPRT usage"
            setup(DataMode.PORT, out);
        } else if (opt.modeFallback() && !switchedMode) {
            // FileZilla ftpcontrolsocket.cpp rawtransfer_port_pasv, OPTION_ALLOW_TRANSFERMODEFALLBACK
            switchedMode = true;
            out.add(new CloseData(true)); // an active listen of the refused PORT is not used
            listenPort = 0;
            setup(family(setupCmd.active() ? DataMode.PASV : DataMode.PORT), out);
        } else {
            // lftp 4.9.2 ftpclass.cc (Expect::PASV, Expect::PORT), ftp:auto-passive-mode: a 5xx to PASV
            // "Switching passive mode off", a 5xx to PORT "Switching passive mode on"; then Disconnect
            if (last != null && last.code() / 100 == 5) {
                nextMode = setupCmd.active() ? DataMode.PASV : DataMode.PORT;
            }
            if (fzQueueTakesAgain()) {
                // FileZilla: a failure before the transfer command is no critical error
                // (pre_transfer_command_failure): its queue tries the transfer again
                retrying = FailureReason.DATA_SETUP_REFUSED;
                retryReply = last;
                retry(out);
                return;
            }
            fail(FailureReason.DATA_SETUP_REFUSED, out);
        }
    }

    /**
     * The EPSV data connection failed: curl sends PASV and tries once more (ftp.c ftp_do_more,
     * "this is a EPSV connect failing, try PASV instead"); otherwise the session fails.
     */
    private void dataConnectFailed(FailureReason r, List<Action> out) {
        if (setupCmd == DataMode.EPSV && opt.epsvConnectFallback() && v6 == null) {
            out.add(new CancelTimer(Timer.DATA_CONNECT));
            out.add(new CloseData(true));
            epsvOff = true;
            setup(DataMode.PASV, out);
        } else {
            fail(r, out);
        }
    }

    /**
     * lftp 4.9.2 ftpclass.cc NoFileCheck, for the reply to a transfer command: a 4xx, or a 5xx that
     * Transient5XX takes for passing trouble (its text says "Broken pipe", "Too many", "timed out"
     * or "closed by the remote host"), is tried again unless an upload already sent data
     * (STORE_FAILED) or got 426 (TransferCheck: FATAL); NextTry then counts the try and gives up
     * ("max-retries exceeded", QUIT) past net:max-retries. A 5xx after part of a download's data
     * is transient for lftp too, but it goes on from there with REST, which ftpsim does not model:
     * such a download fails at once.
     */
    private boolean retries(Reply r) {
        if (opt.maxRetries() <= 0 || dataBytes > bytesBeforeTry && !resumes()) {
            return false;
        }
        int c = r.code();
        String line = r.lines().isEmpty() ? "" : r.lines().get(r.lines().size() - 1);
        boolean transient5 = c / 100 == 5 && (line.contains("Broken pipe") || line.contains("Too many")
                || line.contains("timed out") || line.contains("closed by the remote host"));
        if (c / 100 != 4 && !transient5) {
            return false;
        }
        if (op() instanceof ClientOp.Stor && (c == 426 || sentPayload)) {
            return false;
        }
        if (dataBytes > bytesBeforeTry) {
            tries = 0; // data came on this try: Read's TrySuccess, so NextTry starts counting again
        }
        return ++tries <= opt.maxRetries();
    }

    /**
     * lftp resumes a download that had moved data from where it stands: REST with the bytes it
     * has, then RETR (ftpclass.cc: real_pos, "REST %lld"; ftp:rest-list no leaves listings out).
     * Measured with lftp 4.9.2 against vsftpd 3.0.3, a 20 MB download whose data connection an
     * nft rule reset after 6,094,472 bytes: "426 Failure writing network stream.", 2 s later PASV,
     * "REST 6094472", "350 Restart position accepted (6094472).", RETR, 226; the file was whole.
     */
    private boolean resumes() {
        return (lftp || fz && opt.maxRetries() > 0) && opIndex >= 0 && op() instanceof ClientOp.Retr;
    }

    /**
     * FileZilla's queue on a transfer's failure (QueueView.cpp, transfer state): a 5xx straight to
     * the transfer command is a critical error, not tried again (ftpcontrolsocket.cpp
     * ResetOperation: transfer_command_failure_immediate with a 5 sets FZ_REPLY_CRITICALERROR);
     * anything else is, as an upload that sent nothing.
     */
    private boolean fzRetries(Reply r) {
        if (r.code() / 100 == 5 && !got1yz) {
            return false;
        }
        if (op() instanceof ClientOp.Stor && sentPayload) {
            return false;
        }
        return fzQueueTakesAgain();
    }

    /**
     * FileZilla: the queue takes the transfer again ("Maximum number of retries", OPTION_RECONNECTCOUNT,
     * 2 by default): a try that moved data costs nothing and goes on with REST (made_progress,
     * m_onetime_action resume); any other one is counted, and past the limit the item fails.
     */
    private boolean fzQueueTakesAgain() {
        if (!fz || opt.maxRetries() <= 0 || opIndex < 0 || !(op() instanceof ClientOp.Retr
                || op() instanceof ClientOp.Stor || op() instanceof ClientOp.List)) {
            return false;
        }
        if (dataBytes > bytesBeforeTry && op() instanceof ClientOp.Retr) {
            return true;
        }
        return ++fzErrors <= opt.maxRetries();
    }

    /**
     * lftp: the download's data connection broke before its reply came, and the reply was a 2yz;
     * ftpclass.cc handles the data error once every reply is in: DataClose, NextTry, "retry after 2
     * seconds", from where the download stands.
     */
    private void retryBrokenDownload(Reply r, List<Action> out) {
        if (fz) {
            if (fzQueueTakesAgain()) {
                retrying = FailureReason.TRANSFER_FAILED;
                retryReply = r;
                retry(out);
            } else {
                fail(FailureReason.TRANSFER_FAILED, out);
            }
            return;
        }
        if (dataBytes > bytesBeforeTry) {
            tries = 0;
        }
        if (++tries <= opt.maxRetries()) {
            retrying = FailureReason.TRANSFER_FAILED;
            retryReply = r;
            retry(out);
        } else {
            fail(FailureReason.TRANSFER_FAILED, out);
        }
    }

    /** lftp: the position a REST names for this download now, 0 when it starts from the beginning. */
    private long lftpPos() {
        return noRest || !resumes() ? 0 : restBase + dataBytes - opBytes0;
    }

    /** lftp: drops the data connection and, after retryNanos ("retry after 2 seconds"), tries again. */
    private void retry(List<Action> out) {
        out.add(new CancelTimer(Timer.DATA_CONNECT));
        out.add(new CancelTimer(Timer.KEEPALIVE));
        out.add(new CloseData(true));
        dataUp = connecting = dataFailed = false;
        listenPort = 0;
        noops = 0; // answers to keepalive NOOPs still due are swallowed while waiting
        trySucceeded = false; // the agent reads it at this NextTry (see takeTrySuccess)
        step = Step.RETRY; // no command outstanding: only a 421 or a close can come
        out.add(new StartTimer(Timer.PAUSE, Math.max(1, opt.retryNanos())));
    }

    /** The first data setup command of a transfer, after earlier fallbacks. */
    private DataMode firstMode() {
        DataMode m = opt.mode();
        return family(m == DataMode.EPSV && epsvOff ? DataMode.PASV : m == DataMode.EPRT && eprtOff ? DataMode.PORT : m);
    }

    /** Over IPv6 the extended command of a mode: PASV and PORT carry IPv4 addresses only (RFC 2428). */
    private DataMode family(DataMode m) {
        return v6 == null ? m : m.overIpv6();
    }

    private ClientOp op() {
        return script.get(opIndex);
    }

    private void nextOp(List<Action> out) {
        if (opIndex >= 0 && step != Step.GREETING) {
            completed++;
        }
        opIndex++;
        ClientOp op = op();
        if (op instanceof ClientOp.Login l) {
            send(out, "USER " + l.user(), Step.USER);
        } else if (op instanceof ClientOp.Cwd c) {
            if (lftp) {
                // lftp's cd: the folder made absolute from where it is ("cd pub": "CWD /pub")
                pendingCwd = ServerFiles.resolve(lftpCwd == null ? "/" : lftpCwd, c.path());
                send(out, "CWD " + pendingCwd, Step.CWD);
            } else {
                send(out, "CWD " + c.path(), Step.CWD);
            }
        } else if (op instanceof ClientOp.Quit) {
            send(out, "QUIT", Step.QUIT);
        } else if (op instanceof ClientOp.AuthTls) {
            send(out, "AUTH TLS", Step.AUTH);
        } else if (op instanceof ClientOp.Protect) {
            send(out, "PBSZ 0", Step.PBSZ); // RFC 4217 section 9: PBSZ must precede PROT
        } else if (op instanceof ClientOp.Ccc) {
            send(out, "CCC", Step.CCC);
        } else if (op instanceof ClientOp.Wait w) {
            step = Step.WAITING; // no command outstanding: only a 421 or a close can come
            out.add(new StartTimer(Timer.PAUSE, w.nanos()));
        } else {
            got1yz = gotFinal = dataClosed = dataUp = dataSeen = sentPayload = switchedMode = false;
            connecting = dataFailed = dataBroke = false;
            bytesBeforeTry = opBytes0 = dataBytes;
            restBase = op instanceof ClientOp.Retr ? carriedPos : 0;
            carriedPos = 0;
            if (transferSeen && opt.connectNanos() > 0) {
                budgetGone = false; // a later transfer on the connection: curl restarts t_startsingle
                out.add(new StartTimer(Timer.CONNECT_BUDGET, opt.connectNanos()));
            }
            transferSeen = true;
            if (curl) {
                planCwds(op);
                nextCwd(out);
                return;
            }
            char want = wantedType(op);
            if (want != 0 && (want != type || opt.typeEachTransfer())) {
                type = want; // taken as set once sent: a refused TYPE ends the session anyway
                send(out, "TYPE " + want, Step.TYPE);
            } else {
                lftpSizeOrSetup(out);
            }
        }
    }

    /** lftp: SIZE before a RETR (then MDTM); otherwise, and for the other profiles, the data setup. */
    private void lftpSizeOrSetup(List<Action> out) {
        if (lftp && op() instanceof ClientOp.Retr r && restBase == 0) {
            // a download resumed on a new connection asks no SIZE or MDTM: lftp 4.9.2 went from
            // TYPE I to PASV, REST, RETR (the size and time came with the first try's answers)
            send(out, "SIZE " + lftpPath(r.path()), Step.SIZE);
        } else {
            setup(firstMode(), out);
        }
    }

    /**
     * lftp's path_to_send: a path below the folder it is in loses that folder ("/pub/f.bin" from
     * "/" is "pub/f.bin"); any other is sent as given.
     */
    private String lftpPath(String file) {
        if (lftpCwd == null) {
            return file;
        }
        String prefix = lftpCwd.endsWith("/") ? lftpCwd : lftpCwd + "/";
        if (file.startsWith(prefix) && file.length() > prefix.length() && file.charAt(prefix.length()) != '/') {
            return file.substring(prefix.length());
        }
        return file;
    }

    /**
     * lftp 4.9.2 sends AUTH TLS of its own after FEAT (ftpclass.cc, ftp:ssl-allow yes, ftp:ssl-auth
     * TLS) when it logs in with a user and password; "lftp HOST" logs in as anonymous, where
     * ftp:ssl-allow-anonymous no holds. It skips AUTH only when FEAT answered and listed none of AUTH,
     * EPSV, MLST and HOST (CheckFEAT: auth_supported, and with ftp:trust-feat no "auth_supported |=
     * epsv_supported", which MLST and HOST turn on). vsftpd 3.0.3 lists EPSV: lftp -u u,p sent FEAT,
     * AUTH TLS, then USER after vsftpd's "530 Please login with USER and PASS.".
     */
    private boolean lftpTriesTls() {
        ClientOp next = opIndex + 1 < script.size() ? script.get(opIndex + 1) : null;
        if (!(next instanceof ClientOp.Login l) || l.user().equals("anonymous") || l.user().equals("ftp")) {
            return false;
        }
        return !featSeen || featAuth || featEpsv || featMlst != null || featHost;
    }

    /** lftp: the FEAT lines it acts on (ftpclass.cc CheckFEAT), case-insensitive. */
    private void readFeat(Reply r) {
        for (int i = 1; i < r.lines().size(); i++) {
            String f = r.lines().get(i).strip();
            String u = f.toUpperCase(java.util.Locale.ROOT);
            if (u.equals("UTF8")) {
                featUtf8 = true;
            } else if (u.startsWith("LANG ")) {
                featLang = true;
            } else if (u.equals("CLNT") || u.startsWith("CLNT ")) {
                featClnt = true;
            } else if (u.equals("HOST")) {
                featHost = true;
            } else if (u.equals("AUTH") || u.startsWith("AUTH ")) {
                featAuth = true;
            } else if (u.equals("EPSV")) {
                featEpsv = true;
            } else if (u.equals("MFMT")) {
                featMfmt = true;
            } else if (u.equals("MFF")) {
                featMff = true;
            } else if (u.startsWith("MLST ")) {
                featMlst = f.substring(5);
            }
        }
    }

    /** lftp: the next command whose answer it ignores, then USER (before login) or PWD (after it). */
    private void nextTune(List<Action> out) {
        String c = tune.poll();
        if (c != null) {
            send(out, c, Step.TUNE);
        } else if (tuneThenPwd && knownHome != null) {
            // lftp knows its home from an earlier connection: no PWD (lftp 4.9.2's second connection
            // went from PASS to TYPE I)
            tuneThenPwd = false;
            entryPath = lftpCwd = knownHome;
            if (lftpTls && !lftpProtSent) {
                lftpProtSent = true;
                send(out, "PBSZ 0", Step.PBSZ);
            } else {
                nextOp(out);
            }
        } else if (tuneThenPwd) {
            send(out, "PWD", Step.PWD); // its reply's nextOp counts the login step done
        } else if (fz && fzTls && !fzProtSent) {
            fzProtSent = true; // logon.cpp LOGON_PBSZ, LOGON_PROT over TLS
            send(out, "PBSZ 0", Step.PBSZ);
        } else {
            nextOp(out);
        }
    }

    /**
     * lftp's SendOPTS_MLST: of the facts FEAT's MLST line offers, those lftp needs ("type", "size",
     * "modify", "perm", "UNIX.mode", "UNIX.owner", "UNIX.uid", "UNIX.group", "UNIX.gid") in the
     * server's order and spelling; null when that selection is what the server has already
     * selected (its asterisks) or empty, as lftp then sends nothing.
     */
    static String lftpMlstFacts(String offered) {
        var want = new StringBuilder();
        boolean differs = false;
        for (String tok : offered.split(";")) {
            if (tok.isEmpty()) {
                continue;
            }
            boolean enabled = tok.endsWith("*");
            String name = enabled ? tok.substring(0, tok.length() - 1) : tok;
            boolean needed = false;
            for (String n : LFTP_FACTS) {
                if (n.equalsIgnoreCase(name)) {
                    needed = true;
                    want.append(name).append(';');
                    break;
                }
            }
            differs |= enabled != needed;
        }
        return !differs || want.length() == 0 ? null : want.toString();
    }

    private static final List<String> LFTP_FACTS = List.of("type", "size", "modify", "perm", "UNIX.mode",
            "UNIX.owner", "UNIX.uid", "UNIX.group", "UNIX.gid");

    /** After a transfer: lftp sets an upload's time (SendUTimeRequest); then the next step. */
    private void afterTransfer(List<Action> out) {
        tries = 0; // lftp: the finished transfer's Close calls TrySuccess
        trySucceeded = true;
        fzErrors = 0; // FileZilla: the next transfer is another queue item
        retrying = null;
        retryReply = null;
        if (lftp && op() instanceof ClientOp.Stor st) {
            String f = lftpPath(st.path());
            if (featMfmt) {
                utimeForm = 0;
                send(out, "MFMT " + LFTP_UPLOAD_TIME + " " + f, Step.UTIME);
                return;
            }
            if (featMff) {
                utimeForm = 0;
                send(out, "MFF modify=" + LFTP_UPLOAD_TIME + "; " + f, Step.UTIME);
                return;
            }
            if (!siteUtime2Off || !siteUtimeOff) {
                sendSiteUtime(f, out);
                return;
            }
        }
        nextOp(out);
    }

    private void sendSiteUtime(String f, List<Action> out) {
        String t = LFTP_UPLOAD_TIME;
        if (!siteUtime2Off) {
            utimeForm = 1;
            send(out, "SITE UTIME " + t + " " + f, Step.UTIME);
        } else if (!siteUtimeOff) {
            utimeForm = 2;
            send(out, "SITE UTIME " + f + " " + t + " " + t + " " + t + " UTC", Step.UTIME);
        } else {
            nextOp(out);
        }
    }

    /** lftp SITE_UTIME(2): 500, 501 or 502 (site_cmd_unsupported) tries the other form, once per connection. */
    private void utimeAnswered(Reply r, List<Action> out) {
        int c = r.code();
        if (utimeForm != 0 && (c == 500 || c == 501 || c == 502)) {
            if (utimeForm == 1) {
                siteUtime2Off = true;
            } else {
                siteUtimeOff = true;
            }
            sendSiteUtime(lftpPath(((ClientOp.Stor) op()).path()), out);
        } else {
            nextOp(out);
        }
    }

    private char wantedType(ClientOp op) {
        boolean file = op instanceof ClientOp.Retr || op instanceof ClientOp.Stor;
        return file ? (opt.binary() ? 'I' : 0) : (opt.listAscii() ? 'A' : 0);
    }

    /**
     * After login (and PBSZ/PROT right after it): curl asks PWD first (ftp.c ftp_state_pwd), once;
     * otherwise the next step of the script.
     */
    private void loggedIn(List<Action> out) {
        ClientOp next = opIndex + 1 < script.size() ? script.get(opIndex + 1) : null;
        if (curl && !pwdSent && !(next instanceof ClientOp.Protect)) {
            pwdSent = true;
            send(out, "PWD", Step.PWD); // its reply's nextOp counts the login step done
            return;
        }
        if (fz && !fzPostSent) {
            fzPostSent = true; // logon.cpp: LOGON_SYST, LOGON_FEAT after LOGON_LOGON
            send(out, "SYST", Step.FZ_SYST);
            return;
        }
        if (lftp && !pwdSent) {
            // ftpclass.cc after PASS: OPTS MLST (SendOPTS_MLST), then PWD to learn the home folder,
            // then (over TLS) PBSZ and PROT
            pwdSent = true;
            tuneThenPwd = true;
            String facts = featMlst == null ? null : lftpMlstFacts(featMlst);
            if (facts != null) {
                tune.add("OPTS MLST " + facts);
            }
            nextTune(out);
            return;
        }
        nextOp(out);
    }

    /** curl ftp.c ftp_state_pwd_resp: the path between the first pair of quotes of the 257. */
    private static String pwdPath(String text) {
        int a = text.indexOf('"');
        int b = a < 0 ? -1 : text.indexOf('"', a + 1);
        return b > a + 1 ? text.substring(a + 1, b) : null;
    }

    /** The folders of a transfer's path, as curl's multicwd splits its URL path. */
    private static java.util.List<String> dirsOf(ClientOp op) {
        String p = op instanceof ClientOp.Retr r ? r.path() : op instanceof ClientOp.Stor st ? st.path()
                : ((ClientOp.List) op).path();
        boolean isDir = op instanceof ClientOp.List;
        var parts = new ArrayList<String>();
        for (String part : p.split("/", -1)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        if (!isDir && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return java.util.List.copyOf(parts);
    }

    /** The command of a transfer as curl sends it: the file's own name, after the CWDs. */
    private String curlTransferCommand(ClientOp op) {
        if (op instanceof ClientOp.List l) {
            return l.namesOnly() ? "NLST" : "LIST";
        }
        String p = op instanceof ClientOp.Retr r ? r.path() : ((ClientOp.Stor) op).path();
        String name = p.substring(p.lastIndexOf('/') + 1);
        return (op instanceof ClientOp.Retr ? "RETR " : "STOR ") + name;
    }

    private void planCwds(ClientOp op) {
        cwds.clear();
        java.util.List<String> dirs = dirsOf(op);
        if (dirs.equals(curDirs)) {
            return;
        }
        if (!curDirs.isEmpty()) {
            // ftp.c ftp_state_cwd: on a reused connection, "CWD <entry path>" before the new folders
            cwds.add(entryPath == null ? "/" : entryPath);
        }
        cwds.addAll(dirs);
        curDirs = dirs;
    }

    private void nextCwd(List<Action> out) {
        String d = cwds.poll();
        if (d != null) {
            send(out, "CWD " + d, Step.CWD_PART);
        } else {
            setup(firstMode(), out);
        }
    }

    /** curl: once the data setup is done, the TYPE if it changes, then SIZE before a RETR. */
    private void typeSizeTransfer(List<Action> out) {
        char want = wantedType(op());
        if (want != 0 && want != type) {
            type = want;
            send(out, "TYPE " + want, Step.TYPE_LATE);
        } else {
            sizeOrTransfer(out);
        }
    }

    private void sizeOrTransfer(List<Action> out) {
        if (op() instanceof ClientOp.Retr r) {
            // ftp.c ftp_state_size: "SIZE <file>"; any answer but 421 goes on to RETR
            send(out, "SIZE " + r.path().substring(r.path().lastIndexOf('/') + 1), Step.SIZE);
        } else {
            sendTransfer(out);
        }
    }

    private void setup(DataMode m, List<Action> out) {
        setupCmd = m;
        switch (m) {
            case EPSV -> send(out, "EPSV", Step.SETUP);
            case PASV -> send(out, "PASV", Step.SETUP);
            case PORT, EPRT -> {
                if (listenPort > 0) {
                    sendAddress(out); // fallback from EPRT: the listen is already open
                } else {
                    step = Step.LISTENING;
                    int p = opt.activePort() == ClientOptions.ActivePort.CLASSIC ? (localPort + 1) & 0xFFFF : 0;
                    out.add(new ListenData(p));
                }
            }
        }
    }

    private void sendAddress(List<Action> out) {
        if (setupCmd == DataMode.EPRT) {
            String af = v6 == null ? "|1|" + dev.ftpsim.core.net.Ipv4.format(localIp) : "|2|" + v6.format(localIp);
            send(out, "EPRT " + af + "|" + listenPort + "|", Step.SETUP);
        } else {
            send(out, "PORT " + Addresses.commaForm(localIp, listenPort), Step.SETUP);
        }
    }

    private void setupAccepted(Reply r, List<Action> out) {
        if (setupCmd.active()) {
            beforeTransfer(out);
            return;
        }
        int ip, port;
        if (setupCmd == DataMode.EPSV) {
            ip = peerIp; // RFC 2428 §3: the data connection goes to the control peer
            port = Addresses.parseEpsvReply(String.join(" ", r.lines()));
        } else {
            Addresses.HostPort hp = Addresses.parsePasvReply(String.join(" ", r.lines()));
            ip = hp == null ? 0 : Addresses.pasvTarget(opt.pasvPolicy(), hp.ipv4(), peerIp);
            port = hp == null ? -1 : hp.port();
            fixedPasv = hp != null && ip != hp.ipv4();
        }
        if (port <= 0) {
            fail(FailureReason.PROTOCOL_ERROR, out);
            return;
        }
        if (budgetGone) {
            fail(FailureReason.DATA_CONNECT_TIMEOUT, out); // curl: "Connection timed out after N ms"
            return;
        }
        out.add(new ConnectData(ip, port, 0, 0));
        if (opt.commandBeforeConnect()) {
            // FileZilla rawtransfer.cpp CFtpRawTransferOpData::Send, rawtransfer_transfer:
            // SetupPassiveTransfer starts a non-blocking connect and RETR/LIST follows at once;
            // only the control socket's inactivity timeout (the reply timer) bounds the connect
            connecting = true;
            sendTransfer(out);
            return;
        }
        step = Step.CONNECTING;
        if (opt.dataConnectNanos() > 0) {
            out.add(new StartTimer(Timer.DATA_CONNECT, opt.dataConnectNanos()));
        }
    }

    /** Before the transfer command: curl's TYPE and SIZE, which it sends only now. */
    private void beforeTransfer(List<Action> out) {
        if (curl) {
            typeSizeTransfer(out);
        } else {
            sendTransfer(out);
        }
    }

    private void sendTransfer(List<Action> out) {
        if (op() instanceof ClientOp.List) {
            listing.setLength(0); // the record keeps the last listing
        }
        long pos = lftpPos();
        if (pos > 0) {
            // lftp: after the data setup; FileZilla (rawtransfer.cpp rawtransfer_rest) too
            send(out, "REST " + pos, Step.REST);
            return;
        }
        sendTransferCommand(out);
    }

    private void sendTransferCommand(List<Action> out) {
        send(out, curl ? curlTransferCommand(op()) : lftp ? lftpTransferCommand(op()) : ClientOp.transferCommand(op()),
                Step.XFER_CMD);
    }

    /** lftp: RETR and STOR name the file by path_to_send; a listing's path goes as given (LIST mode). */
    private String lftpTransferCommand(ClientOp op) {
        if (op instanceof ClientOp.Retr r) {
            return "RETR " + lftpPath(r.path());
        }
        if (op instanceof ClientOp.Stor st) {
            return "STOR " + lftpPath(st.path());
        }
        return ClientOp.transferCommand(op);
    }

    private void data(Input in, List<Action> out) {
        if (in instanceof Input.DataListening l) {
            if (step == Step.LISTENING && l.port() > 0 && l.port() <= 65535) {
                listenPort = l.port();
                sendAddress(out);
            }
        } else if (in instanceof Input.DataListenFailed) {
            if (step == Step.LISTENING && opt.modeFallback() && !switchedMode) {
                // FileZilla: "Failed to create listening socket for active mode transfer", then PASV
                switchedMode = true;
                setup(DataMode.PASV, out);
            } else if (step == Step.LISTENING) {
                fail(FailureReason.DATA_CONNECT_FAILED, out);
            }
        } else if (in instanceof Input.DataConnected) {
            boolean expected = step == Step.CONNECTING || connecting
                    || (setupCmd != null && setupCmd.active() && listenPort > 0 && !dataSeen
                        && (step == Step.XFER_CMD || step == Step.XFER || step == Step.SETUP));
            if (!expected) {
                out.add(new CloseData(true));
                return;
            }
            dataUp = dataSeen = true;
            connecting = false;
            listenPort = 0; // one connection per listen
            if (step == Step.CONNECTING) {
                out.add(new CancelTimer(Timer.DATA_CONNECT));
                beforeTransfer(out);
            } else {
                upload(out);
            }
        } else if (in instanceof Input.DataConnectFailed f) {
            if (step == Step.CONNECTING) {
                // lftp ftpclass.cc PASV_DATASOCKET_CONNECTING, ftp:auto-passive-mode: a socket error
                // (refused, unreachable, timed out) connecting to a 227 address it had fixed,
                // "Switching passive mode off"; its own net:timeout does not switch
                if (fixedPasv && setupCmd == DataMode.PASV) {
                    nextMode = DataMode.PORT;
                }
                dataConnectFailed(FailureReason.DATA_CONNECT_FAILED, out);
            } else if (connecting) {
                // FileZilla ftpcontrolsocket.cpp TransferEnd: in rawtransfer_transfer the failure
                // is kept and the reply to the transfer command still awaited
                connecting = false;
                dataFailed = true;
            }
        } else if (in instanceof Input.DataSent sent) {
            bulkSent(sent.length());
        } else if (in instanceof Input.DataReceived r) {
            if (dataUp && r.length() > 0) {
                bulkReceived(r.length());
                if (op() instanceof ClientOp.List && r.bytes() != null && listing.length() < MAX_LISTING) {
                    int n = Math.min(r.bytes().length, MAX_LISTING - listing.length());
                    listing.append(new String(r.bytes(), 0, n, StandardCharsets.ISO_8859_1));
                }
            }
        } else if (in instanceof Input.DataClosed c) {
            if (!dataUp) {
                return;
            }
            dataUp = false;
            dataClosed = true;
            if (c.error() && resumes() && opt.maxRetries() > 0 && (step == Step.XFER_CMD || step == Step.XFER)) {
                // lftp 4.9.2: "data-socket: Connection reset by peer", "Closing data socket", then
                // it waits for the reply (vsftpd 3.0.3: "426 Failure writing network stream.")
                dataBroke = true;
                out.add(new CloseData(true));
                if (gotFinal) {
                    retryBrokenDownload(last, out);
                }
            } else if (c.error() && step != Step.QUIT) {
                fail(FailureReason.TRANSFER_FAILED, out);
            } else {
                maybeDone(out);
                if (step == Step.XFER && !gotFinal && opt.endReplyNanos() > 0) {
                    // curl ftp.c ftp_done: "give it only a minute for now"
                    out.add(new StartTimer(Timer.REPLY, opt.endReplyNanos()));
                } else if (step == Step.XFER && !gotFinal) {
                    replyTimer(out); // the data is done: the 226 must follow within the reply timeout
                }
            }
        }
    }

    /** STOR: send once both the data connection and the 1yz are there, then close (EOF = end of file). */
    private void upload(List<Action> out) {
        if (op() instanceof ClientOp.Stor s && dataUp && got1yz && !sentPayload) {
            sentPayload = true;
            if (s.length() > 0) {
                out.add(new SendData(s.bytes(), s.bytes() != null ? s.bytes().length : s.length()));
                dataBytes += s.bytes() != null ? s.bytes().length : s.length();
            }
            out.add(new CloseData(false));
        }
    }

    private void maybeDone(List<Action> out) {
        // Active mode: a 2yz after the 1yz and before the server's connection is not the end (the
        // server connected, sent and closed before replying; only the host told us late), as curl's
        // ReceivedServerConnect waits for the connection; the reply timer bounds the wait. A 2yz
        // with no 1yz at all ends a transfer that needed no connection.
        if (step == Step.XFER && gotFinal && !dataClosed && !dataSeen && !dataUp && got1yz && setupCmd.active()) {
            replyTimer(out);
            return;
        }
        if (step == Step.XFER && gotFinal && (dataClosed || !dataSeen && !dataUp && setupCmd.active())) {
            if (dataUp) {
                out.add(new CloseData(false));
            }
            out.add(new CancelTimer(Timer.KEEPALIVE));
            if (noops > 0) {
                step = Step.NOOP_DRAIN; // servers that read commands only between transfers answer now
                replyTimer(out);
            } else {
                afterTransfer(out);
            }
        }
    }

    private void send(List<Action> out, String line, Step next) {
        step = next;
        out.add(new SendCommand(line));
        replyTimer(out);
    }

    private void replyTimer(List<Action> out) {
        if (opt.replyNanos() > 0) {
            out.add(new StartTimer(Timer.REPLY, opt.replyNanos()));
        }
    }

    private void failed(FailureReason r) {
        if (reason == FailureReason.NONE) {
            reason = r;
            failedWaiting = step == Step.WAITING;
            // The reply that decided the failure, not the 221 to the QUIT that follows it.
            failedAt = last;
        }
    }

    /** Records a failure, drops the data channel and says QUIT (as curl and Commons Net do). */
    private void fail(FailureReason r, List<Action> out) {
        failed(r);
        if (lftp && opt.reconnectNanos() > 0 && reconnectable()) {
            // lftp 4.9.2 Disconnect: no QUIT before it reconnects; against a server refusing PASV it
            // sent the telnet interrupt (IAC IP, IAC DM) and closed the connection
            finish(out, true);
            return;
        }
        out.add(new CancelTimer(Timer.DATA_CONNECT));
        out.add(new CancelTimer(Timer.KEEPALIVE));
        out.add(new CloseData(true));
        dataUp = connecting = dataFailed = false;
        listenPort = 0;
        send(out, "QUIT", Step.QUIT);
    }

    private void finish(List<Action> out, boolean closeControl) {
        if (step == Step.DONE) {
            return;
        }
        out.add(new CancelTimer(Timer.REPLY));
        out.add(new CancelTimer(Timer.DATA_CONNECT));
        out.add(new CancelTimer(Timer.KEEPALIVE));
        out.add(new CancelTimer(Timer.CONNECT_BUDGET));
        out.add(new CloseData(true));
        if (closeControl) {
            out.add(new CloseControl());
        }
        step = Step.DONE;
        dataUp = connecting = false;
        listenPort = 0;
        out.add(new Action.Finished(record()));
    }

    /** The session's time limit ran out (curl --max-time): fail, drop everything, close. */
    public List<Action> timedOut() {
        var out = new ArrayList<Action>(6);
        if (step != Step.DONE) {
            failed(FailureReason.TIMED_OUT);
            finish(out, true);
        }
        return out;
    }

    /** The session's record so far. */
    public SessionRecord record() {
        return new SessionRecord(reason, reason == FailureReason.NONE ? last : failedAt, dataBytes, completed,
                listing.toString());
    }

    /**
     * True once the server accepted the login, not merely once the greeting was answered: lftp's
     * FEAT and the AUTH that lftp, FileZilla and a {@code tls} session send come before USER.
     */
    public boolean loginAccepted() {
        return loginAccepted && step != Step.GREETING;
    }

    /**
     * lftp 4.9.2 reconnects after this failure (ftpclass.cc, NetAccess.cc: "Timeout - reconnecting",
     * a 421, a lost control connection, a refused or timed-out data connection, a refused PASV or
     * PORT); not after a refused login or command, nor a transfer command refused past its retries
     * ("max-retries exceeded"), nor a failure of the script's own QUIT. A download that had moved
     * data goes on from where it stands (see {@link #restartPos()}); an upload or a listing that had
     * fails there (lftp's STORE_FAILED; ftp:rest-list no).
     */
    public boolean reconnects() {
        if (fz) {
            return step == Step.DONE && fzReconnects();
        }
        return step == Step.DONE && reconnectable();
    }

    /**
     * FileZilla: a transfer whose connection ended under it (its 20 s inactivity timeout, a 421, the
     * connection lost) is taken again by the queue on a new connection at once, as fzQueueTakesAgain
     * allows; failures before the transfer (connect, login) are the engine's and not taken again here.
     */
    private boolean fzReconnects() {
        if (fzReconnect == null) {
            fzReconnect = switch (reason) {
                case REPLY_TIMEOUT, SERVICE_UNAVAILABLE, CONTROL_LOST, DATA_CONNECT_TIMEOUT -> loginAccepted()
                        && fzQueueTakesAgain();
                default -> false;
            };
        }
        return fzReconnect;
    }

    /** FileZilla: the failed tries its queue counted so far (see {@link #knowingQueueErrors}). */
    public int queueErrors() {
        return fzErrors;
    }

    /** FileZilla: the failed tries of the transfer this connection goes on with; call before {@link #start()}. */
    public ClientSession knowingQueueErrors(int n) {
        this.fzErrors = n;
        return this;
    }

    private boolean reconnectable() {
        if (opIndex >= 0 && op() instanceof ClientOp.Quit) {
            return false;
        }
        if (opIndex >= 0 && (op() instanceof ClientOp.Stor || op() instanceof ClientOp.List)
                && dataBytes > bytesBeforeTry) {
            return false;
        }
        if (restDisconnect) {
            return true;
        }
        return switch (reason) {
            case CONTROL_LOST, SERVICE_UNAVAILABLE, REPLY_TIMEOUT, DATA_SETUP_REFUSED, DATA_CONNECT_TIMEOUT -> true;
            case DATA_CONNECT_FAILED -> !transferRefused;
            default -> false;
        };
    }

    /**
     * lftp: where the download this connection failed in stands, the bytes it has (its REST on the
     * next connection, see {@link #knowingRestart}); 0 when the failure came elsewhere.
     */
    public long restartPos() {
        return step != Step.DONE ? 0 : resumes() ? lftpPos() : carriedPos; // carried: not reached again
    }

    /**
     * lftp: the first download on this connection goes on from {@code pos} bytes, with {@code REST
     * pos} before its RETR and no SIZE or MDTM; call before {@link #start()}.
     */
    public ClientSession knowingRestart(long pos) {
        this.carriedPos = Math.max(0, pos);
        return this;
    }

    /**
     * lftp: data moved or a transfer finished since the last call (or this connection's start, or
     * its last retry): NetAccess TrySuccess, which sets the retry count and the reconnect interval
     * back to their start. Clears it.
     */
    public boolean takeTrySuccess() {
        boolean s = trySucceeded;
        trySucceeded = false;
        return s;
    }

    /**
     * lftp: the failure was a 4xx (a 421 too) to a transfer command, whose NoFileCheck called NextTry
     * then: the reconnect interval counts from this moment, not from the connect.
     */
    public boolean triedAtFailure() {
        return triedAtFailure;
    }

    /**
     * The connection ended during a wait step (a server's idle timeout): lftp notices and connects
     * again only for its next command, once the wait is over.
     */
    public boolean failedWaiting() {
        return failedWaiting;
    }

    /**
     * lftp: the failure of the transfer command it is trying again on this connection (a 425 and
     * the like, see {@code retries}), null when none is pending; what a session still trying at a
     * run's stop is stuck on.
     */
    public FailureReason retrying() {
        return retrying;
    }

    /** The reply {@link #retrying()} came with. */
    public Reply retryReply() {
        return retryReply;
    }

    /**
     * lftp ftp:auto-passive-mode: the mode the next connection starts with, PORT after a 5xx to PASV
     * or a failed connect to a fixed 227 address, PASV after a 5xx to PORT; null to keep the mode.
     */
    public DataMode nextMode() {
        return nextMode;
    }

    /**
     * The script a new control connection runs to go on where this one failed: the login (and
     * AUTH TLS, PBSZ/PROT) again, lftp's folder again when a cd step had changed it (lftp sends
     * "CWD /that" after the login), then the step that failed and the rest; a wait step the server
     * ended the connection in is over by then (see {@link #failedWaiting()}).
     */
    public List<ClientOp> resumeScript() {
        int at = Math.max(0, opIndex) + (failedWaiting ? 1 : 0);
        var s = new ArrayList<ClientOp>();
        boolean cd = false;
        for (int i = 0; i < at; i++) {
            ClientOp o = script.get(i);
            if (o instanceof ClientOp.Login || o instanceof ClientOp.AuthTls || o instanceof ClientOp.Protect
                    || o instanceof ClientOp.Ccc) {
                s.add(o);
            }
            cd |= o instanceof ClientOp.Cwd;
        }
        if (cd && lftpCwd != null) {
            s.add(new ClientOp.Cwd(lftpCwd));
        }
        s.addAll(script.subList(at, script.size()));
        return s;
    }

    /**
     * lftp: the home folder a PWD on an earlier connection named (see {@link #home()}); call before
     * {@link #start()}. lftp keeps it and asks no more.
     */
    public ClientSession knowingHome(String home) {
        this.knownHome = home;
        return this;
    }

    /** lftp: the home folder PWD named on this connection (or known from an earlier one), null when unknown. */
    public String home() {
        return lftp ? (entryPath != null ? entryPath : knownHome) : null;
    }

    /** The data setup command last sent on this connection (PORT, EPRT, PASV, EPSV), null before one. */
    public DataMode lastSetup() {
        return setupCmd;
    }

    /** The current step. */
    public Step step() {
        return step;
    }

    /** True while the client believes a data connection is up or listening. */
    public boolean dataOpen() {
        return dataUp || listenPort > 0 || connecting;
    }
}
