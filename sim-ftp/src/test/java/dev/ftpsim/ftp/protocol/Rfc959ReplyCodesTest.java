package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every reply the server gives to a command is one RFC 959 §5.4 ("Command-Reply Sequences")
 * lists for that command (RFC 2389, 2428 and 3659 for the extensions), and transfer commands
 * follow the diagrams' shape: a final reply alone, or one 1yz then one final reply.
 * The host here answers every data action at once, so each command's replies come back whole.
 */
class Rfc959ReplyCodesTest {

    /** RFC 959 §5.4, verbatim code lists, plus the named deviations. */
    static final Map<Verb, Set<Integer>> ALLOWED = Map.ofEntries(
            Map.entry(Verb.USER, Set.of(230, 530, 500, 501, 421, 331, 332)),
            Map.entry(Verb.PASS, Set.of(230, 202, 530, 500, 501, 503, 421, 332)),
            Map.entry(Verb.ACCT, Set.of(230, 202, 530, 500, 501, 503, 421, 502)), // vsftpd: 502
            Map.entry(Verb.CWD, Set.of(250, 500, 501, 502, 421, 530, 550)),
            // RFC 959 lists 200 for CDUP; RFC 1123 §4.1.3.? and every server we profile send 250.
            Map.entry(Verb.CDUP, Set.of(200, 250, 500, 501, 502, 421, 530, 550)),
            Map.entry(Verb.QUIT, Set.of(221, 500)),
            // PORT/PASV after EPSV ALL (RFC 2428 §4 requires a refusal, names no code): vsftpd
            // 3.0.3's catch-all "550 Permission denied.", proftpd's 500.
            Map.entry(Verb.PORT, Set.of(200, 500, 501, 421, 530, 503, 550)), // 503: a transfer runs
            // PASV: 425 when no listening port can be opened (deviation: RFC 959 has no code for it).
            Map.entry(Verb.PASV, Set.of(227, 500, 501, 502, 421, 530, 503, 550, 425)),
            Map.entry(Verb.MODE, Set.of(200, 500, 501, 504, 421, 530)),
            Map.entry(Verb.STRU, Set.of(200, 500, 501, 504, 421, 530)),
            Map.entry(Verb.TYPE, Set.of(200, 500, 501, 504, 421, 530)),
            Map.entry(Verb.ALLO, Set.of(200, 202, 500, 501, 504, 421, 530)),
            Map.entry(Verb.REST, Set.of(500, 501, 502, 421, 530, 350)),
            Map.entry(Verb.STOR, Set.of(125, 150, 110, 226, 250, 425, 426, 451, 551, 552, 532, 450, 452, 553,
                    500, 501, 421, 530, 550)), // 550 "Permission denied" as for APPE
            Map.entry(Verb.APPE, Set.of(125, 150, 110, 226, 250, 425, 426, 451, 551, 552, 532, 450, 550, 452, 553,
                    500, 501, 502, 421, 530)),
            Map.entry(Verb.RETR, Set.of(125, 150, 110, 226, 250, 425, 426, 451, 450, 550, 500, 501, 421, 530)),
            Map.entry(Verb.LIST, Set.of(125, 150, 226, 250, 425, 426, 451, 450, 500, 501, 502, 421, 530)),
            Map.entry(Verb.NLST, Set.of(125, 150, 226, 250, 425, 426, 451, 450, 500, 501, 502, 421, 530)),
            Map.entry(Verb.RNFR, Set.of(450, 550, 500, 501, 502, 421, 530, 350)),
            Map.entry(Verb.RNTO, Set.of(250, 532, 553, 500, 501, 502, 503, 421, 530, 550)), // 550: rename failed
            Map.entry(Verb.DELE, Set.of(250, 450, 550, 500, 501, 502, 421, 530)),
            Map.entry(Verb.RMD, Set.of(250, 500, 501, 502, 421, 530, 550)),
            Map.entry(Verb.MKD, Set.of(257, 500, 501, 502, 421, 530, 550)),
            Map.entry(Verb.PWD, Set.of(257, 500, 501, 502, 421, 550, 530)),
            // ABOR during a transfer: the aborted command's 426, then ABOR's 226 (RFC 959 §4.1.3).
            Map.entry(Verb.ABOR, Set.of(225, 226, 426, 500, 501, 502, 421)),
            Map.entry(Verb.SYST, Set.of(215, 500, 501, 502, 421)),
            Map.entry(Verb.STAT, Set.of(211, 212, 213, 450, 500, 501, 502, 421, 530)),
            Map.entry(Verb.HELP, Set.of(211, 214, 500, 501, 502, 421)),
            Map.entry(Verb.NOOP, Set.of(200, 500, 421)),
            Map.entry(Verb.FEAT, Set.of(211, 500, 502)),                     // RFC 2389 §3
            Map.entry(Verb.OPTS, Set.of(200, 451, 500, 501, 502)),           // RFC 2389 §4
            Map.entry(Verb.EPRT, Set.of(200, 500, 501, 522, 421, 530, 503)), // RFC 2428 §2
            Map.entry(Verb.EPSV, Set.of(229, 200, 500, 501, 522, 421, 530, 425)), // RFC 2428 §3-4
            Map.entry(Verb.SIZE, Set.of(213, 500, 501, 550, 530)),           // RFC 3659 §4
            Map.entry(Verb.MDTM, Set.of(213, 500, 501, 550, 530)),           // RFC 3659 §3
            Map.entry(Verb.MLST, Set.of(250, 500, 501, 550, 530)),           // RFC 3659 §7.2.1
            Map.entry(Verb.MLSD, Set.of(125, 150, 226, 250, 425, 426, 451, 500, 501, 550, 530)),
            Map.entry(Verb.STOU, Set.of(125, 150, 110, 226, 250, 425, 426, 451, 551, 552, 532, 450, 550, 452, 553,
                    500, 501, 502, 421, 530)),
            // 550: vsftpd's "Permission denied." to anonymous users (postlogin.c), beyond RFC 959's list.
            Map.entry(Verb.SITE, Set.of(200, 202, 500, 501, 530, 550)),
            // SMNT, REIN 502; LPRT, LPSV 500, as neither server knows them (vsftpd 3.0.3, proftpd 1.3.8)
            Map.entry(Verb.UNIMPLEMENTED, Set.of(502, 500)),
            Map.entry(Verb.UNKNOWN, Set.of(500)));

