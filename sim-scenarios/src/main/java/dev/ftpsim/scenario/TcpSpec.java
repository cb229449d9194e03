package dev.ftpsim.scenario;

import dev.ftpsim.core.linux.LinuxKernel;
import dev.ftpsim.core.tcp.TcpConfig;

/**
 * A host's {@code kernel} and {@code tcp} block: the TCP settings that decide how a connection
 * fails, named after Linux's sysctls, each null for the kernel's default. Another operating system
 * is modelled by its values (Windows: {@code syn-retries: 2}, {@code initial-rto: 3s}).
 *
 * @param kernel the host's Linux version, or null for {@link LinuxKernel#DEFAULT}
 * @param synRetries {@code tcp_syn_retries} (6): SYNs retransmitted before connect gives up
 * @param synLinearTimeouts {@code tcp_syn_linear_timeouts} (4 from Linux 6.5, 0 before)
 * @param synAckRetries {@code tcp_synack_retries} (5)
 * @param initialRtoNanos the first retransmission timeout (1 s, RFC 6298)
 * @param receiveBuffer a fixed receive window, as SO_RCVBUF sets it (default: the kernel's tcp_rmem, autotuned)
 * @param retries2 {@code tcp_retries2} (15): data back-offs before an established connection is given up
 * @param keepaliveTimeNanos {@code tcp_keepalive_time} (7200 s), for connections with SO_KEEPALIVE
 * @param keepaliveIntervalNanos {@code tcp_keepalive_intvl} (75 s)
 * @param keepaliveProbes {@code tcp_keepalive_probes} (9)
 */
public record TcpSpec(LinuxKernel kernel, Integer synRetries, Integer synLinearTimeouts, Integer synAckRetries,
        Long initialRtoNanos, Integer receiveBuffer, Integer retries2, Long keepaliveTimeNanos,
        Long keepaliveIntervalNanos, Integer keepaliveProbes) {

    /** The kernel's defaults with this block's settings. */
    public TcpConfig config() {
        TcpConfig c = (kernel == null ? LinuxKernel.DEFAULT : kernel).tcp();
        if (synRetries != null) {
            c = c.withSynRetries(synRetries);
        }
        if (synLinearTimeouts != null) {
            c = c.withSynLinearTimeouts(synLinearTimeouts);
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
        if (retries2 != null) {
            c = c.withRetries2(retries2);
        }
        if (keepaliveTimeNanos != null || keepaliveIntervalNanos != null || keepaliveProbes != null) {
            c = c.withKeepalive(c.keepalive(),
                    keepaliveTimeNanos != null ? keepaliveTimeNanos : c.keepaliveIdleNanos(),
                    keepaliveIntervalNanos != null ? keepaliveIntervalNanos : c.keepaliveIntervalNanos(),
                    keepaliveProbes != null ? keepaliveProbes : c.keepaliveProbes());
        }
        return c;
    }
}
