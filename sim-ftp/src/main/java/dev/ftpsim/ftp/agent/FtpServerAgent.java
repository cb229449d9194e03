package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.FailReason;
import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.FileSystem;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.ServerOptions;
import dev.ftpsim.ftp.protocol.ServerSession;
import java.util.List;

/**
 * An FTP server on a simulated host: the sans-I/O {@link ServerSession} engine driven over the
 * host's TCP stack, one session per control connection on port 21 (or another).
 */
public final class FtpServerAgent {
    private final Simulator sim;
    private final TcpStack tcp;
    private final ServerOptions options;
    private final FileSystem fs;
    private final int port;
    private final RandomStream random;
    private int active;
    private long accepted;
    private long refused;

    public FtpServerAgent(final TcpStack tcp, final ServerOptions options, final FileSystem fs, final int port) {
        this.sim = tcp.node().network().simulator();
        this.tcp = tcp;
        this.options = options;
        this.fs = fs;
        this.port = port;
        this.random = sim.streams().stream("ftp/server/" + tcp.node().name() + "/pasv");
        tcp.listen(port, this::accept);
    }

    public int activeSessions() {
        return active;
    }

    public long acceptedSessions() {
        return accepted;
    }

    public long refusedSessions() {
        return refused;
    }

    private TcpHandler accept(final TcpConnection c) {
        if (options.maxSessions() > 0 && active >= options.maxSessions()) {
            refused++;
            for (final Action a : ServerSession.refuse(options)) {
                if (a instanceof Action.SendReply r) {
                    c.send(r.bytes());
                }
            }
            c.close();
            return new TcpHandler() {};
        }
        accepted++;
        active++;
        return new Session(c);
    }

    /** One control connection and its engine. */
    private final class Session extends SessionHost implements TcpHandler {
        private final TcpConnection control;
        private final ServerSession engine;
        private boolean ended;

        Session(final TcpConnection control) {
            super(FtpServerAgent.this.tcp);
            this.control = control;
            this.tls = new ControlTls(false, control, b -> feed(new Input.ControlBytes(b)));
            this.engine = new ServerSession(options, fs, control.localIp(), control.remoteIp(), random::nextLong,
                    FtpServerAgent.this.tcp.node().network().ipv6());
            perform(engine.start());
        }

        @Override
        void feed(final Input in) {
            if (!ended) {
                perform(engine.handle(in));
            }
        }

        @Override
        public void bulkReceived(final long n) {
            if (!ended) {
                engine.bulkReceived(n);
            }
        }

        @Override
        public void bulkSent(final long n) {
            if (!ended) {
                engine.bulkSent(n);
            }
        }

        private void perform(final List<Action> actions) {
            for (final Action a : actions) {
                if (ended) {
                    return;
                }
                if (a instanceof Action.SendReply r) {
                    tls.send(r.bytes());
                } else if (performCommon(a)) {
                    continue;
                } else if (a instanceof Action.CloseControl) {
                    end();
                    control.close();
                } else if (a instanceof Action.Finished) {
                    throw new IllegalStateException("a server session emitted Finished");
                }
            }
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            active--;
            release();
        }

        @Override
        public void received(final TcpConnection c, final byte[] bytes) {
            tls.receive(bytes);
        }

        @Override
        public void peerClosed(final TcpConnection c) {
            feed(new Input.ControlClosed());
            end();
            c.close();
        }

        @Override
        public void failed(final TcpConnection c, final FailReason reason) {
            feed(new Input.ControlClosed());
            end();
        }

        @Override
        public void dataConnected(final TcpConnection c) {}

        @Override
        public void dataBytes(final long n) {}

        @Override
        public void dataConnectFailed(final FailReason reason) {}
    }
}
