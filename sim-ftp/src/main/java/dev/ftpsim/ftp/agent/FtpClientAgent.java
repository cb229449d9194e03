package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientSession;
import dev.ftpsim.ftp.protocol.FailureReason;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.Reply;
import dev.ftpsim.ftp.protocol.SessionRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * An FTP client on a simulated host: runs a script (login, list, get, put) in one session over
 * the host's TCP stack with the sans-I/O {@link ClientSession} engine, and reports a {@link
 * FtpSessionRecord} when the session ends.
 */
public final class FtpClientAgent {
    private final TcpStack tcp;

    public FtpClientAgent(final TcpStack tcp) {
        this.tcp = tcp;
    }

    /**
     * A session in progress, for a run that stops before it ends: what it did so far, and the
     * client ports it used (so that observers can forget them once the session is written).
     */
    public interface Running {
        /**
         * Its record as if it ended now: not finished, with its client, index, mode, last reply,
         * times and bytes so far; {@code end} is -1 (it did not end).
         */
        FtpSessionRecord snapshot();

        /** The client's port of the control connection. */
        int controlPort();

        /** The client's port of every control connection, in order (lftp reconnects on new ones). */
        int[] controlPorts();

        /** The client's address of the control connection: IPv4, or an IPv6 id when it dialled IPv6. */
        int localAddress();

        /** The client's port of every data connection attempt, in order. */
        int[] dataPorts();
    }

    /** Starts one session now; {@code done} receives its record exactly once. */
    public Running start(final int serverIp, final int serverPort, final ClientOptions options,
            final List<ClientOp> script, final int index, final Consumer<FtpSessionRecord> done) {
        return new Session(serverIp, serverPort, options, script, index, done);
    }

    /** FileZilla's "Reconnect delay" (engine_options.cpp OPTION_RECONNECTDELAY, 5 s by default). */
    private static final long FILEZILLA_RECONNECT_DELAY = 5_000_000_000L;

    private final class Session extends SessionHost implements TcpHandler, Running {
        private final ClientOptions first;
        /** The options of the current connection: lftp may have switched passive mode off. */
        private ClientOptions options;
        private List<ClientOp> script;
        private final int serverIp, serverPort;
        private int[] controlPorts = new int[1];
        private int controlCount;
        /** Transfers tried again on a control connection after a failure (the engine's RETRY pauses). */
        private int retriesHere;
        /**
         * lftp's NetAccess retry state: retries (NextTry counts each connect, and a 4xx to a
         * transfer command; TrySuccess sets it to 0), reconnect_interval_current, and when the
         * reconnect timer was last set (the last NextTry); the next connect waits for it.
         */
        private int retries;
        private long interval;
        private long tryTime;
        /** When the current control connection's connect began (curl's connect timeout counts from there). */
        private long connectStart;
        /** The data setup command last sent, on this or an earlier control connection; null before one. */
        private ClientOptions.DataMode lastSetup;
        /** FileZilla: the failed tries its queue counted, carried to the next connection. */
        private int queueErrors;
        /** FileZilla: the failed connects of this connect command (engineprivate.cpp m_retryCount). */
        private int connectFailures;
        /** lftp: where the download it resumes stands, for the next connection's REST; 0 none. */
        private long restart;
        /** Between two control connections: the old one's events are no longer the session's. */
        private boolean between;
        /** The record of the last control connection that got as far as a greeting, null before one. */
        private SessionRecord earlier;
        private long reconnectEvent = Simulator.NO_EVENT;
        /** The failure lftp last reconnected after, and the stack's reason for it; null before any. */
        private FailureReason retryReason;
        private FailReason retryCause;
        /** lftp: its home folder, learnt by PWD on an earlier connection, null before. */
        private String home;
        /** When the current wait step ends. */
        private long waitEnd;
        private final int index;
        private final Consumer<FtpSessionRecord> done;
        private final long start = sim.now();
        private TcpConnection control;
        private ClientSession engine;
        private long connected = -1;
        private long loggedIn = -1;
        private long firstByte = -1;
        private long bytes;
        private int dataConnections;
        private int dataPort;
        private int[] dataPorts = new int[1];
        private int dataPortCount;
        private FailReason dataFailure;
        private boolean finished;
        /** curl --connect-timeout and --max-time events, cancelled when no longer needed (they would outlive the run). */
        private long connectTimer = Simulator.NO_EVENT, maxTimer = Simulator.NO_EVENT;

