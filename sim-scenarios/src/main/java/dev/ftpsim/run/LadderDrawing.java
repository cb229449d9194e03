package dev.ftpsim.run;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import dev.ftpsim.ladder.LadderEvent;
import dev.ftpsim.ladder.LadderRenderer;
import dev.ftpsim.scenario.Scenario;
import java.io.IOException;
import java.util.List;

/**
 * The ladder of one session, drawn: the scenario run again with its seed (without time series),
 * recording that session's packets, cut to the session's own time.
 *
 * @param title  e.g. "long-transfer-trap, session 0: control connection lost"
 * @param svg    {@link LadderRenderer#svg}
 * @param mermaid {@link LadderRenderer#mermaid}
 * @param events what was drawn, notes included
 */
public record LadderDrawing(String title, String svg, String mermaid, List<LadderEvent> events) {

    /**
     * Draws session {@code session} of population {@code population} (from 0); {@code name} is how
     * the title names the session (e.g. "0", "epsv#0").
     */
    public static LadderDrawing draw(final Scenario s, final long seed, final int population, final int session,
            final String name) throws IOException {
        // No time series: the ladder needs the packets only, and a run's samples may not fit beside them.
        final Scenario.Recording r = s.record();
        final ScenarioRunner.Outcome run = ScenarioRunner.ladder(s.withRecord(new Scenario.Recording(r.pcap(), 0,
                List.of(), r.startNanos(), r.snaplen())), seed, population, session);
        return of(s, run.ladder(), run.ladder().sessionRecord(), run.ladder().sessionPorts(), name,
                run.simulatedNanos());
    }

    /**
     * The drawing of a recorded ladder: the session {@code rec} (null if not found: all that was
     * recorded), cut to its own time and to its own connections (its client {@code ports}, control
     * first; null: every connection of its node); {@code stop} is where the run ended, the end of a
     * session still open then.
     */
    static LadderDrawing of(final Scenario s, final LadderRecorder ladder, final FtpSessionRecord rec, final int[] ports,
            final String name, final long stop) {
        ladder.checkWhole();
        final long from = rec == null ? 0 : rec.timings().start();
        final long to = rec == null || rec.timings().end() < 0 ? stop : rec.timings().end();
        final List<LadderEvent> events = ladder.events(from, to, rec == null ? null : ports);
        final String title = s.name() + ", session " + name + (rec == null ? "" : rec.ok()
                ? Retries.retried(rec) ? ": ok only after retrying (" + Retries.how(rec) + ")" : ": ok"
                : ": " + rec.reasonText());
        final List<dev.ftpsim.ladder.LadderNode> nodes = ladder.nodes(events);
        return new LadderDrawing(title, LadderRenderer.svg(nodes, events, title),
                LadderRenderer.mermaid(nodes, events, title), List.copyOf(events));
    }

    /** Arrows drawn (notes across the diagram not counted). */
    public long arrows() {
        return events.stream().filter(e -> e.kind() != LadderEvent.Kind.NOTE).count();
    }

    /** Arrows that end in a drop. */
    public long dropped() {
        return events.stream().filter(e -> e.kind() == LadderEvent.Kind.DROPPED).count();
    }
}