    /** RFC 1123 §4.1.3.1's X-commands (RFC 775) behave as their RFC 959 names. */
    static final Map<Verb, Verb> ALIASES = Map.of(Verb.XPWD, Verb.PWD, Verb.XCWD, Verb.CWD, Verb.XCUP, Verb.CDUP,
            Verb.XMKD, Verb.MKD, Verb.XRMD, Verb.RMD);

    private static final Set<Verb> TRANSFERS = Set.of(Verb.RETR, Verb.STOR, Verb.APPE, Verb.LIST, Verb.NLST,
            Verb.MLSD);

    /** Sends one command and answers the data actions at once; returns the replies. */
    static List<Reply> exchange(ServerSession s, String line, SplittableRandom r) {
        var replies = new ArrayList<Reply>();
        var todo = new ArrayList<Input>();
        todo.add(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        for (int i = 0; i < todo.size() && i < 50; i++) {
            for (Action a : s.handle(todo.get(i))) {
                if (a instanceof Action.SendReply sr) {
                    replies.add(sr.reply());
                    if (sr.reply().code() == 150 && (line.regionMatches(true, 0, "STOR", 0, 4)
                            || line.regionMatches(true, 0, "APPE", 0, 4))) {
                        todo.add(Input.DataReceived.of(new byte[r.nextInt(10)]));
                        todo.add(new Input.DataClosed(r.nextInt(10) == 0));
                    }
                } else if (a instanceof Action.ListenData) {
                    todo.add(r.nextInt(20) == 0 ? new Input.DataListenFailed() : new Input.DataListening(30000));
                } else if (a instanceof Action.ConnectData) {
                    todo.add(r.nextInt(10) == 0 ? new Input.DataConnectFailed("refused")
                            : new Input.DataConnected(ServerHarness.PEER, 51000));
                } else if (a instanceof Action.StartTimer t && t.timer() == Timer.DATA_CONNECT
                        && !line.regionMatches(true, 0, "PORT", 0, 4)) {
                    // Passive: the client connects now (or, rarely, never: the timer fires).
                    todo.add(r.nextInt(10) == 0 ? new Input.TimerFired(Timer.DATA_CONNECT)
                            : new Input.DataConnected(r.nextInt(10) == 0 ? 0x01020304 : ServerHarness.PEER, 51000));
                } else if (a instanceof Action.CloseData c && !c.abort()) {
                    todo.add(new Input.DataClosed(r.nextInt(10) == 0));
                }
            }
        }
        return replies;
    }

    @Property(tries = 10_000)
    void everyReplyToEveryCommandIsOneRfc959ListsForIt(@ForAll long seed) {
        var r = new SplittableRandom(seed);
        ServerSession s = EngineFuzzTest.server(seed);
        s.start();
        for (int i = 0, n = 1 + r.nextInt(25); i < n && s.state() != ServerStates.Login.CLOSED; i++) {
            String line = r.nextInt(3) == 0 ? "USER alice\r\nPASS secret" : FuzzInputs.randomLine(r);
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
                exchange(s, line, r); // login pair, or a line the codec splits: not attributable
                continue;
            }
            int sp = line.indexOf(' ');
            Verb v = Verb.of(sp < 0 ? line.strip() : line.substring(0, sp));
            boolean loggedIn = s.state() == ServerStates.Login.READY;
            List<Reply> replies = exchange(s, line, r);
            if (line.length() > EngineFuzzTest.MAX_LINE) {
                v = Verb.UNKNOWN; // "500 Command line too long."
            }
            Set<Integer> ok = ALLOWED.getOrDefault(ALIASES.getOrDefault(v, v), Set.of());
            for (Reply rep : replies) {
                // vsftpd's prelogin.c answers every command but the login ones with 530 before login
                boolean gate = rep.code() == 530 && !loggedIn;
                if (!ok.contains(rep.code()) && !(rep.code() == 503 && TRANSFERS.contains(v)) && !gate) {
                    throw new AssertionError(rep.code() + " is not an RFC reply to '" + line + "': " + replies);
                }
            }
            if (TRANSFERS.contains(v) && !replies.isEmpty()) {
                boolean shape = replies.size() == 1 ? !replies.get(0).preliminary()
                        : replies.size() == 2 && replies.get(0).preliminary() && !replies.get(1).preliminary();
                if (!shape) {
                    throw new AssertionError("reply sequence for '" + line + "' breaks RFC 959 §5.4: " + replies);
                }
            }
        }
    }
}
