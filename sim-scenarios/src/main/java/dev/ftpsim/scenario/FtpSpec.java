package dev.ftpsim.scenario;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ServerOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The {@code ftp} block: servers and client populations.
 *
 * @param servers from {@code ftp.server} (one) or {@code ftp.servers} (a list)
 * @param clients client populations, in file order
 */
public record FtpSpec(List<Server> servers, List<Clients> clients) {
    public FtpSpec {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
    }

    /**
     * An FTP server: a profile's settings, then the overrides written in the scenario (null =
     * the profile's value).
     *
     * @param host the host it runs on
     * @param port control port (default 21)
     * @param profile vsftpd (default) or proftpd
     * @param pasvPorts passive port range or null
     * @param pasvAddress address advertised in 227 replies, or null
     * @param connectFromPort20 active-mode data from port 20, or null
     * @param anonymousWrite anonymous users may upload, or null
     * @param idleTimeoutNanos control idle timeout, or null
     * @param dataTimeoutNanos data stall timeout, or null
     * @param maxSessions concurrent sessions (0 = unlimited), or null
     * @param tls AUTH TLS accepted (explicit FTPS, RFC 4217), or null (the profiles: no)
     * @param ccc CCC accepted after AUTH TLS, or null (the profiles: no)
     * @param files path to size in bytes, in file order
     * @param access promiscuity, accounts and data timeouts
     */
    public record Server(String host, int port, String profile, PortRange pasvPorts, Integer pasvAddress,
            Boolean connectFromPort20, Boolean anonymousWrite, Long idleTimeoutNanos, Long dataTimeoutNanos,
            Integer maxSessions, Boolean tls, Boolean ccc, Map<String, Long> files, Access access) {
        public Server {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }

        /** The profile's options with this scenario's overrides applied. */
        public ServerOptions options() {
            final ServerOptions.Builder b = ServerProfiles.of(profile);
            if (pasvPorts != null) {
                b.pasvPorts(pasvPorts.min(), pasvPorts.max());
            }
            if (pasvAddress != null) {
                b.pasvAddress(pasvAddress);
            }
            if (connectFromPort20 != null) {
                b.connectFromPort20(connectFromPort20);
            }
            if (anonymousWrite != null) {
                b.anonymousWrite(anonymousWrite);
            }
            if (idleTimeoutNanos != null) {
                b.idleNanos(idleTimeoutNanos);
            }
            if (dataTimeoutNanos != null) {
                b.dataStallNanos(dataTimeoutNanos);
            }
            if (maxSessions != null) {
                b.maxSessions(maxSessions);
            }
            if (tls != null) {
                b.tls(tls);
            }
            if (ccc != null) {
                b.ccc(ccc);
            }
            access.apply(b);
            return b.build();
        }
    }

    /**
     * A server's data-connection checks, accounts and data timeouts (null = the profile's value).
     *
     * @param portPromiscuous vsftpd port_promiscuous (proftpd AllowForeignAddress)
     * @param pasvPromiscuous vsftpd pasv_promiscuous (proftpd AllowForeignAddress)
     * @param anonymous anonymous login (vsftpd anonymous_enable, proftpd an {@code <Anonymous>} block)
     * @param localEnable vsftpd local_enable: false refuses every non-anonymous USER with 530
     * @param users accounts for USER/PASS; empty = none
     * @param connectTimeoutNanos active data connect timeout (vsftpd connect_timeout)
     * @param acceptTimeoutNanos passive data accept timeout (vsftpd accept_timeout)
     * @param noTransferTimeoutNanos logged in without a transfer (proftpd TimeoutNoTransfer), 0 = off
     * @param epsvEprt false: EPSV and EPRT answered "502 Command not implemented." (a server older than RFC 2428)
     */
    public record Access(Boolean portPromiscuous, Boolean pasvPromiscuous, Boolean anonymous, Boolean localEnable,
            List<User> users,
            Long connectTimeoutNanos, Long acceptTimeoutNanos, Long noTransferTimeoutNanos, Boolean epsvEprt) {
        public Access {
            users = List.copyOf(users);
        }

        void apply(final ServerOptions.Builder b) {
            if (epsvEprt != null) {
                b.extended(epsvEprt);
            }
            if (portPromiscuous != null) {
                b.portPromiscuous(portPromiscuous);
            }
            if (pasvPromiscuous != null) {
                b.pasvPromiscuous(pasvPromiscuous);
            }
            if (anonymous != null) {
                b.anonymous(anonymous);
            }
            if (localEnable != null) {
                b.localEnable(localEnable);
            }
            if (!users.isEmpty()) {
                final Map<String, String> pw = new LinkedHashMap<>();
                final Map<String, String> homes = new LinkedHashMap<>();
                users.forEach(u -> {
                    pw.put(u.name(), u.password());
                    homes.put(u.name(), u.home());
                });
                b.users(pw).homes(homes);
            }
            if (connectTimeoutNanos != null) {
                b.dataConnectNanos(connectTimeoutNanos);
            }
            if (acceptTimeoutNanos != null) {
                b.acceptNanos(acceptTimeoutNanos);
            }
            if (noTransferTimeoutNanos != null) {
                b.noTransferNanos(noTransferTimeoutNanos);
            }
        }
    }