        Session(final int serverIp, final int serverPort, final ClientOptions options, final List<ClientOp> script,
                final int index, final Consumer<FtpSessionRecord> done) {
            super(FtpClientAgent.this.tcp);
            this.first = options;
            this.options = options;
            this.script = script;
            this.index = index;
            this.done = done;
            this.serverIp = serverIp;
            this.serverPort = serverPort;
            connect();
            if (options.maxTimeNanos() > 0) {
                maxTimer = sim.schedule(options.maxTimeNanos(), () -> {
                    if (!finished && engine != null && !between) {
                        perform(engine.timedOut());
                    } else if (!finished) {
                        control.abort();
                        finish(null, FailureReason.TIMED_OUT, null);
                    }
                });
            }
        }

        /** Begins a control connection, the first or (lftp) a later one. */
        private void connect() {
            between = false;
            if (engine != null) {
                earlier = engine.record();
                engine = null; // a failed connect leaves the earlier connection's last reply standing
            }
            connectStart = sim.now();
            if (first.reconnectNanos() > 0) {
                nextTry();
            }
            final TcpConnection c = tcp.connect(serverIp, serverPort, this);
            control = c;
            if (controlCount == controlPorts.length) {
                controlPorts = java.util.Arrays.copyOf(controlPorts, controlCount * 2);
            }
            controlPorts[controlCount++] = c.localPort();
            // curl's connect timeout, else the client's own per-connect timeout (FileZilla's 20 s)
            final long connectLimit = options.connectNanos() > 0 ? options.connectNanos() : options.dataConnectNanos();
            if (connectLimit > 0) {
                connectTimer = sim.schedule(connectLimit, () -> {
                    if (control == c && c.state() == dev.ftpsim.core.tcp.TcpState.SYN_SENT && !finished && !between) {
                        c.abort(); // curl --connect-timeout: "Connection timed out"
                        finish(null, FailureReason.CONTROL_CONNECT_FAILED, FailReason.TIMED_OUT);
                    }
                });
            }
        }

        /**
         * lftp: whether a session that failed so goes on over a new control connection. {@code r}
         * is the engine's record, null when the control connect itself failed.
         */
        private boolean reconnects(final SessionRecord r, final FailureReason reason) {
            if (first.filezillaSequence() && first.maxRetries() > 0 && reason != FailureReason.TIMED_OUT) {
                if (engine == null && reason == FailureReason.CONTROL_CONNECT_FAILED) {
                    // engineprivate.cpp ResetOperation: a connect that failed (refused, timed out,
                    // unreachable) is tried again while ++m_retryCount < "Reconnect count"
                    return ++connectFailures < first.maxRetries();
                }
                return engine != null && engine.reconnects(); // FileZilla's queue, see ClientSession#reconnects
            }
            if (first.reconnectNanos() <= 0 || reason == FailureReason.TIMED_OUT) {
                return false;
            }
            if (engine != null && engine.takeTrySuccess()) {
                trySuccess();
            }
            if (retries >= first.maxRetries()) {
                return false;
            }
            return r == null || engine == null || engine.reconnects();
        }

        /**
         * Closes what is left of the failed connection and connects again, {@code interval} after
         * the failed connection began (NetAccess.cc reconnect_timer), with lftp's state: the rest of
         * the script after a new login, and active mode once passive mode failed.
         */
        private void reconnect() {
            between = true;
            sim.cancel(connectTimer);
            release();
            if (engine != null) {
                script = engine.resumeScript();
                if (engine.home() != null) {
                    home = engine.home();
                }
                if (engine.nextMode() != null) {
                    options = options.withMode(engine.nextMode());
                }
                restart = engine.restartPos();
                if (engine.lastSetup() != null) {
                    lastSetup = engine.lastSetup();
                }
                if (engine.triedAtFailure() && !engine.failedWaiting()) {
                    nextTry(); // a 4xx or 421 to the transfer command: NoFileCheck's NextTry, now
                }
            }
            final long at;
            if (first.filezillaSequence() && engine == null) {
                // the engine's retry of its failed connect: "Reconnect delay" (OPTION_RECONNECTDELAY,
                // 5 s) after the failure (RegisterFailedLoginAttempt, GetRemainingReconnectDelay)
                at = sim.now() + FILEZILLA_RECONNECT_DELAY;
            } else if (first.filezillaSequence()) {
                queueErrors = engine.queueErrors();
                connectFailures = 0; // the queue's new connection is a new connect command
                at = sim.now(); // the queue connects again at once: no failed login to wait after
            } else if (engine != null && engine.failedWaiting()) {
                // the server ended an idle connection: not a failed try, lftp connects for its next command
                at = Math.max(sim.now(), waitEnd);
            } else {
                at = Math.max(sim.now(), tryTime + interval);
            }
            reconnectEvent = sim.schedule(at - sim.now(), () -> {
                reconnectEvent = Simulator.NO_EVENT;
                if (!finished) {
                    connect();
                }
            });
        }

