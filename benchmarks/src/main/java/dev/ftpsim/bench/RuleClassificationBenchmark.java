package dev.ftpsim.bench;

import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Network;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Router;
import dev.ftpsim.core.net.Verdict;
import dev.ftpsim.core.rules.Family;
import dev.ftpsim.core.rules.IptablesReader;
import dev.ftpsim.core.rules.NftParser;
import dev.ftpsim.core.rules.Ruleset;
import dev.ftpsim.core.rules.vm.Compiler;
import dev.ftpsim.core.rules.vm.Machine;
import dev.ftpsim.core.rules.vm.Program;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Packet classification by the rule machine at the forward hook: the largest ruleset of the shared
 * corpus that loads ({@code 39-iptsem-medium-company.iptables}, 598 rules, 512 in FORWARD, read
 * where it lies and never copied) against a ten-rule one, both with {@code ct state
 * established,related accept} first. {@code newSyn}: a new connection's SYN that no rule accepts, so
 * it walks every rule to the policy; {@code established}: a packet of a known connection, decided by
 * the first rule. Run with {@code -prof gc}: the machine allocates nothing per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleClassificationBenchmark {
    static final String CORPUS_FILE = "39-iptsem-medium-company.iptables";
    static final String ESTABLISHED = "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT";
    static final String TEN_RULES = """
            table ip filter {
            	chain forward {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related accept
            		ct state invalid drop
            		iifname "eth0" oifname "ppp0" tcp dport { 21, 22, 80, 443 } ct state new accept
            		iifname "ppp0" ip daddr 192.0.2.10 tcp dport 21 accept
            		ip saddr 198.51.100.0/24 drop
            		tcp dport 3306 reject with tcp reset
            		udp dport 53 accept
            		icmp type echo-request limit rate 10/second accept
            		iifname "eth0" ip saddr 10.0.0.0/8 counter accept
            		log prefix "forward drop: " drop
            	}
            }
            """;

    @Param({"corpus-598", "ten-rules"})
    public String ruleset;

    private Machine vm;
    private int forward;
    private NetInterface in;
    private NetInterface out;
    private Packet syn;
    private Packet est;

    @Setup
    public void setup() throws IOException {
        final Simulator sim = new Simulator(1);
        final Network net = new Network(sim);
        final Router r = net.router("fw");
        in = r.addInterface("ppp0", "203.0.113.1/24");
        out = r.addInterface("eth0", "10.0.0.1/8");
        final Ruleset ir;
        if (ruleset.equals("ten-rules")) {
            ir = NftParser.parse("ten.nft", TEN_RULES);
        } else {
            final String text = Files.readString(corpus().resolve(CORPUS_FILE), StandardCharsets.UTF_8);
            final int at = text.indexOf("\n-A FORWARD ") + 1;
            ir = IptablesReader.parse(CORPUS_FILE, text.substring(0, at) + ESTABLISHED + "\n" + text.substring(at),
                    Family.IP);
        }
        final Program p = Compiler.compile(ir, List.of("eth0", "ppp0", "lo"), x -> "");
        vm = new Machine(p, new QuietHost(sim));
        final Program.ChainCode fwd = p.chains().stream().filter(c -> c.name().equalsIgnoreCase("filter/forward"))
                .findFirst().orElseThrow();
        forward = p.chains().indexOf(fwd);
        syn = packet(CtState.NEW, Packet.SYN);
        est = packet(CtState.ESTABLISHED, Packet.ACK);
        if (vm.run(forward, est, in, out) != Verdict.ACCEPT) {
            throw new IllegalStateException("the established packet must be accepted by the first rule");
        }
    }

    private static Packet packet(final int ctInfo, final int flags) {
        final Packet p = new Packet();
        p.src = Ipv4.parse("203.0.113.77");
        p.dst = Ipv4.parse("10.9.8.7");
        p.protocol = Packet.PROTO_TCP;
        p.sport = 40000;
        p.dport = 8443;
        p.flags = flags;
        p.ttl = 63;
        p.ctInfo = ctInfo;
        return p;
    }

    @Benchmark
    public Verdict newSyn() {
        return vm.run(forward, syn, in, out);
    }

    @Benchmark
    public Verdict established() {
        return vm.run(forward, est, in, out);
    }

    /** The corpus directory: shared/rulesets in the working directory or one of its parents. */
    static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/rulesets"))) {
                return p.resolve("shared/rulesets");
            }
        }
        throw new IllegalStateException("no shared/rulesets beside the working directory: run from the project");
    }

    /** Rules' effects go nowhere: only classification is measured. */
    private static final class QuietHost implements Machine.Host {
        private final Simulator sim;

        QuietHost(final Simulator sim) {
            this.sim = sim;
        }

        @Override
        public long now() {
            return sim.now();
        }

        @Override
        public void reject(final Packet p, final NetInterface i, final int code) { }

        @Override
        public void log(final String prefix, final Program.ChainCode chain, final Packet p) { }

        @Override
        public boolean nat(final Packet p, final NetInterface i, final NetInterface o, final int kind, final int lo,
                final int hi, final int plo, final int phi, final int flags) {
            return true;
        }

        @Override
        public void helper(final Packet p, final int slot) { }

        @Override
        public int mtu(final NetInterface o) {
            return 1500;
        }

        @Override
        public void offload(final Packet p) { }

        @Override
        public NetInterface route(final int addr) {
            return null;
        }

        @Override
        public int addressType(final int addr) {
            return 1;
        }

        @Override
        public void decided(final Program.ChainCode chain, final int rule, final Packet p, final boolean dropped) { }
    }
}
