package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * Robustness properties: no input makes an engine throw, every reply is well-formed, closed
 * sessions stay closed with no data connection, and buffers stay bounded. 10 000 tries each;
 * {@link FuzzCampaignTest} runs the same generators for millions of inputs.
 */
class EngineFuzzTest {

    static final int MAX_LINE = 512;

    static ServerSession server(long seed) {
        var o = ServerOptions.builder().maxLine(MAX_LINE).users(Map.of("alice", "secret"))
                .pasvPorts(30000, 30100).anonymousWrite(seed % 2 == 0).mlst(seed % 3 != 0).build();
        var fs = new MemoryFileSystem(0).file("/pub/hello.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .bulk("/pub/big.bin", 1 << 30);
        return new ServerSession(o, fs, ServerHarness.LOCAL, ServerHarness.PEER, new java.util.SplittableRandom(7));
    }

    static ClientSession client(SplittableRandom r) {
        var modes = ClientOptions.DataMode.values();
        var o = ClientOptions.defaults().withMode(modes[r.nextInt(modes.length)])
                .withPasvPolicy(ClientOptions.PasvPolicy.values()[r.nextInt(3)]).toBuilder()
                .keepaliveNanos(r.nextBoolean() ? 0 : 1_000_000_000L).build();
        List<ClientOp> script = List.of(new ClientOp.Login("u", "p"), new ClientOp.Cwd("/pub"),
                new ClientOp.List("", r.nextBoolean()), new ClientOp.Retr("a"), new ClientOp.Stor("b", null, 10));
        return new ClientSession(o, script, ServerHarness.PEER, 50000, ServerHarness.LOCAL);
    }

    /** One server session on a seed; returns inputs fed. Used by the campaign too. */
    static int serverRun(long seed, boolean loginFirst) {
        var r = new SplittableRandom(seed);
        var s = server(seed);
        s.start();
        if (loginFirst) {
            s.handle(new Input.ControlBytes("USER alice\r\nPASS secret\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        return Invariants.runServer(s, FuzzInputs.session(r, 1 + r.nextInt(30), MAX_LINE, ServerHarness.PEER, true),
                MAX_LINE);
    }

    /** One client session on a seed; returns inputs fed. */
    static int clientRun(long seed) {
        var r = new SplittableRandom(seed);
        var c = client(r);
        c.start();
        byte[] replies = FuzzInputs.replyStream(r, 1 + r.nextInt(25));
        int fed = 0;
        var inputs = new java.util.ArrayList<Input>();
        for (int i = 0; i < replies.length; ) {
            int n = Math.min(replies.length - i, 1 + r.nextInt(40));
            inputs.add(new Input.ControlBytes(java.util.Arrays.copyOfRange(replies, i, i + n)));
            i += n;
            while (r.nextInt(3) == 0) {
                inputs.add(FuzzInputs.randomEvent(r, ServerHarness.LOCAL));
            }
        }
        fed += Invariants.runClient(c, inputs);
        return fed;
    }

    /**
     * One client session against a mostly-plausible, sometimes wrong server: each command gets the
     * reply a server would give with probability 3/4, else a random reply or garbage; data actions
     * are answered or failed at random, and random events are mixed in. Unlike pure noise, this
     * reaches every step of the client (EPSV/PASV/PORT/EPRT, RETR/STOR/LIST, fallbacks, QUIT).
     */
    static int clientRunGuided(long seed) {
        var r = new SplittableRandom(seed);
        var c = client(r);
        var pending = new java.util.ArrayDeque<Input>();
        c.start();
        pending.add(new Input.ControlBytes("220 hi\r\n".getBytes(StandardCharsets.US_ASCII)));
        int fed = 0;
        for (int steps = 0; steps < 200 && !pending.isEmpty(); steps++) {
            var as = Invariants.runClientStep(c, pending.poll());
            fed++;
            for (Action a : as) {
                if (a instanceof Action.SendCommand cmd) {
                    pending.add(new Input.ControlBytes(guidedReply(r, cmd.line())));
                } else if (a instanceof Action.ListenData) {
                    pending.add(r.nextInt(8) == 0 ? new Input.DataListenFailed() : new Input.DataListening(40000));
                } else if (a instanceof Action.ConnectData) {
                    pending.add(r.nextInt(6) == 0 ? new Input.DataConnectFailed("x")
                            : new Input.DataConnected(ServerHarness.LOCAL, 30000));
                }
            }
            if (r.nextInt(4) == 0) {
                pending.add(FuzzInputs.randomEvent(r, ServerHarness.LOCAL));
            }
        }
        return fed;
    }

    private static byte[] guidedReply(SplittableRandom r, String cmd) {
        String verb = cmd.split(" ")[0];
        String reply;
        if (r.nextInt(4) == 0) {
            reply = new String(FuzzInputs.replyStream(r, 1), StandardCharsets.ISO_8859_1);
        } else {
            reply = switch (verb) {
                case "USER" -> "331 Please specify the password.\r\n";
                case "PASS" -> "230 Login successful.\r\n";
                case "CWD" -> "250 ok\r\n";
                case "TYPE", "PORT", "EPRT" -> "200 ok\r\n";
                case "PASV" -> "227 Entering Passive Mode (192,0,2,1,117,48).\r\n";
                case "EPSV" -> r.nextBoolean() ? "229 Entering Extended Passive Mode (|||30000|)\r\n" : "500 no\r\n";
                case "RETR", "LIST", "NLST", "STOR" -> "150 go\r\n" + (r.nextBoolean() ? "226 done\r\n" : "");
                case "QUIT" -> "221 bye\r\n";
                case "NOOP" -> "200 NOOP ok.\r\n";
                default -> "500 ?\r\n";
            };
        }
        return reply.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Property(tries = 10_000)
    void plausibleButUnreliableServersNeverBreakTheClient(@ForAll long seed) {
        clientRunGuided(seed);
    }

    @Property(tries = 10_000)
    void randomCommandStreamsBeforeLoginNeverBreakTheServer(@ForAll long seed) {
        serverRun(seed, false);
    }

    @Property(tries = 10_000)
    void randomCommandStreamsAndDataEventsAfterLoginNeverBreakTheServer(@ForAll long seed) {
        serverRun(seed, true);
    }

    @Property(tries = 10_000)
    void anyCommandWithAnyArgumentGetsWellFormedReplies(@ForAll("verbs") String verb,
                                                         @ForAll @StringLength(max = 600) String arg) {
        var s = server(1);
        s.start();
        s.handle(new Input.ControlBytes("USER anonymous\r\nPASS x\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] line = (verb + " " + arg + "\r\nNOOP\r\n").getBytes(StandardCharsets.UTF_8);
        List<Action> as = s.handle(new Input.ControlBytes(line));
        boolean sawNoop = false;
        for (Action a : as) {
            if (a instanceof Action.SendReply r) {
                Invariants.wellFormed(r.reply());
                sawNoop |= r.reply().equals(Reply.of(200, "NOOP ok."));
            }
        }
        // The session survives: NOOP is answered (unless the verb ended it or paused for a listen).
        if (!sawNoop && s.state() != ServerStates.Login.CLOSED && !s.data.pausing() && !s.data.busy()) {
            throw new AssertionError("NOOP not answered after " + verb + " " + arg + ": " + as);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> verbs() {
        return net.jqwik.api.Arbitraries.of(FuzzInputs.VERBS);
    }

    @Property(tries = 10_000)
    void randomReplyStreamsAndDataEventsNeverBreakTheClient(@ForAll long seed) {
        clientRun(seed);
    }

    @Property(tries = 10_000)
    void randomScriptsBetweenOurClientAndServerAlwaysSucceed(@ForAll long seed) {
        var r = new SplittableRandom(seed);
        var modes = ClientOptions.DataMode.values();
        var co = ClientOptions.defaults().withMode(modes[r.nextInt(modes.length)]);
        var ops = new java.util.ArrayList<ClientOp>();
        ops.add(new ClientOp.Login("alice", "secret"));
        for (int i = r.nextInt(6); i > 0; i--) {
            ops.add(switch (r.nextInt(4)) {
                case 0 -> new ClientOp.List("/pub", r.nextBoolean());
                case 1 -> new ClientOp.Retr("/pub/hello.txt");
                case 2 -> new ClientOp.Stor("/pub/u" + i, new byte[r.nextInt(100)], 0);
                default -> new ClientOp.Cwd("/pub");
            });
        }
        var l = new Loopback(ServerOptions.builder().users(Map.of("alice", "secret")).build(),
                new MemoryFileSystem(0).file("/pub/hello.txt", new byte[] {1, 2, 3}), co, ops);
        SessionRecord rec = l.run();
        if (rec == null || !rec.ok() || rec.completed() != ops.size() + 1) {
            throw new AssertionError(rec + " for " + ops + " in " + co.mode());
        }
    }
}