        /**
         * lftp NetAccess::NextTry: the interval starts over after a success, else grows by
         * net:reconnect-interval-multiplier (1.5) up to -max; the reconnect timer is set now.
         */
        private void nextTry() {
            interval = retries == 0 ? first.reconnectNanos()
                    : Math.min(first.reconnectMaxNanos(), Math.max(interval, Math.round(interval * first.reconnectMultiplier())));
            retries++;
            tryTime = sim.now();
        }

        /** lftp NetAccess::TrySuccess: data moved or a transfer finished. */
        private void trySuccess() {
            retries = 0;
            interval = first.reconnectNanos();
        }

        @Override
        public void connected(final TcpConnection c) {
            if (c != control || between) {
                return;
            }
            if (connected < 0) {
                connected = sim.now();
            }
            sim.cancel(connectTimer);
            if (options.tcpKeepaliveNanos() > 0) {
                // As curl does: SO_KEEPALIVE, TCP_KEEPIDLE = TCP_KEEPINTVL; TCP_KEEPCNT stays Linux's 9.
                c.setKeepAlive(options.tcpKeepaliveNanos(), options.tcpKeepaliveNanos(), 9);
            }
            tls = new ControlTls(true, c, b -> feed(new Input.ControlBytes(b)));
            engine = new ClientSession(options, script, c.localIp(), c.localPort(), c.remoteIp(),
                    tcp.node().network().ipv6()).knowingHome(home).knowingRestart(restart)
                    .knowingQueueErrors(queueErrors);
            perform(engine.start(sim.now() - connectStart));
        }

        @Override
        public void bulkReceived(final long n) {
            if (!finished && engine != null) {
                engine.bulkReceived(n);
            }
        }

        @Override
        public void bulkSent(final long n) {
            if (!finished && engine != null) {
                engine.bulkSent(n); // progress for the inactivity timeouts of FileZilla and lftp
            }
        }

        @Override
        void feed(final Input in) {
            if (finished || engine == null) {
                return;
            }
            perform(engine.handle(in));
            if (loggedIn < 0 && engine.loginAccepted() && !finished) {
                loggedIn = sim.now();
            }
        }

        private void perform(final List<Action> actions) {
            for (final Action a : actions) {
                if (finished && !(a instanceof Action.CloseControl)) {
                    continue;
                }
                if (a instanceof Action.StartTimer st && st.timer() == dev.ftpsim.ftp.protocol.Timer.PAUSE
                        && engine != null && engine.step() == ClientSession.Step.RETRY) {
                    retriesHere++; // lftp's "retry after 2 seconds", FileZilla's queue: one more try on this connection
                }
                if (a instanceof Action.SendCommand cmd) {
                    tls.send(cmd.bytes());
                } else if (a instanceof Action.StartTimer st && st.timer() == dev.ftpsim.ftp.protocol.Timer.PAUSE
                        && engine != null && engine.step() == ClientSession.Step.WAITING) {
                    waitEnd = sim.now() + st.nanos(); // a wait step: lftp's next command is due then
                    performCommon(a);
                } else if (a instanceof Action.StartTimer st && st.timer() == dev.ftpsim.ftp.protocol.Timer.PAUSE
                        && engine != null && engine.step() == ClientSession.Step.RETRY && first.reconnectNanos() > 0) {
                    if (engine.takeTrySuccess()) {
                        trySuccess(); // the try that failed had moved data
                    }
                    nextTry(); // lftp's retry on this connection is a try too (NoFileCheck)
                    performCommon(a);
                } else if (performCommon(a)) {
                    continue;
                } else if (a instanceof Action.CloseControl) {
                    control.close();
                } else if (a instanceof Action.Finished f) {
                    finish(f.record(), null, null);
                } else if (a instanceof Action.SendReply) {
                    throw new IllegalStateException("a client session emitted a reply");
                }
            }
        }

        /**
         * Ends the session with the engine's record {@code r}, or with {@code control} (and the
         * stack's {@code cause}) when the control connection failed under it.
         */
        private void finish(final SessionRecord r, final FailureReason control, final FailReason cause) {
            if (finished || between) {
                return;
            }
            final FailureReason reason = r != null && r.ok() ? FailureReason.NONE : control != null ? control : r.reason();
            if (reason != FailureReason.NONE && reconnects(r, reason)) {
                retryReason = reason;
                retryCause = reason == FailureReason.DATA_CONNECT_FAILED ? dataFailure : reason == control ? cause : null;
                reconnect();
                return;
            }
            finished = true;
            sim.cancel(connectTimer);
            sim.cancel(maxTimer);
            sim.cancel(reconnectEvent);
            release();
            final FailReason why = reason == FailureReason.DATA_CONNECT_FAILED ? dataFailure
                    : reason == control ? cause : null;
            done.accept(record(r, true, reason, why, sim.now()));
        }

