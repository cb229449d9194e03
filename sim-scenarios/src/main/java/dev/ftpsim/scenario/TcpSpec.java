package dev.ftpsim.scenario;

import dev.ftpsim.core.tcp.TcpConfig;

/**
 * A host's {@code tcp} block: the few TCP settings that decide how a connection fails, named after
 * Linux's sysctls, each null for Linux's default. Another operating system is modelled by its
 * values (Windows: {@code syn-retries: 2}, {@code initial-rto: 3s}).
 *
 * @param synRetries {@code tcp_syn_retries} (6): SYNs retransmitted before connect gives up
 * @param synAckRetries {@code tcp_synack_retries} (5)
 * @param initialRtoNanos the first retransmission timeout (1 s, RFC 6298)
 * @param receiveBuffer a fixed receive window, as SO_RCVBUF sets it (default: 128 KiB, autotuned)
 */
public record TcpSpec(Integer synRetries, Integer synAckRetries, Long initialRtoNanos, Integer receiveBuffer) {

    /** {@code base} with this block's settings. */
    public TcpConfig apply(final TcpConfig base) {
        TcpConfig c = base;
        if (synRetries != null) {
            c = c.withSynRetries(synRetries);
        }
        if (synAckRetries != null) {
            c = c.withSynAckRetries(synAckRetries);
        }
        if (initialRtoNanos != null) {
            c = c.withInitialRto(initialRtoNanos);
        }
        if (receiveBuffer != null) {
            c = c.withReceiveBuffer(receiveBuffer);
        }
        return c;
    }
}
