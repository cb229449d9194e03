package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerSession.DENIED;
import static dev.ftpsim.ftp.protocol.ServerSession.reply;

import dev.ftpsim.ftp.protocol.Action.SendReply;
import java.util.List;

/**
 * The verb table of {@link ServerSession}: each verb's one handler, which emits the command's actions
 * and returns the {@link ServerStates.Effect} for the login transition. Every verb has exactly one
 * entry; a missing or doubled one fails when the class loads.
 */
final class ServerVerbs {

    private ServerVerbs() {}

    /** Runs verb {@code v}'s handler; {@code renameFrom} is the path a preceding RNFR named, or null. */
    static ServerStates.Effect run(ServerSession s, Verb v, String arg, String renameFrom, List<Action> out) {
        return HANDLERS[v.ordinal()].run(s, v, arg, renameFrom, out);
    }

    /** One verb's handler: emits actions, returns the effect for the login transition. */
    @FunctionalInterface
    private interface Handler {
        ServerStates.Effect run(ServerSession s, Verb v, String arg, String renameFrom, List<Action> out);
    }

    /** A handler that never changes the login state. */
    @FunctionalInterface
    private interface Plain {
        void run(ServerSession s, Verb v, String arg, List<Action> out);
    }

    /** HANDLERS[verb]: every verb has exactly one entry; a missing one fails when the class loads. */
    private static final Handler[] HANDLERS = new Handler[Verb.values().length];

    private static void on(Handler h, Verb... verbs) {
        for (Verb v : verbs) {
            if (HANDLERS[v.ordinal()] != null) {
                throw new IllegalStateException("two handlers for " + v);
            }
            HANDLERS[v.ordinal()] = h;
        }
    }

    private static void plain(Plain p, Verb... verbs) {
        on((s, v, arg, from, out) -> {
            p.run(s, v, arg, out);
            return ServerStates.Effect.NONE;
        }, verbs);
    }

    /** vsftpd 3.0.3 postlogin.c, HELP with or without an argument (checked against vsftpd 3.0.3). */
    private static final Reply HELP_REPLY = new Reply(214, List.of("The following commands are recognized.",
            " ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MKD",
            " MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REIN REST RETR RMD  RNFR",
            " RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD",
            " XPWD XRMD", "Help OK."));

    /**
     * proftpd 1.3.8 src/help.c pr_help_add_response: the commands its modules pr_help_add, eight
     * to a line in 8-wide columns, then "Direct comments to" ServerAdmin, root@ the server's address
     * by default (checked against proftpd 1.3.8, before and after login).
     */
    private static final List<String> PROFTPD_HELP = List.of(
            "The following commands are recognized (* =>'s unimplemented):",
            " CWD     XCWD    CDUP    XCUP    SMNT*   QUIT    PORT    PASV    ",
            " EPRT    EPSV    ALLO    RNFR    RNTO    DELE    MDTM    RMD     ",
            " XRMD    MKD     XMKD    PWD     XPWD    SIZE    SYST    HELP    ",
            " NOOP    FEAT    OPTS    HOST    CLNT    AUTH*   CCC*    CONF*   ",
            " ENC*    MIC*    PBSZ*   PROT*   TYPE    STRU    MODE    RETR    ",
            " STOR    STOU    APPE    REST    ABOR    RANG    USER    PASS    ",
            " ACCT*   REIN*   LIST    NLST    STAT    SITE    MLSD    MLST    ");

