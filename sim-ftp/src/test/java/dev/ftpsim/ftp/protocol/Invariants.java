package dev.ftpsim.ftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** The properties every engine output must have, whatever the input. */
final class Invariants {

    private Invariants() {}

    private static final Pattern FIRST_MULTI = Pattern.compile("[1-5]\\d\\d-.*", Pattern.DOTALL);
    private static final Pattern MIDDLE_BAD = Pattern.compile("\\d\\d\\d[ -].*", Pattern.DOTALL);
    private static final Pattern END = Pattern.compile("[1-5]\\d\\d .*", Pattern.DOTALL);

    /** A reply's wire form: 3 digits; multi-line framing per RFC 959 §4.2. Throws AssertionError. */
    static void wellFormed(Reply reply) {
        byte[] wire = reply.encode();
        String s = new String(wire, StandardCharsets.ISO_8859_1);
        if (!s.endsWith("\r\n")) {
            throw new AssertionError("reply not CRLF-terminated: " + s);
        }
        String[] lines = s.substring(0, s.length() - 2).split("\r\n", -1);
        String code = Integer.toString(reply.code());
        if (lines.length == 1) {
            check(END.matcher(lines[0]).matches() && lines[0].startsWith(code), "single line", s);
        } else {
            check(FIRST_MULTI.matcher(lines[0]).matches() && lines[0].startsWith(code), "first line", s);
            for (int i = 1; i < lines.length - 1; i++) {
                check(!MIDDLE_BAD.matcher(lines[i]).matches() && lines[i].indexOf('\n') < 0, "middle line", s);
            }
            check(lines[lines.length - 1].startsWith(code + " "), "last line", s);
        }
        // And the client decoder reads back exactly this reply.
        var d = new ReplyDecoder(Math.max(16, wire.length), lines.length + 1);
        d.feed(wire, 0, wire.length);
        Reply back = d.next();
        check(back != null && back.code() == reply.code() && d.next() == null, "round trip", s);
    }

    private static void check(boolean ok, String what, String s) {
        if (!ok) {
            throw new AssertionError(what + " malformed: " + s);
        }
    }

    /**
     * Feeds a server and checks every invariant after every input; returns the number of inputs
     * fed while the session was open (inputs after the close are fed too, but not counted).
     */
    static int runServer(ServerSession s, List<Input> inputs, int maxLine) {
        boolean closed = false;
        int live = 0;
        for (Input in : inputs) {
            if (!closed) {
                live++;
            }
            List<Action> as = s.handle(in);
            if (closed && !as.isEmpty()) {
                throw new AssertionError("actions after CloseControl: " + as);
            }
            for (Action a : as) {
                if (a instanceof Action.SendReply r) {
                    wellFormed(r.reply());
                }
                if (a instanceof Action.CloseControl) {
                    closed = true;
                }
            }
            if (closed && (s.dataOpen() || s.state() != ServerStates.Login.CLOSED)) {
                throw new AssertionError("data open or state " + s.state() + " after CloseControl");
            }
            if (s.bufferedBytes() > maxLine + LineDecoder.MAX_PENDING) {
                throw new AssertionError("buffer grew to " + s.bufferedBytes());
            }
        }
        return live;
    }

    /** Feeds one input to a client and checks the invariants that hold for a single step. */
    static List<Action> runClientStep(ClientSession c, Input in) {
        boolean wasDone = c.step() == ClientSession.Step.DONE;
        List<Action> as = c.handle(in);
        if (wasDone && !as.isEmpty()) {
            throw new AssertionError("actions after finish: " + as);
        }
        for (Action a : as) {
            if (a instanceof Action.SendCommand cmd && (cmd.line().indexOf('\r') >= 0 || cmd.line().indexOf('\n') >= 0)) {
                throw new AssertionError("bad command line: " + cmd.line());
            }
        }
        if (c.step() == ClientSession.Step.DONE && c.dataOpen()) {
            throw new AssertionError("data open after finish");
        }
        return as;
    }

    /** Feeds a client and checks its invariants; returns the inputs fed before it finished. */
    static int runClient(ClientSession c, List<Input> inputs) {
        int finished = 0, live = 0;
        for (Input in : inputs) {
            if (finished == 0) {
                live++;
            }
            List<Action> as = c.handle(in);
            for (Action a : as) {
                if (a instanceof Action.SendCommand cmd) {
                    String l = cmd.line();
                    if (l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0 || l.isEmpty()) {
                        throw new AssertionError("bad command line: " + l);
                    }
                }
                if (a instanceof Action.Finished) {
                    finished++;
                }
            }
            if (finished > 1) {
                throw new AssertionError("finished twice");
            }
            if (finished == 1 && (c.dataOpen() || c.step() != ClientSession.Step.DONE)) {
                throw new AssertionError("data open after finish");
            }
        }
        return live;
    }
}
