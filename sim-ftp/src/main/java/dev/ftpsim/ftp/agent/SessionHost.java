package dev.ftpsim.ftp.agent;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.tcp.TcpStack;
import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.Input;
import dev.ftpsim.ftp.protocol.Timer;

/**
 * What server and client agents share when performing an engine's actions: its timers on the
 * simulator, and its data channel over the host's TCP stack.
 */
abstract class SessionHost implements AgentEvents {
    final Simulator sim;
    final TcpStack tcp;
    private final long[] timers = new long[Timer.values().length];
    DataChannel data;
    /** The control connection's (modelled) TLS layer: clear text until AUTH TLS. */
    ControlTls tls;

    SessionHost(final TcpStack tcp) {
        this.tcp = tcp;
        this.sim = tcp.node().network().simulator();
    }

    /** Feeds the engine an input and performs what it answers. */
    abstract void feed(Input in);

    /**
     * Performs a data-channel, timer or TLS action.
     *
     * @return false if the action is not one of those
     */
    final boolean performCommon(final Action a) {
        if (a instanceof Action.ListenData l) {
            data = new DataChannel(tcp, this::feed, this);
            data.listen(l);
        } else if (a instanceof Action.ConnectData cd) {
            data = new DataChannel(tcp, this::feed, this);
            data.connect(cd);
        } else if (a instanceof Action.SendData sd) {
            data.send(sd);
        } else if (a instanceof Action.CloseData cd) {
            if (data != null) {
                data.close(cd.abort());
            }
        } else if (a instanceof Action.StartTimer st) {
            final Timer t = st.timer();
            sim.cancel(timers[t.ordinal()]);
            timers[t.ordinal()] = sim.schedule(st.nanos(), () -> {
                timers[t.ordinal()] = Simulator.NO_EVENT;
                feed(new Input.TimerFired(t));
            });
        } else if (a instanceof Action.SecureControl sc) {
            if (sc.on()) {
                tls.start();
            } else {
                tls.stop();
            }
        } else if (a instanceof Action.CancelTimer ct) {
            sim.cancel(timers[ct.timer().ordinal()]);
            timers[ct.timer().ordinal()] = Simulator.NO_EVENT;
        } else {
            return false;
        }
        return true;
    }

    /** Cancels every timer and drops the data channel: the session is over. */
    final void release() {
        for (int i = 0; i < timers.length; i++) {
            sim.cancel(timers[i]);
            timers[i] = Simulator.NO_EVENT;
        }
        if (data != null) {
            data.dispose();
        }
    }
}
