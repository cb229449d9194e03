package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind masquerade, the channel recorders learn which addresses stand for each server and keep
 * nothing per connection: they used to link every NAT'd connection's endpoints and never forget
 * them, a few hundred bytes for each connection of the run (480 MB at a million FTP sessions).
 */
class TheChannelRecordersRememberNothingPerConnectionTest {
    @Test
    void threeHundredMasqueradedSessionsLeaveNoEndpointBehind() throws Exception {
        final String text = MemoryGrowsWithLiveSessionsNotSessionsRunTest.scenario(300).replace(
                "                        - iif lan oif wan tcp dport 21 ct state new accept\n",
                "                        - iif lan oif wan tcp dport 21 ct state new accept\n"
                        + "                    nat:\n                      postrouting: [oif wan masquerade]\n");
        final Scenario s = ScenarioLoader.parse(text, "masq.yaml", java.nio.file.Path.of("."));
        final ChannelsRecorder channels = new ChannelsRecorder(s);
        final Simulation sim = new Simulation(s, s.seed(), FirewallBuilder.of(HelperRegistry.standard()),
                ProbeRegistry.standard(), List.of(channels));
        final RunSummary summary = sim.run(null, RunSink.DISCARD);
        assertEquals(300, summary.succeeded(), summary.failuresByReason().toString());
        assertFalse(channels.channels().get("fw").isEmpty(), "the channels were recorded");
        assertEquals(0, channels.remembered());
    }
}
