package dev.ftpsim.ladder;

/**
 * One column of a ladder diagram: a host or middlebox with its own lifeline.
 *
 * @param name unique within a diagram, and what {@link LadderEvent#from()}/{@link LadderEvent#to()} name
 *             (e.g. "client 198.51.100.10", "fw1")
 * @param role what it is, shown under the name (e.g. "client", "firewall", "server"); may be empty
 */
public record LadderNode(String name, String role) {

    /** Checks that the name is usable as a column title. */
    public LadderNode {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a ladder node needs a name");
        }
        role = role == null ? "" : role;
    }
}