    static {
        on((s, v, arg, from, out) -> s.login.user(s.state(), arg, out), Verb.USER);
        on((s, v, arg, from, out) -> s.login.pass(s.state(), arg, out), Verb.PASS);
        on((s, v, arg, from, out) -> s.quit(out), Verb.QUIT);
        // vsftpd 3.0 postlogin.c; proftpd 1.3.8 mod_auth.c auth_acct
        plain((s, v, arg, out) -> reply(out, 502, s.proftpd() ? "ACCT command not implemented" : "ACCT not implemented."),
                Verb.ACCT);
        // proftpd 1.3.8 mod_core.c core_noop
        plain((s, v, arg, out) -> reply(out, 200, s.proftpd() ? "NOOP command successful" : "NOOP ok."), Verb.NOOP);
        plain((s, v, arg, out) -> s.security.handle(v, arg.trim(), out), Verb.AUTH, Verb.PBSZ, Verb.PROT, Verb.CCC);
        plain((s, v, arg, out) -> reply(out, 215, "UNIX Type: L8"), Verb.SYST);
        plain((s, v, arg, out) -> s.feat(out), Verb.FEAT);
        plain((s, v, arg, out) -> s.opts(arg.trim(), out), Verb.OPTS);
        plain((s, v, arg, out) -> {
            if (s.proftpd()) {
                var lines = new java.util.ArrayList<>(PROFTPD_HELP);
                lines.add("Direct comments to root@" + s.localAddress());
                out.add(new SendReply(new Reply(214, lines)));
            } else {
                out.add(new SendReply(HELP_REPLY));
            }
        }, Verb.HELP);
        plain((s, v, arg, out) -> {
            if (!s.proftpd()) {
                reply(out, 500, "Unknown command.");
            } else if (v == Verb.CLNT) {
                reply(out, 200, "OK"); // mod_core.c core_clnt, whatever the argument
            } else if (v == Verb.HOST) {
                s.host(arg.trim(), out);
            } else if (v == Verb.LANG) {
                s.lang(arg.trim(), out);
            } else {
                s.mfmt(arg, out);
            }
        }, Verb.CLNT, Verb.HOST, Verb.LANG, Verb.MFMT);
        plain((s, v, arg, out) -> s.cwd(v, arg, ServerFiles.resolve(s.cwd(), arg), out), Verb.CWD, Verb.XCWD);
        plain((s, v, arg, out) -> s.cwd(v, "..", ServerFiles.resolve(s.cwd(), ".."), out), Verb.CDUP, Verb.XCUP);
        plain((s, v, arg, out) -> reply(out, 257, "\"" + s.cwd().replace("\"", "\"\"") + "\" is the current directory"),
                Verb.PWD, Verb.XPWD);
        plain((s, v, arg, out) -> s.type(arg.trim(), out), Verb.TYPE);
        // RFC 959 §5.3.2: only MODE S and STRU F are required.
        // proftpd 1.3.8 mod_xfer.c xfer_mode/xfer_stru (checked against proftpd 1.3.8)
        plain((s, v, arg, out) -> only(arg, "S", s.proftpd() ? "Mode set to S" : "Mode set to S.",
                s.proftpd() ? "'MODE " + arg.trim() + "' unsupported transfer mode" : "Bad MODE command.", out), Verb.MODE);
        plain((s, v, arg, out) -> only(arg, "F", s.proftpd() ? "Structure set to F" : "Structure set to F.",
                s.proftpd() ? "'STRU " + arg.trim() + "' unsupported structure type" : "Bad STRU command.", out), Verb.STRU);
        plain((s, v, arg, out) -> s.data.port(arg.trim(), out), Verb.PORT);
        plain((s, v, arg, out) -> {
            if (s.extended(out)) {
                s.data.eprt(arg.trim(), out);
            }
        }, Verb.EPRT);
        plain((s, v, arg, out) -> s.data.pasv(false, out), Verb.PASV);
        plain((s, v, arg, out) -> {
            if (s.extended(out)) {
                s.data.epsv(arg.trim(), out);
            }
        }, Verb.EPSV);
        plain((s, v, arg, out) -> s.rest(arg.trim(), out), Verb.REST);
        on((s, v, arg, from, out) -> s.retr(arg, ServerFiles.resolve(s.cwd(), arg), out), Verb.RETR);
        on((s, v, arg, from, out) -> s.stor(arg, ServerFiles.resolve(s.cwd(), arg), v == Verb.APPE, out), Verb.STOR, Verb.APPE);
        on((s, v, arg, from, out) -> s.list(v, arg, out), Verb.LIST, Verb.NLST);
        on((s, v, arg, from, out) -> s.mlsx(v, arg, out), Verb.MLST, Verb.MLSD);
        on((s, v, arg, from, out) -> s.data.abort(out), Verb.ABOR);
        plain((s, v, arg, out) -> s.fileOp(v, arg, () -> s.walks(arg) && s.fs.delete(ServerFiles.resolve(s.cwd(), arg)), 250,
                s.proftpd() ? v.name() + " command successful" : "Delete operation successful.",
                "Delete operation failed.", out), Verb.DELE);
        plain((s, v, arg, out) -> {
            String p = ServerFiles.resolve(s.cwd(), arg);
            // proftpd 1.3.8 mod_core.c core_mkd: "\"%s\" - Directory successfully created", the
            // path resolved; vsftpd 3.0.3 postlogin.c handle_mkd names the argument as sent after
            // the folder: "MKD up/new/" was '257 "/up/new/" created', "MKD ./dot" in /up
            // '257 "/up/./dot" created' (checked against both)
            String named = s.proftpd() || arg.startsWith("/") ? (s.proftpd() ? p : arg)
                    : s.cwd() + (s.cwd().endsWith("/") ? "" : "/") + arg;
            s.fileOp(v, arg, () -> s.fs.mkdir(p), 257, "\"" + named.replace("\"", "\"\"") + "\""
                    + (s.proftpd() ? " - Directory successfully created" : " created"),
                    "Create directory operation failed.", out);
        }, Verb.MKD, Verb.XMKD);
        plain((s, v, arg, out) -> s.fileOp(v, arg, () -> s.fs.rmdir(ServerFiles.resolve(s.cwd(), arg)), 250,
                s.proftpd() ? v.name() + " command successful" : "Remove directory operation successful.",
                "Remove directory operation failed.", out), Verb.RMD, Verb.XRMD);
        // vsftpd postlogin.c: STOU as STOR; SITE for local users only, anonymous ones get "Permission
        // denied." (we implement no SITE command: vsftpd's "Unknown SITE command." for the rest).
        on((s, v, arg, from, out) -> {
            if (!s.proftpd()) {
                return s.stou(arg, out);
            }
            reply(out, s.mayWrite() ? 502 : 550, s.mayWrite() ? "Command not implemented." : DENIED);
            return ServerStates.Effect.NONE;
        }, Verb.STOU);
        plain((s, v, arg, out) -> {
            if (s.proftpd()) {
                s.site(arg.trim(), out);
            } else {
                reply(out, s.login.anonymous() ? 550 : 500, s.login.anonymous() ? DENIED : "Unknown SITE command.");
            }
        }, Verb.SITE);
        plain((s, v, arg, out) -> s.rnfr(arg, ServerFiles.resolve(s.cwd(), arg), out), Verb.RNFR);
        on((s, v, arg, from, out) -> {
            s.rnto(from, arg, ServerFiles.resolve(s.cwd(), arg), out);
            return ServerStates.Effect.NONE;
        }, Verb.RNTO);
        plain((s, v, arg, out) -> s.stat(arg.trim(), out), Verb.STAT);
        plain((s, v, arg, out) -> s.size(arg, ServerFiles.resolve(s.cwd(), arg), out), Verb.SIZE);
        plain((s, v, arg, out) -> s.mdtm(arg, ServerFiles.resolve(s.cwd(), arg), out), Verb.MDTM);
        // RFC 959 §4.1.3: superfluous; proftpd 1.3.8 mod_xfer.c xfer_allo
        plain((s, v, arg, out) -> reply(out, 202, s.proftpd() ? "No storage allocation necessary" : "ALLO command ignored."),
                Verb.ALLO);
        plain((s, v, arg, out) -> s.unimplemented(out), Verb.UNIMPLEMENTED);
        plain((s, v, arg, out) -> {
            if (s.proftpd()) {
                // proftpd 1.3.8 src/main.c: "%s not understood", the word in upper case
                reply(out, 500, Verb.asciiUpper(s.word) + " not understood");
            } else {
                reply(out, 500, "Unknown command.");
            }
        }, Verb.UNKNOWN);
        for (Verb v : Verb.values()) {
            if (HANDLERS[v.ordinal()] == null) {
                throw new IllegalStateException("verb without handler: " + v);
            }
        }
    }

    /** MODE and STRU: 200 for the one value required, 504 for the rest. */
    private static void only(String arg, String value, String ok, String bad, List<Action> out) {
        if (arg.trim().equalsIgnoreCase(value)) {
            reply(out, 200, ok);
        } else {
            reply(out, 504, bad);
        }
    }
}
