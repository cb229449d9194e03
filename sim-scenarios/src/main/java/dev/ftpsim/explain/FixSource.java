package dev.ftpsim.explain;

import java.util.List;

/**
 * Proposes fixes of one kind for a failing population, or none where they cannot help. The
 * advisor tries every proposal by simulation, so a source may propose what might help; it must
 * not propose a change it cannot write (a firewall read from an nft file has no one-line rules to
 * add to: a fix there rewrites the file, {@link Fix#rulesets()}).
 */
@FunctionalInterface
public interface FixSource {
    List<Fix> propose(Diagnosis d);
}
