package dev.ftpsim.scenario;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.EarlyDropScan;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.firewall.Ruleset;
import dev.ftpsim.core.rules.vm.Program;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An entry of {@code firewall}: the firewall of one host or router.
 *
 * @param node the host or router it runs on
 * @param stateful true for connection tracking (default), false for a stateless packet filter
 * @param conntrack connection tracking settings (ignored when stateless)
 * @param ruleset the chains, from the scenario's one-line rules or from an nftables file
 * @param nftFile the nftables file as written in the scenario, or null
 * @param iptablesFile the iptables-save file as written in the scenario, or null
 * @param program the compiled ruleset file ({@code nft} or {@code iptables}), or null for one-line rules
 * @param interfaceNames {@code interface-names}: the name the rules use for an interface, to the
 *     node's name for it, where they differ ({@code eth0 -> wan}); empty when the rules use the node's
 */
public record FirewallSpec(String node, boolean stateful, Conntrack conntrack, Ruleset ruleset, String nftFile,
        String iptablesFile, Program program, Map<String, String> interfaceNames) {
    public FirewallSpec {
        interfaceNames = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaceNames));
    }

    /**
     * Connection tracking settings, named after Linux's sysctls.
     *
     * @param max {@code nf_conntrack_max} (default 262144; 8 x {@code buckets} when those are given)
     * @param buckets {@code nf_conntrack_buckets}, the {@code hashsize} module parameter (default
     *     the kernel's, from memory: 262144 from Linux 5.15, 65536 before)
     * @param expectMax {@code nf_conntrack_expect_max} (default buckets / 256 x 4: 4096 from 5.15, 1024 before)
     * @param timeouts TCP state timeouts that differ from Linux's
     * @param loose {@code nf_conntrack_tcp_loose} (default true)
     * @param helpers helper types loaded, each also a {@code ct helper} object of the same name
     * @param autoHelperPorts ports whose new connections get the helper without a rule, as
     *     Linux's {@code nf_conntrack_helper=1} did (the default before 4.7, where a loaded ftp
     *     helper takes port 21 this way; default none from 4.7)
     * @param synRetransmitRenews whether a retransmitted SYN renews a SYN_SENT entry (the kernel's:
     *     up to 4.14, see {@code LinuxKernel#synRetransmitRenews})
     * @param gcEarlyDrop whether the gc worker early-drops in a nearly full table (the kernel's: from
     *     4.10, see {@code LinuxKernel#gcEarlyDrop})
     * @param earlyDropScan which entries a new connection may evict from a full table (the kernel's,
     *     see {@code LinuxKernel#earlyDropScan})
     * @param randomExpectPorts whether a NAT helper's clashing port is replaced at random (the
     *     kernel's: from 6.1, see {@code LinuxKernel#randomExpectPorts})
     * @param replySynReopens whether a reply-side SYN on a TIME_WAIT entry opens a new connection
     *     (the kernel's: from 4.4, see {@code LinuxKernel#replySynReopens})
     */
    public record Conntrack(int max, int buckets, int expectMax, Map<TcpCtState, Long> timeouts, boolean loose, List<String> helpers,
            List<Integer> autoHelperPorts, boolean synRetransmitRenews, boolean gcEarlyDrop,
            EarlyDropScan earlyDropScan, boolean randomExpectPorts, boolean replySynReopens) {
        public Conntrack {
            timeouts = timeouts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(timeouts));
            helpers = List.copyOf(helpers);
            autoHelperPorts = List.copyOf(autoHelperPorts);
        }

        /** Linux's defaults, no helpers. */
        public static Conntrack linux() {
            final ConntrackConfig d = ConntrackConfig.linux();
            return new Conntrack(d.max(), d.buckets(), d.expectMax(), Map.of(), true, List.of(), List.of(),
                    d.synRetransmitRenews(), d.gcEarlyDrop(), d.earlyDropScan(), d.randomExpectPorts(), d.replySynReopens());
        }

        /** The same settings with other helpers and ports assigned by port. */
        public Conntrack withHelpers(final List<String> newHelpers, final List<Integer> newAutoHelperPorts) {
            return new Conntrack(max, buckets, expectMax, timeouts, loose, newHelpers, newAutoHelperPorts,
                    synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
        }

        /** As sim-core takes it. */
        public ConntrackConfig config() {
            ConntrackConfig c = ConntrackConfig.linux().withMax(max).withSizes(buckets, expectMax).withTcpLoose(loose)
                    .withSynRetransmitRenews(synRetransmitRenews).withGcEarlyDrop(gcEarlyDrop)
                    .withEarlyDropScan(earlyDropScan).withRandomExpectPorts(randomExpectPorts)
                    .withReplySynReopens(replySynReopens);
            for (final Map.Entry<TcpCtState, Long> e : timeouts.entrySet()) {
                c = c.withTcpTimeout(e.getKey(), e.getValue());
            }
            return c;
        }
    }
}
