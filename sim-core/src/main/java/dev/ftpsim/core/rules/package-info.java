/**
 * The front end of the rule engine: nft text, {@code nft -j} JSON and iptables-save read into one
 * intermediate form (IR) that the evaluator compiles into a small VM over primitive registers.
 *
 * <h2>Theory of operation</h2>
 * <p>Three readers build the same model. {@link dev.ftpsim.core.rules.NftParser} applies a file's
 * commands in order, as {@code nft -f} does: {@code table} blocks and bare declarations, script
 * commands ({@code add}/{@code insert}/{@code create}/{@code replace}, {@code flush}, {@code delete}),
 * {@code define}/{@code $var} (expanded token by token, so a define may hold a set),
 * {@code include} (relative to the including file; a glob matching nothing is fine, a missing plain
 * file is an error; only regular files, 16 levels as nft, 4 MiB and 1,000 files included in all). Names a command refers to (chains, sets, objects, flowtables) are resolved when
 * the command ends, so chains of one table block may refer to each other but a {@code goto} to a
 * chain a later command adds is refused, as nft refuses it. {@link dev.ftpsim.core.rules.NftJsonReader}
 * reads the libnftables-json schema with Jackson's tree model, one position per top-level object.
 * {@link dev.ftpsim.core.rules.IptablesReader} translates iptables-save as iptables-nft would: each
 * {@code *table} is an ip table whose built-in chains hook where iptables' do (raw -300, mangle -150
 * with a route-type OUTPUT, nat -100 at prerouting/output and 100 at input/postrouting, filter 0,
 * security 50), interface/address/protocol tests come first, {@code -m} matches follow in their
 * order, the target last.
 *
 * <p>The IR: a {@link dev.ftpsim.core.rules.Ruleset} of {@link dev.ftpsim.core.rules.Table}s (family,
 * name) holding {@link dev.ftpsim.core.rules.Chain}s (base: type, hook, numeric priority with names and
 * {@code filter + 10} resolved, policy), {@link dev.ftpsim.core.rules.NamedSet}s (typed keys, map data,
 * flags, elements with timeouts), {@link dev.ftpsim.core.rules.NamedObject}s and
 * {@link dev.ftpsim.core.rules.Flowtable}s. A {@link dev.ftpsim.core.rules.Rule} is a flat list of
 * {@link dev.ftpsim.core.rules.Stmt} items over {@link dev.ftpsim.core.rules.Expr} values; constants
 * are already numbers of a {@link dev.ftpsim.core.rules.DataType} (symbols, services, icmp types,
 * ct state bits), addresses are ints/longs, and every node carries its {@link dev.ftpsim.core.rules.Pos}.
 * {@code Canon} puts each rule in the form the kernel holds (implied protocol matches dropped, one-element
 * sets as values, mark arithmetic as {@code (x & mask) ^ xor}, plain {@code reject} per family, prefixes
 * without host bits), so {@link dev.ftpsim.core.rules.IrText#canonical} equality, which ignores positions,
 * holds across the three front ends and across a {@code nft list ruleset} round trip.
 *
 * <p>Errors: each reader records a {@link dev.ftpsim.core.rules.RuleError} ({@code file:line:col: message})
 * and goes on with the next rule or declaration; a file with errors throws one
 * {@link dev.ftpsim.core.rules.RulesetException} with all of them. Anything not modelled (a match, a
 * statement, an option, a set flag) is such an error that says what it is.
 *
 * <h2>What the evaluator must do with the IR</h2>
 * <ul>
 *   <li>Hooks: run the base chains of every table whose family sees the packet (ip and inet for IPv4,
 *       ip6 and inet for IPv6 on hosts and routers; bridge tables on a switch, for the frames it bridges;
 *       arp and netdev tables are kept but never run), ordered by priority; a policy applies when a base
 *       chain ends; skip dormant tables.</li>
 *   <li>Implicit dependencies that {@code Canon} removed from the text: a field of tcp/udp/icmp/icmpv6/
 *       sctp matches only packets of that protocol; in inet tables an {@code ip}/{@code ip6} field
 *       matches only that family; {@code th} needs a transport header. {@code tcp flags syn} style
 *       ({@code Op.IMPLICIT} on a bitmask) means any of the bits is set; {@code NE} on a bitmask means
 *       none is.</li>
 *   <li>Lookups: anonymous and named sets with prefixes, ranges and concatenations (interval
 *       structures on packed keys); maps yielding values, verdicts ({@code Vmap}: no element, the rule
 *       goes on) or object names; element timeouts and set timeouts in simulated time; {@code SetUpdate}
 *       adding keys (with per-element limits: hashlimit and meters) to dynamic sets up to their size.</li>
 *   <li>Verdicts: jump pushes, goto replaces, return pops, with the kernel's jump stack depth
 *       (NFT_JUMP_STACK_SIZE) as the limit; anonymous chains are regular chains named {@code __chainN}.</li>
 *   <li>Interfaces: names ending in {@code *} are prefixes; {@code iif}/{@code oif} carry names (or
 *       numbers) to resolve to indexes when the ruleset is bound to a node
 *       ({@link dev.ftpsim.core.rules.InterfaceRefs} lists them).</li>
 *   <li>Statements: counters and named counters; {@code Log} into the run log (rate-limited by a
 *       preceding {@code Limit}); {@code Limit} as a token bucket per rule or per named object
 *       ({@code over} inverts); {@code Quota}; {@code Reject} (tcp reset, icmp/icmpv6/icmpx codes);
 *       {@code Notrack}; {@code Assign} to meta mark, ct mark, ct zone, and the MSS option (clamp to
 *       {@code rt mtu}); {@code ObjRef} to ct helper (ftp is the modelled helper; other helper types
 *       assign a helper that does nothing), ct timeout (per-state timeouts) and ct expectation objects;
 *       {@code Nat} with address/port ranges, maps and random/fully-random/persistent flags (family 0:
 *       decided by the address, in inet tables); {@code FlowAdd} offloading the connection so later
 *       packets skip the forward hook; {@code Numgen}/{@code Jhash} values; {@code CtCount};
 *       xtables' {@code Recent}, {@code ConnLimit} and {@code ChecksumFill} (a no-op: no checksums).</li>
 * </ul>
 *
 * <h2>Checks not yet done</h2>
 * Type agreement between a match's sides and between a set's declared type and its uses (jump loops,
 * jumps to base chains and NAT outside its hooks are refused when the ruleset is compiled, interface
 * existence when it is bound to a node); helper modules the kernel lacks (rtsp; a helper name Linux
 * does not have at all is taken, as code can plug one in); nft 1.0.6 vs newer syntax (ftpsim accepts
 * dstnat at output and srcnat at input, as newer nft does, because Docker's rulesets use it, and a
 * block closed on the line of another, {@code table ip t { chain c { } }}, which nft 1.0.6 refuses
 * without a {@code ;} after the inner brace); {@code !=} before flags ({@code tcp flags != syn},
 * {@code ct state != established,related}) is "none of these bits" here, an exact inequality in
 * nft 1.0.6's bytecode (docs/scenario-format.md says how to write it for both). The JSON reader
 * cannot read anonymous chains (nft 1.0.6 prints them as text inside JSON) and nft 1.0.6's JSON omits
 * the {@code dynamic} set flag.
 */
package dev.ftpsim.core.rules;
