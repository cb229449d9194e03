package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives one server engine by hand in tests: feed lines and events, read the replies. */
final class ServerHarness {

    static final int LOCAL = 0xC0000201 /* 192.0.2.1 */, PEER = 0xC6336402 /* 198.51.100.2 */;

    final ServerSession s;
    final MemoryFileSystem fs = new MemoryFileSystem(1_700_000_000L)
            .file("/pub/hello.txt", "hello world\n".getBytes(StandardCharsets.US_ASCII))
            .bulk("/pub/big.bin", 100_000_000L);
    List<Action> last = List.of();

    ServerHarness() {
        this(ServerOptions.builder().users(java.util.Map.of("alice", "secret")).build());
    }

    ServerHarness(ServerOptions o) {
        s = new ServerSession(o, fs, LOCAL, PEER, new java.util.SplittableRandom(7));
        last = s.start();
    }

    List<Action> send(String line) {
        return feed(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    List<Action> feed(Input in) {
        last = s.handle(in);
        return last;
    }

    /** Reply codes among the last actions. */
    static List<Integer> codes(List<Action> as) {
        var out = new ArrayList<Integer>();
        for (Action a : as) {
            if (a instanceof Action.SendReply r) {
                out.add(r.reply().code());
            }
        }
        return out;
    }

    static Reply firstReply(List<Action> as) {
        for (Action a : as) {
            if (a instanceof Action.SendReply r) {
                return r.reply();
            }
        }
        return null;
    }

    static <T extends Action> T find(List<Action> as, Class<T> c) {
        for (Action a : as) {
            if (c.isInstance(a)) {
                return c.cast(a);
            }
        }
        return null;
    }

    ServerHarness login() {
        send("USER anonymous");
        send("PASS guest@");
        return this;
    }
}
