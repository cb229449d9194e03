/**
 * The Java API for embedding ftpsim in tests, notebooks and jshell: load a scenario file, run it
 * with a seed, read typed results. The {@code ftpsim} command line runs through this API too.
 *
 * <pre>{@code
 * Scenario s = Ftpsim.load(Path.of("examples/passive-server-dnat-helper.yaml"));
 * RunResult r = Ftpsim.run(s, 42);
 * r.sessions().forEach(row -> System.out.println(row.label() + " " + row.record().ok()));
 * long inserted = r.firewall("fw").counters().get("inserted");
 * long[] entries = r.timeseries().column("conntrack_fw");
 * }</pre>
 *
 * <p>A run is deterministic: the same scenario and seed give the same results. Runs are
 * independent and single-threaded; run several at once on several threads if you like.
 */
package dev.ftpsim.api;