    /** An account: {@code login NAME PASSWORD} logs in and starts in {@code home}. */
    public record User(String name, String password, String home) {}

    /**
     * A client population's time limits (null = the profile's).
     *
     * @param connectTimeoutNanos curl --connect-timeout: from the transfer's start, its control and data connects together
     * @param maxTimeNanos the whole session (curl --max-time)
     * @param maxRetries lftp's net:max-retries (0 there: no limit, as lftp reads it)
     * @param reconnectBaseNanos lftp's net:reconnect-interval-base
     * @param reconnectMultiplier lftp's net:reconnect-interval-multiplier
     * @param reconnectMaxNanos lftp's net:reconnect-interval-max
     */
    public record Limits(Long connectTimeoutNanos, Long maxTimeNanos, Integer maxRetries, Long reconnectBaseNanos,
            Double reconnectMultiplier, Long reconnectMaxNanos) {
        /** Time limits only. */
        public Limits(final Long connectTimeoutNanos, final Long maxTimeNanos) {
            this(connectTimeoutNanos, maxTimeNanos, null, null, null, null);
        }
    }

    /** An inclusive port range, {@code 30000-30100}. */
    public record PortRange(int min, int max) {}

    /**
     * A client population: {@code sessions} sessions, each running {@code script} once, started
     * by {@code arrivals}. On a host group, session {@code k} runs on member {@code k mod count}.
     *
     * @param name the population's name, unique in the scenario: its {@code name}, else its host
     *     (a host with several populations: {@code <host>-1}, {@code <host>-2}, ... in file order);
     *     its sessions are {@code <name>#<k>}
     * @param host a host or host group
     * @param serverAddress the address dialled (a server's host, or e.g. a DNAT address)
     * @param port the control port dialled
     * @param profile client software (default curl)
     * @param mode data setup command, or null for the profile's
     * @param pasvPolicy what to do with the 227 address, or null for the profile's
     * @param activePort where active mode listens, or null for the profile's
     * @param sessions number of sessions (0 disables the population)
     * @param arrivals when sessions start
     * @param script the steps of each session, QUIT appended
     * @param keepaliveNanos NOOP interval during transfers, or null for the profile's (off)
     * @param replyTimeoutNanos reply timeout, or null for the profile's
     * @param tcpKeepaliveNanos TCP keepalive idle and interval on the control connection (0 = off),
     *                          or null for the profile's (curl: 60 s)
     * @param tls explicit FTPS: AUTH TLS before the login, PBSZ 0 and PROT P after it (curl --ssl-reqd)
     * @param ccc CCC after PROT, clearing the control connection again (curl --ftp-ssl-ccc); needs tls
     * @param limits connect and total time limits
     * @param serverAddress6 the IPv6 address dialled ({@code server: 2001:db8:2::10}), null to dial
     *                       {@code serverAddress}
     */
    public record Clients(String name, String host, int serverAddress, int port, String profile, ClientOptions.DataMode mode,
            ClientOptions.PasvPolicy pasvPolicy, ClientOptions.ActivePort activePort, int sessions,
            Arrivals arrivals, List<Step> script, Long keepaliveNanos, Long replyTimeoutNanos,
            Long tcpKeepaliveNanos, boolean tls, boolean ccc, Limits limits, String serverAddress6) {
        public Clients {
            script = List.copyOf(script);
        }

        /** The same population under another name. */
        public Clients withName(final String n) {
            return new Clients(n, host, serverAddress, port, profile, mode, pasvPolicy, activePort, sessions, arrivals,
                    script, keepaliveNanos, replyTimeoutNanos, tcpKeepaliveNanos, tls, ccc, limits, serverAddress6);
        }

        /** The profile's options with this population's overrides applied. */
        public ClientOptions options() {
            final ClientOptions.Builder b = ClientProfiles.of(profile);
            if (mode != null) {
                b.mode(mode);
            }
            if (pasvPolicy != null) {
                b.pasvPolicy(pasvPolicy);
            }
            if (activePort != null) {
                b.activePort(activePort);
            }
            if (keepaliveNanos != null) {
                b.keepaliveNanos(keepaliveNanos);
            }
            if (replyTimeoutNanos != null) {
                b.replyNanos(replyTimeoutNanos).endReplyNanos(0); // curl --ftp-response-timeout bounds every reply
                if ("lftp".equals(profile)) {
                    b.dataConnectNanos(replyTimeoutNanos); // net:timeout bounds lftp's connects too
                }
            }
            if (tcpKeepaliveNanos != null) {
                b.tcpKeepaliveNanos(tcpKeepaliveNanos);
            }
            if (limits.connectTimeoutNanos() != null) {
                b.connectNanos(limits.connectTimeoutNanos());
            }
            if (limits.maxTimeNanos() != null) {
                b.maxTimeNanos(limits.maxTimeNanos());
            }
            if (limits.maxRetries() != null) {
                b.maxRetries(limits.maxRetries() == 0 ? Integer.MAX_VALUE : limits.maxRetries());
            }
            if (limits.reconnectBaseNanos() != null) {
                b.reconnectNanos(limits.reconnectBaseNanos());
            }
            if (limits.reconnectMultiplier() != null) {
                b.reconnectMultiplier(limits.reconnectMultiplier());
            }
            if (limits.reconnectMaxNanos() != null) {
                b.reconnectMaxNanos(limits.reconnectMaxNanos());
            }
            return b.build();
        }
    }

