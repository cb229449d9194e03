package dev.ftpsim.run;

import dev.ftpsim.core.net.Node;
import dev.ftpsim.ftp.agent.FtpClientAgent;
import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The client sessions started and not yet ended, in start order, and how many ended: all a run
 * keeps per session. An ended session is handed on at once and forgotten.
 */
final class LiveSessions {
    /** One client session that started: its population, where it runs, and the agent's handle while it runs. */
    static final class Live {
        final Node host;
        /** Index of its population in the scenario's {@code ftp.clients}. */
        final int population;
        FtpClientAgent.Running session;

        Live(final Node host, final int population) {
            this.host = host;
            this.population = population;
        }
    }

    private final LinkedHashSet<Live> running = new LinkedHashSet<>();
    private final BiConsumer<Live, FtpSessionRecord> ended;
    private long finished;

    /** @param ended told of each session as it ends (and of the unfinished ones at the stop) */
    LiveSessions(final BiConsumer<Live, FtpSessionRecord> ended) {
        this.ended = ended;
    }

    Live start(final Node host, final int population) {
        final Live l = new Live(host, population);
        running.add(l);
        return l;
    }

    void end(final Live l, final FtpSessionRecord r) {
        running.remove(l);
        finished++;
        ended.accept(l, r);
    }

    /** Sessions still running at the stop time: what they did so far, in start order. */
    void stop() {
        for (final Live l : List.copyOf(running)) {
            ended.accept(l, l.session.snapshot());
        }
        running.clear();
    }

    long finished() {
        return finished;
    }

    int size() {
        return running.size();
    }
}
