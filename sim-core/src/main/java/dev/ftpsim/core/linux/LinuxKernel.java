package dev.ftpsim.core.linux;

import dev.ftpsim.core.conntrack.EarlyDropScan;
import dev.ftpsim.core.tcp.TcpConfig;
import java.util.List;

/**
 * A Linux version and the defaults on the path of FTP through a firewall that depend on it. Each
 * difference is cited where it is decided:
 * <ul>
 * <li>SYN retransmissions: {@code tcp_syn_linear_timeouts} (default 4) since 6.5, commit
 *     ccce324dabfe ("tcp: make the first N SYN RTO backoffs linear"); 0 before, the doubling
 *     schedule ({@link TcpConfig#synGiveUpNanos}).
 * <li>Helper assignment: before 4.7 a loaded helper was assigned to new connections to its port
 *     automatically ({@code nf_conntrack_helper} = 1); 4.7 turned that default off (commit
 *     3bb398d925ec, "netfilter: nf_ct_helper: disable automatic helper assignment"), and 6.0 removed
 *     the sysctl (commit b118509076b3), leaving {@code ct helper set} rules.
 * <li>Conntrack sizing ({@code nf_conntrack_init_start}, net/netfilter/nf_conntrack_core.c) on a
 *     64-bit machine with more than 4 GiB: before 5.15, 65536 buckets and {@code nf_conntrack_max}
 *     4 times that; since 5.15 (commit d532bcd0b269, "netfilter: conntrack: sanitize table size
 *     default settings") 262144 buckets and max = buckets. Both give a max of 262144, but the
 *     expectation limit, derived from the buckets, is 1024 before and 4096 after.
 * <li>{@code tcp_rmem}'s middle value, the receive buffer a connection starts with: 87380 before
 *     commit a337531b942b ("tcp: up initial rmem to 128KB and SYN rwin to around 64KB", net/ipv4/tcp.c
 *     {@code tcp_init()}), 131072 after. It landed in 4.20 and was backported to 4.19.86, so 4.19
 *     here is a current 4.19.y: 131072. ftpsim offers this value as its initial window.
 * <li>A retransmitted SYN renews an entry in SYN_SENT before commit e15d4cdf27cb ("netfilter:
 *     conntrack: do not renew entry stuck in tcp SYN_SENT state", 5.14), not after. The change was
 *     backported in February 2023 to 4.19.272, 5.4.231 and 5.10.166 (their stable review series
 *     list it), not to 4.14.305 (its series does not), and 4.9 had reached its end by then: so
 *     3.10 to 4.14 renew, 4.19 and later (each a current .y) do not.
 * <li>The conntrack gc worker's early drop ({@code gc_worker_can_early_drop()} and the l4
 *     protocols' {@code can_early_drop}, net/netfilter/nf_conntrack_core.c): from 4.10 (commit
 *     c6dd940b1f74, "netfilter: allow early drop of assured conntracks"); 3.10 to 4.9 never
 *     free a table full of assured entries early.
 * <li>Conntrack's {@code early_drop()} (nf_conntrack_core.c) when a new connection finds the table
 *     full: one entry not assured within the first 8 tuples of the hash chains from the new tuple's
 *     bucket, the oldest of its chain in 3.10 and the newest from 3.19 (per-bucket locks), then from
 *     4.7 every entry not assured of the first of 8 buckets that has any ({@link EarlyDropScan}).
 * <li>A SYN from the reply side on a TIME_WAIT entry: INVALID in 3.10, a new connection from
 *     4.4 ({@link #replySynReopens}).
 * </ul>
 * Unchanged across these versions: see docs/scenario-format.md, "Kernel versions", for each
 * default of the FTP path and the file that was read for it.
 *
 * @param major e.g. 6
 * @param minor e.g. 12
 */
public record LinuxKernel(int major, int minor) implements Comparable<LinuxKernel> {
    /** The versions a scenario may name: long-term kernels from 3.10 to 6.12. */
    public static final List<LinuxKernel> SUPPORTED = List.of(new LinuxKernel(3, 10), new LinuxKernel(4, 4),
            new LinuxKernel(4, 9), new LinuxKernel(4, 14), new LinuxKernel(4, 19), new LinuxKernel(5, 4),
            new LinuxKernel(5, 10), new LinuxKernel(5, 15), new LinuxKernel(6, 1), new LinuxKernel(6, 6),
            new LinuxKernel(6, 12));
    /** The kernel of a host or router that names none: 6.12, a current long-term kernel. */
    public static final LinuxKernel DEFAULT = new LinuxKernel(6, 12);

    /** Buckets of the expectation hash per conntrack bucket: {@code nf_ct_expect_hsize = buckets / 256}. */
    private static final int BUCKETS_PER_EXPECT_BUCKET = 256;

