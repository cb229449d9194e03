package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.FTP;
import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static dev.ftpsim.scenario.Fixture.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep expands into every combination, first key slowest, each point validated where its values are written. */
class SweepExpansionTest {
    // NET + FTP are lines 1-12; the sweep starts on line 13.
    static final String SWEEP = NET + FTP + """
            sweep:
              replications: 3
              vary:
                ftp.clients[0].mode: [active, passive, epsv]
                links[1].loss: [0, 0.01]
            """;

    @Test
    void pointsComeInGridOrderWithTheFirstKeyChangingSlowest() throws ScenarioException {
        final Scenario s = load(SWEEP);
        assertEquals(List.of(
                "ftp.clients[0].mode=active,links[1].loss=0", "ftp.clients[0].mode=active,links[1].loss=0.01",
                "ftp.clients[0].mode=passive,links[1].loss=0", "ftp.clients[0].mode=passive,links[1].loss=0.01",
                "ftp.clients[0].mode=epsv,links[1].loss=0", "ftp.clients[0].mode=epsv,links[1].loss=0.01"),
                s.sweepPoints().stream().map(Scenario.SweepPoint::name).toList());
        assertEquals(3, s.sweep().replications());
        assertEquals(Map.of("ftp.clients[0].mode", List.of("active", "passive", "epsv"),
                "links[1].loss", List.of("0", "0.01")), s.sweep().vary());
    }

    @Test
    void eachPointHasItsValuesAppliedAndNoSweepOfItsOwn() throws ScenarioException {
        final Scenario.SweepPoint p = load(SWEEP).sweepPoints().get(3);
        assertEquals(Map.of("ftp.clients[0].mode", "passive", "links[1].loss", "0.01"), p.values());
        assertEquals(DataMode.PASV, p.scenario().ftp().clients().get(0).mode());
        assertEquals(new LinkSpec.Bernoulli(0.01), p.scenario().links().get(1).loss());
        assertEquals(new LinkSpec.Bernoulli(0), p.scenario().links().get(0).loss(), "the other link is untouched");
        assertNull(p.scenario().sweep());
    }

    @Test
    void aScenarioWithoutSweepIsOnePointNamedDefault() throws ScenarioException {
        final Scenario s = load(NET + FTP);
        assertEquals(List.of(new Scenario.SweepPoint("default", Map.of(), s)), s.sweepPoints());
    }

    @Test
    void aVariedPathThatDoesNotExistIsReportedAtItsKey() {
        assertEquals(List.of(
                "t.yaml:15:5: sweep.vary.ftp.clients[3].mode: ftp.clients[3] does not exist: ftp.clients has 1 entry",
                "t.yaml:16:5: sweep.vary.links.1.loss: links is not a mapping: it has no key '1'",
                "t.yaml:17:5: sweep.vary.ftp.sever.port: ftp.sever does not exist in the file: write it before"
                        + " varying what is inside it",
                "t.yaml:18:5: sweep.vary.sweep.replications: a sweep cannot vary its own settings"),
                errors(NET + FTP + """
                        sweep:
                          vary:
                            ftp.clients[3].mode: [active]
                            links.1.loss: [0]
                            ftp.sever.port: [21]
                            sweep.replications: [1, 2]
                        """));
    }

    @Test
    void aBadVariedValueOrUnknownVariedKeyIsReportedInTheSweepBlock() {
        assertEquals(List.of(
                "t.yaml:15:35: ftp.clients[0].mode: unknown mode 'bogus'; expected one of active, passive, port, eprt,"
                        + " pasv, epsv",
                "t.yaml:16:24: links[1].loss: 2 is not a probability: expected a probability from 0 to 1 (or a"
                        + " percentage like 0.1%)",
                "t.yaml:17:5: links[0].lose: unknown key 'lose' (did you mean 'loss'?); expected one of ends,"
                        + " bandwidth, delay, queue, loss, mtu"),
                errors(NET + FTP + """
                        sweep:
                          vary:
                            ftp.clients[0].mode: [active, bogus]
                            links[1].loss: [0, 2]
                            links[0].lose: [1]
                        """));
    }

    @Test
    void mappingsCanBeVariedToo() throws ScenarioException {
        final Scenario s = load(NET + FTP + """
                sweep:
                  vary:
                    links[1].loss: [0, {gilbert-elliott: {p: 0.01, r: 0.5}}]
                """);
        assertEquals(List.of("links[1].loss=0", "links[1].loss={gilbert-elliott: {p: 0.01, r: 0.5}}"),
                s.sweepPoints().stream().map(Scenario.SweepPoint::name).toList());
        assertEquals(new LinkSpec.GilbertElliott(0.01, 0.5, 0, 1), s.sweepPoints().get(1).scenario().links().get(1).loss());
    }
}
