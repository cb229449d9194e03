package dev.ftpsim.core.conntrack;

/** Told of each connection a {@link Conntrack} table forgets, and of each it refuses to track. */
@FunctionalInterface
public interface ForgetListener {
    /**
     * @param e the entry, or null for a connection never tracked ({@code table_full} on a new packet)
     * @param origIps the connection's original tuple, address word ({@link FiveTuple})
     * @param origPorts its port word
     * @param reason {@code expired} (its state's timeout passed), {@code evicted} (early drop to make
     *     room), {@code reset} (the only reply was a reset), {@code reopened} (a new SYN in
     *     TIME_WAIT or CLOSE), {@code table_full} (not tracked: no room)
     * @param at when: the deadline it passed for {@code expired}, else now
     */
    void forgot(ConnEntry e, long origIps, long origPorts, String reason, long at);
}
