package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.conntrack.ConntrackConfig;
import dev.ftpsim.core.conntrack.TcpCtState;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.NamedObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Compiles {@code ct timeout} objects: nft's state names to the tracker's timeout slots. */
final class CtObjects {
    /** nft's names of the tcp timeout states (src/ct.c, timeout_protocol), after TcpCtState's order. */
    private static final List<String> TCP = List.of("none", "syn_sent", "syn_recv", "established", "fin_wait",
            "close_wait", "last_ack", "time_wait", "close", "syn_sent2", "retrans", "unacknowledged");
    /** nft's names of the udp timeout states. */
    private static final List<String> UDP = List.of("unreplied", "replied");

    private CtObjects() { }

    static Program.TimeoutObj timeout(final NamedObject.CtTimeoutObj t, final Compiler c) {
        final List<String> names;
        if (t.l4proto() == Packet.PROTO_TCP) {
            names = TCP;
        } else if (t.l4proto() == 17) {
            names = UDP;
        } else {
            c.notModelled(t.pos(), "a ct timeout for protocol " + t.l4proto() + " (tcp and udp are)");
            return new Program.TimeoutObj(t.name(), t.l4proto(), new long[0]);
        }
        final long[] policy = new long[t.l4proto() == 17 ? 2 : ConntrackConfig.TIMEOUT_UNACK + 1];
        Arrays.fill(policy, -1);
        assert TCP.size() == TcpCtState.values().length + 2;
        for (final Map.Entry<String, Long> e : t.policyMs().entrySet()) {
            final int ix = names.indexOf(e.getKey());
            if (ix <= 0 && names == TCP || ix < 0) {
                c.error(t.pos(), "ct timeout " + t.name() + ": no " + (names == TCP ? "tcp" : "udp") + " state '"
                        + e.getKey() + "' (states: " + String.join(", ", names.subList(names == TCP ? 1 : 0,
                        names.size())) + ")");
            } else {
                policy[ix] = e.getValue() * 1_000_000L;
            }
        }
        return new Program.TimeoutObj(t.name(), t.l4proto(), policy);
    }
}