        private FtpSessionRecord record(final SessionRecord engines, final boolean ended, final FailureReason reason,
                final FailReason cause, final long end) {
            final SessionRecord r = engines != null ? engines : earlier;
            final Reply last = r == null ? null : r.lastReply();
            final boolean v6 = control != null && dev.ftpsim.core.net.Ipv6.isId(control.remoteIp());
            if (engine != null && engine.lastSetup() != null) {
                lastSetup = engine.lastSetup();
            }
            return new FtpSessionRecord(new FtpSessionRecord.Identity(tcp.node().name(), index,
                    (v6 ? first.mode().overIpv6() : first.mode()).name(), lastSetup == null ? "" : lastSetup.name()),
                    new FtpSessionRecord.Timings(start, connected, loggedIn, firstByte, end),
                    new FtpSessionRecord.Transfer(r == null ? bytes : Math.max(bytes, r.dataBytes()), dataConnections,
                            controlCount, retriesHere + Math.max(0, controlCount - 1)),
                    new FtpSessionRecord.Outcome(ended, reason, cause, last == null ? 0 : last.code(),
                            last == null ? "" : last.text()),
                    new FtpSessionRecord.DataPath(dataPort));
        }

        /**
         * A session still running at the stop: its outcome's reason is what it is trying again after
         * (lftp: a transfer refused on this connection, else the failure it reconnected after), NONE
         * when it is not retrying.
         */
        @Override
        public FtpSessionRecord snapshot() {
            final SessionRecord r = engine == null ? earlier : engine.record();
            if (engine != null && !between && engine.retrying() != null) {
                final Reply re = engine.retryReply();
                final FtpSessionRecord s = record(r, false, engine.retrying(),
                        engine.retrying() == FailureReason.DATA_CONNECT_FAILED && re.code() != 425 ? dataFailure : null, -1);
                return new FtpSessionRecord(s.identity(), s.timings(), s.transfer(), new FtpSessionRecord.Outcome(false,
                        engine.retrying(), s.outcome().cause(), re.code(), re.text()), s.dataPath());
            }
            // once a later connection is logged in the session is under way again, not retrying
            if (retryReason != null && (engine == null || between || !engine.loginAccepted())) {
                return record(r, false, retryReason, retryCause, -1);
            }
            return record(r, false, r == null ? FailureReason.NONE : r.reason(), null, -1);
        }

        @Override
        public int controlPort() {
            return control.localPort();
        }

        @Override
        public int[] controlPorts() {
            return java.util.Arrays.copyOf(controlPorts, controlCount);
        }

        @Override
        public int localAddress() {
            return control.localIp();
        }

        @Override
        public int[] dataPorts() {
            return java.util.Arrays.copyOf(dataPorts, dataPortCount);
        }

        @Override
        public void received(final TcpConnection c, final byte[] b) {
            if (c == control && !between) {
                tls.receive(b);
            }
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            if (c != control || between) {
                c.close(); // an earlier control connection of a reconnecting session
                return;
            }
            feed(new Input.ControlClosed());
            c.close();
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            if (c != control || between) {
                return;
            }
            if (engine == null) {
                finish(null, FailureReason.CONTROL_CONNECT_FAILED, reason);
                return;
            }
            feed(new Input.ControlClosed());
            if (!finished) {
                finish(engine.record(), FailureReason.CONTROL_LOST, null);
            }
        }

        @Override
        public void closed(final TcpConnection c) {
            if (!finished && engine != null && c == control && !between) {
                feed(new Input.ControlClosed());
                if (!finished) {
                    finish(engine.record(), null, null);
                }
            }
        }

        @Override
        public void dataConnected(final TcpConnection c) {
            dataConnections++;
            dataFailure = null;
        }

        @Override
        public void dataBytes(final long n) {
            if (firstByte < 0) {
                firstByte = sim.now();
            }
            bytes += n;
        }

        @Override
        public void dataConnectFailed(final FailReason reason) {
            dataFailure = reason;
        }

        @Override
        public void dataPort(final int port) {
            if (dataPort == 0) {
                dataPort = port;
            }
            if (dataPortCount == dataPorts.length) {
                dataPorts = java.util.Arrays.copyOf(dataPorts, dataPortCount * 2);
            }
            dataPorts[dataPortCount++] = port;
        }
    }
}
