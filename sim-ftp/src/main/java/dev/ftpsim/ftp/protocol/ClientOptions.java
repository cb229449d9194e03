package dev.ftpsim.ftp.protocol;

/**
 * Client settings; {@code dev.ftpsim.ftp.profile.ClientProfiles} bundles real clients' defaults.
 *
 * @param mode            the first data setup command tried
 * @param epsvFallback    after a 5xx to EPSV, try PASV (curl, lftp, FileZilla do)
 * @param eprtFallback    after a 5xx to EPRT, try PORT (curl does)
 * @param pasvPolicy      what to do with the address in a 227 reply
 * @param activePort      where an active-mode client listens
 * @param binary          send TYPE I before RETR/STOR (all profiled clients do for files)
 * @param replyNanos      reply timeout, 0 = none
 * @param dataConnectNanos data connect timeout for passive connects, 0 = the host's TCP decides
 * @param maxLine         longest reply line kept
 */
public record ClientOptions(DataMode mode, boolean epsvFallback, boolean eprtFallback, PasvPolicy pasvPolicy,
                            ActivePort activePort, boolean binary, long replyNanos, long dataConnectNanos,
                            int maxLine) {

    /** The data setup commands. */
    public enum DataMode { PORT, EPRT, PASV, EPSV;
        /** True for the client-listens modes. */
        public boolean active() {
            return this == PORT || this == EPRT;
        }
    }

    /** The 227 address policy. */
    public enum PasvPolicy {
        /** Use the control connection's peer address (curl >= 7.74 default, Commons Net >= 3.9, ftplib). */
        IGNORE,
        /** Use the 227 address as given (classic clients; fails behind a server-side NAT). */
        TRUST,
        /** Use it unless it is private while the control peer is not (FileZilla, lftp, Commons Net's rule). */
        TRUST_UNLESS_PRIVATE
    }

    /** Where an active-mode client listens. */
    public enum ActivePort {
        /** Control connection's local port + 1 (RFC 959 §3.2 default data port U, as BSD ftp did). */
        CLASSIC,
        /** Any ephemeral port (modern clients). */
        EPHEMERAL
    }

    /** Defaults: passive EPSV with PASV fallback, 227 address ignored (curl's). */
    public static ClientOptions defaults() {
        return new ClientOptions(DataMode.EPSV, true, true, PasvPolicy.IGNORE, ActivePort.EPHEMERAL, true,
                60_000_000_000L, 0, 8192);
    }

    /** A copy with another mode. */
    public ClientOptions withMode(DataMode m) {
        return new ClientOptions(m, epsvFallback, eprtFallback, pasvPolicy, activePort, binary, replyNanos,
                dataConnectNanos, maxLine);
    }

    /** A copy with another 227 policy. */
    public ClientOptions withPasvPolicy(PasvPolicy p) {
        return new ClientOptions(mode, epsvFallback, eprtFallback, p, activePort, binary, replyNanos,
                dataConnectNanos, maxLine);
    }

    /** A copy with another active port choice. */
    public ClientOptions withActivePort(ActivePort a) {
        return new ClientOptions(mode, epsvFallback, eprtFallback, pasvPolicy, a, binary, replyNanos,
                dataConnectNanos, maxLine);
    }
}
