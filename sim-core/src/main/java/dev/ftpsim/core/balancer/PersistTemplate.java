package dev.ftpsim.core.balancer;

/**
 * A persistence template (ipvsadm -p): the real server a client address was scheduled to, which
 * its later connections to the service follow while the template lives (ip_vs_sched_persist,
 * net/netfilter/ipvs/ip_vs_core.c).
 */
final class PersistTemplate {
    final int clientAddr;
    final int backend;
    /** Connections it scheduled that the balancer still holds (the template's n_control). */
    int controlled;
    /** Now plus the persistence timeout, each time it schedules a connection. */
    long deadline;
    boolean live = true;

    PersistTemplate(final int clientAddr, final int backend) {
        this.clientAddr = clientAddr;
        this.backend = backend;
    }
}
