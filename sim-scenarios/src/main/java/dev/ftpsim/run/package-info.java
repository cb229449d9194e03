/**
 * Running a scenario, and the files a run writes.
 *
 * <p>Theory of operation: a {@link dev.ftpsim.run.Simulation} is one scenario built with one seed.
 * Building is done by three builders, each owning one floor: {@link dev.ftpsim.run.NetworkBuilder}
 * (hosts, groups, routers, links, routes), {@link dev.ftpsim.run.FirewallBuilder} (rulesets and
 * conntrack, helpers taken from a {@link dev.ftpsim.run.HelperRegistry} by type) and {@code
 * FtpBuilder} (servers and client populations). What a command wants to see is not a mode of the
 * run but a list of {@link dev.ftpsim.run.Recorder}s it passes in: pcap, ladder, channels, data
 * paths; each is told of the build steps and of each session's end. The time series samples named
 * {@link dev.ftpsim.run.Probe}s from a {@link dev.ftpsim.run.ProbeRegistry}, between events, so
 * recording changes nothing that is simulated. {@link dev.ftpsim.run.ScenarioRunner} composes the
 * runs each command makes; {@code dev.ftpsim.api.Ftpsim} is their public face.
 */
package dev.ftpsim.run;
