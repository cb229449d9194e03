package dev.ftpsim.explain;

import java.util.List;

/**
 * What {@code ftpsim explain} says of a scenario: each failing population's verdict.
 *
 * @param populations one per population with a failed session, in the file's order
 * @param retried each population with a session that succeeded only after retrying (on another
 *     control connection or in another data setup): a success its user waited for
 */
public record Explanation(String scenario, long seed, int sessions, int failed, List<PopulationVerdict> populations,
        List<Retried> retried) {
    public Explanation {
        populations = List.copyOf(populations);
        retried = List.copyOf(retried);
    }

    public Explanation(final String scenario, final long seed, final int sessions, final int failed,
            final List<PopulationVerdict> populations) {
        this(scenario, seed, sessions, failed, populations, List.of());
    }

    /**
     * The report as Markdown: what {@code explain.md} holds and the console prints. Every text from
     * the scenario is escaped ({@link MarkdownText}), so a name or a rule's comment renders as written.
     */
    public String markdown() {
        final StringBuilder sb = new StringBuilder();
        sb.append(populations.isEmpty() && !retried.isEmpty() ? "# Why sessions of " + t(scenario) + " retried"
                : "# Why sessions of " + t(scenario) + " fail").append(" (seed ").append(seed).append(")\n\n");
        if (populations.isEmpty()) {
            sb.append("Every one of the ").append(sessions).append(" sessions succeeded")
                    .append(retried.isEmpty() ? ": nothing to explain.\n" : ", some only after retrying:\n\n");
            retried(sb);
            return sb.toString();
        }
        for (final PopulationVerdict p : populations) {
            sb.append("## Population ").append(t(p.population())).append(" (").append(t(p.profile())).append(", ")
                    .append(t(p.mode())).append(", on ").append(t(p.host())).append("): ").append(p.failed()).append(" of ")
                    .append(p.sessions()).append(" failed\n\n");
            sb.append("Session ").append(t(p.session())).append(":\n\n");
            p.chain().forEach(step -> sb.append("- ").append(t(step)).append('\n'));
            if (p.keptOut() != null) {
                sb.append("\nKept out by design: ").append(t(p.keptOut())).append(".\n\n");
                continue;
            }
            sb.append("\nFixes tried, each one change to a copy of the scenario, run with seed ").append(seed)
                    .append(":\n\n");
            if (p.fixes().isEmpty()) {
                sb.append("- none of the advisor's fixes applies to this failure\n");
            }
            for (final FixTrial f : p.fixes()) {
                sb.append("- ").append(f.works() ? "WORKS" : "no").append(": ").append(t(f.fix()));
                if (f.error() != null) {
                    sb.append(" (could not be tried: ").append(t(f.error())).append(")\n");
                    continue;
                }
                sb.append(" (").append(f.succeeded()).append(" of ").append(f.sessions()).append(" ok")
                        .append(f.othersLost() > 0 ? ", " + f.othersLost() + " sessions of other populations lost" : "")
                        .append("): ").append(t(f.why())).append('\n');
                f.edits().forEach(e -> sb.append("  - ").append(MarkdownText.code(e.toString())).append('\n'));
                for (final RulesetEdit r : f.rulesets()) {
                    sb.append("  - in ").append(t(r.file())).append(" (firewall ").append(t(r.firewall()))
                            .append("), each balancing rule becomes, the other endpoints' chains and sets removed:\n");
                    r.changes().forEach(c -> sb.append("    - ").append(MarkdownText.code(c)).append('\n'));
                }
            }
            if (p.fixes().stream().noneMatch(FixTrial::works)) {
                sb.append("\nNo single change found that makes every session of ").append(t(p.population()))
                        .append(" succeed.\n");
            }
            sb.append('\n');
        }
        if (!retried.isEmpty()) {
            sb.append("## Succeeded only after retrying\n\n");
            retried(sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Each population that retried, and the change tried that spares it the retry. */
    private void retried(final StringBuilder sb) {
        for (final Retried r : retried) {
            sb.append("- ").append(t(r.note())).append('\n');
            for (final FixTrial f : r.fixes()) {
                sb.append("  - ").append(f.works() ? "WORKS" : "no").append(": ").append(t(f.fix()));
                if (f.error() != null) {
                    sb.append(" (could not be tried: ").append(t(f.error())).append(")\n");
                    continue;
                }
                sb.append(" (").append(f.succeeded()).append(" of ").append(f.sessions()).append(" ok at the first try")
                        .append(f.othersLost() > 0 ? ", " + f.othersLost() + " sessions of other populations lost" : "")
                        .append("): ").append(t(f.why())).append('\n');
                f.edits().forEach(e -> sb.append("    - ").append(MarkdownText.code(e.toString())).append('\n'));
            }
        }
    }

    /** The scenario's own text (a name, a rule, a reply) renders as itself, not as Markdown or HTML. */
    private static String t(final String s) {
        return MarkdownText.text(s);
    }
}
