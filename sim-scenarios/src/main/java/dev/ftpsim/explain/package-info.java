/**
 * The fix advisor behind {@code ftpsim explain} and a run's explain section: for each client
 * population with failed sessions, the failure chain in words (which firewall dropped the data
 * connection by which rule or conntrack decision, what the client last read), then candidate fixes
 * tried by simulation. Each candidate ({@link dev.ftpsim.explain.Fix}) is a few {@link
 * dev.ftpsim.scenario.ScenarioEdit}s applied to a copy of the scenario file's tree, or a rewrite of
 * a ruleset file it reads ({@link dev.ftpsim.explain.RulesetEdit}, written to a temporary copy the
 * scenario's copy reads instead), run with the same seed; it works when every session of the population then succeeds and no other population
 * loses a session. Candidates come from {@link dev.ftpsim.explain.FixCatalog}, one {@link
 * dev.ftpsim.explain.FixSource} per kind of fix: a new kind (a balancer's affinity) is one more
 * source. A population that a firewall's own drop rule keeps out of its port is said to be kept
 * out by design ({@link dev.ftpsim.explain.KeptOut}), and no fix is tried for it.
 */
package dev.ftpsim.explain;
