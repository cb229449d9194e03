/**
 * The real-kernel cross-check: a scenario's client, router and server built as Linux network
 * namespaces ({@link dev.ftpsim.lab.LabNetwork}), the router's nftables ruleset loaded as the
 * scenario names it, vsftpd and curl configured from the scenario's profiles, and the session's
 * outcome compared with ftpsim's ({@link dev.ftpsim.lab.CrossCheck}, {@link dev.ftpsim.lab.Verdict}).
 *
 * <p>Theory of operation: a cell is a scenario file and a data mode. {@code CrossCheck.simulate}
 * runs it through the normal loader and runner; {@code CrossCheck.real} builds the namespaces,
 * adds a counting table to the router (data SYNs by conntrack state), starts vsftpd, runs curl
 * to its end, reads the counters and tears everything down by name and PID. Both results become
 * a {@link dev.ftpsim.lab.Verdict}: outcome and failure class plus the data connection's state.
 * Nothing here touches the host's own interfaces, rules or sysctls.
 */
package dev.ftpsim.lab;