    /** When the sessions of a population start. */
    public sealed interface Arrivals permits At, Uniform, Poisson, Every {}

    /** {@code at 0s}: all at one time. */
    public record At(long nanos) implements Arrivals {}

    /** {@code uniform 0-1s}: each at an independent uniform time in [from, to]. */
    public record Uniform(long fromNanos, long toNanos) implements Arrivals {}

    /** {@code poisson 10/s}: a Poisson process from time 0, {@code perSecond} sessions a second on average. */
    public record Poisson(double perSecond) implements Arrivals {}

    /** {@code every 100ms}: one at 0, then one every interval. */
    public record Every(long intervalNanos) implements Arrivals {}

    /** One step of a client script. */
    public sealed interface Step permits Login, Get, Put, ListDir, Cwd, Wait {}

    /** {@code login anonymous} or {@code login USER PASSWORD}. */
    public record Login(String user, String password) implements Step {}

    /** {@code get PATH}: RETR. */
    public record Get(String path) implements Step {}

    /** {@code put PATH SIZE}: STOR of a size drawn from {@code size}. */
    public record Put(String path, SizeDist size) implements Step {}

    /** {@code list PATH} (LIST) or {@code nlst PATH} (NLST). */
    public record ListDir(String path, boolean namesOnly) implements Step {}

    /** {@code cd PATH}: CWD. */
    public record Cwd(String path) implements Step {}

    /** {@code wait DURATION}: the user pauses before the next command; nothing is sent. */
    public record Wait(long nanos) implements Step {}

    /** Upload sizes: fixed, or drawn per session. */
    public sealed interface SizeDist permits Fixed, UniformSize, Exponential, LogNormal {
        /** A size in bytes, at least 0. */
        long sample(RandomGenerator random);
    }

    /** {@code 10MB}. */
    public record Fixed(long bytes) implements SizeDist {
        @Override
        public long sample(final RandomGenerator random) {
            return bytes;
        }
    }

    /** {@code uniform 1MB-10MB}. */
    public record UniformSize(long lo, long hi) implements SizeDist {
        @Override
        public long sample(final RandomGenerator random) {
            return lo + (long) (random.nextDouble() * (hi - lo + 1));
        }
    }

    /** {@code exponential 5MB}: exponential with this mean. */
    public record Exponential(long mean) implements SizeDist {
        @Override
        public long sample(final RandomGenerator random) {
            return Math.round(-mean * Math.log(1 - random.nextDouble()));
        }
    }

    /** {@code lognormal 1MB 1.5}: median and sigma of the log, the usual shape of file sizes. */
    public record LogNormal(long median, double sigma) implements SizeDist {
        @Override
        public long sample(final RandomGenerator random) {
            return Math.round(median * Math.exp(sigma * random.nextGaussian()));
        }
    }
}
