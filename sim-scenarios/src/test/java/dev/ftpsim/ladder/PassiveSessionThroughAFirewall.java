package dev.ftpsim.ladder;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic ladder: a passive download through a server-side firewall that allows port 21 only,
 * so the client's data SYN is dropped twice and the transfer fails. Hand-written, not captured.
 */
final class PassiveSessionThroughAFirewall {

    static final String CLIENT = "client 198.51.100.10";
    static final String FW = "fw";
    static final String SERVER = "server 203.0.113.10";
    static final String DROP_NOTE = "dropped by forward rule 3: iif wan drop";

    static final List<LadderNode> NODES = List.of(
            new LadderNode(CLIENT, "client"), new LadderNode(FW, "firewall"), new LadderNode(SERVER, "server"));

    private PassiveSessionThroughAFirewall() {}

    /** Control packets cross the firewall as two hops each; the data SYN stops at it. */
    static List<LadderEvent> events() {
        final var out = new ArrayList<LadderEvent>();
        final long ms = 1_000_000;
        final long[] t = {0};
        final String c = "198.51.100.10:40000", s = "203.0.113.10:21";
        hops(out, t, true, "SYN " + c + " > " + s);
        hops(out, t, false, "SYN-ACK " + s + " > " + c);
        hops(out, t, true, "ACK " + c + " > " + s);
        hops(out, t, false, "220 (vsFTPd 3.0.5)");
        hops(out, t, true, "USER anonymous");
        hops(out, t, false, "331 Please specify the password.");
        hops(out, t, true, "PASS ****");
        hops(out, t, false, "230 Login successful.");
        hops(out, t, true, "PASV");
        hops(out, t, false, "227 Entering Passive Mode (203,0,113,10,156,65).");
        hops(out, t, true, "RETR a<b.txt");
        out.add(LadderEvent.dropped(t[0] += ms, CLIENT, FW, "SYN 198.51.100.10:40001 > 203.0.113.10:40001",
                "data 1", DROP_NOTE));
        out.add(LadderEvent.dropped(t[0] += 1000 * ms, CLIENT, FW, "SYN 198.51.100.10:40001 > 203.0.113.10:40001 (retry)",
                "data 1", "conntrack: table full"));
        hops(out, t, false, "425 Failed to establish connection.");
        return out;
    }

    private static void hops(final List<LadderEvent> out, final long[] t, final boolean up, final String label) {
        final String a = up ? CLIENT : SERVER, b = up ? SERVER : CLIENT;
        out.add(LadderEvent.delivered(t[0] += 5_000_000, a, FW, label, "control"));
        out.add(LadderEvent.delivered(t[0] += 20_000, FW, b, label, "control"));
    }
}