    /** A supported version written as {@code 5.15}, or null. */
    public static LinuxKernel parse(final String text) {
        for (final LinuxKernel k : SUPPORTED) {
            if (k.toString().equals(text)) {
                return k;
            }
        }
        return null;
    }

    /** Whether this kernel is {@code major.minor} or later. */
    public boolean atLeast(final int maj, final int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** {@code tcp_syn_linear_timeouts}' default: 4 from 6.5, none before. */
    public int synLinearTimeouts() {
        return atLeast(6, 5) ? 4 : 0;
    }

    /** {@code tcp_rmem}'s middle value: 131072 from 4.19 (see above), 87380 before. */
    public int rmemDefault() {
        return atLeast(4, 19) ? 131_072 : 87_380;
    }

    /**
     * The SYN's window cap in segments ({@code tcp_select_initial_window()}, net/ipv4/tcp_output.c):
     * none since commit a337531b942b (4.20, backported to 4.19.86); before it
     * {@code tcp_default_init_rwnd()}, 2 x TCP_INIT_CWND = 20, and in 3.10, which predates that
     * function, TCP_DEFAULT_INIT_RCVWND = 10.
     */
    public int initRwndSegments() {
        return atLeast(4, 19) ? 0 : atLeast(3, 11) ? 20 : 10;
    }

    /** This kernel's TCP defaults. */
    public TcpConfig tcp() {
        return TcpConfig.linux().withSynLinearTimeouts(synLinearTimeouts()).withInitialReceiveBuffer(rmemDefault())
                .withInitRwndSegments(initRwndSegments());
    }

    /** Whether a retransmitted SYN renews a SYN_SENT conntrack entry's timeout (see above). */
    public boolean synRetransmitRenews() {
        return !atLeast(4, 19);
    }

    /** Whether the conntrack gc worker kills closing and unassured entries of a nearly full table (see above). */
    public boolean gcEarlyDrop() {
        return atLeast(4, 10);
    }

    /** Which entries {@code early_drop()} may evict from a full table (see above). */
    public EarlyDropScan earlyDropScan() {
        return atLeast(4, 7) ? EarlyDropScan.BUCKETS
                : atLeast(3, 19) ? EarlyDropScan.FIRST_OF_CHAIN : EarlyDropScan.LAST_OF_CHAIN;
    }

    /**
     * Whether nf_nat_exp_find_port replaces a NAT helper's clashing port by up to 128 random ports
     * above it: from 6.1 (commit adda60cc2bb0, "netfilter: nat: avoid long-running port range
     * loop"); before, the next free port up.
     */
    public boolean randomExpectPorts() {
        return atLeast(6, 1);
    }

    /**
     * Whether a SYN from the reply side on a TIME_WAIT conntrack entry opens a new connection (the
     * server reusing its port as a client) rather than being INVALID: commit e37ad9fd6360
     * ("netfilter: conntrack: allow server to become a client in TW handling"), in a 4.4.55 tree,
     * not in CAF's msm-3.10 and msm-3.18 trees. Linux 6.18 took such a SYN as NEW.
     */
    public boolean replySynReopens() {
        return atLeast(4, 4);
    }

    /** Whether a loaded helper is assigned by port without a rule ({@code nf_conntrack_helper} = 1 by default). */
    public boolean assignsHelpersByPort() {
        return !atLeast(4, 7);
    }

    /** Whether the {@code nf_conntrack_helper} sysctl exists to turn assignment by port on (before 6.0). */
    public boolean hasHelperSysctl() {
        return !atLeast(6, 0);
    }

    /** {@code nf_conntrack_buckets} chosen from memory, for a 64-bit machine with more than 4 GiB. */
    public int defaultBuckets() {
        return atLeast(5, 15) ? 262_144 : 65_536;
    }

    /**
     * {@code nf_conntrack_max}: {@code buckets} times 8 when the hash size is given (the
     * {@code hashsize} module parameter), else the memory-derived buckets times 4 (before 5.15) or 1.
     */
    public int defaultMax(final Integer givenBuckets) {
        if (givenBuckets != null) {
            return (int) Math.min(Integer.MAX_VALUE, 8L * givenBuckets);
        }
        return defaultBuckets() * (atLeast(5, 15) ? 1 : 4);
    }

    /**
     * {@code nf_conntrack_expect_max} as {@code nf_conntrack_expect_init()}
     * (net/netfilter/nf_conntrack_expect.c) derives it: {@code nf_ct_expect_hsize = buckets / 256}
     * (at least 1), and {@code nf_ct_expect_max = hsize * 4}.
     */
    public static int expectMaxFor(final int buckets) {
        return Math.max(1, buckets / BUCKETS_PER_EXPECT_BUCKET) * 4;
    }

    @Override
    public int compareTo(final LinuxKernel o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
