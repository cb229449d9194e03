package dev.ftpsim.ftp.protocol;

import java.util.List;

/**
 * USER and PASS (RFC 959 §4.1.1, RFC 2577 §5) for one {@link ServerSession}: who is logging in,
 * failed attempts, and the profile's reply texts ({@link ServerOptions#login()}).
 */
final class ServerLogin {
    private final ServerOptions opt;
    private String user = "";
    private boolean anonymous;
    private int fails;

    ServerLogin(ServerOptions opt) {
        this.opt = opt;
    }

    private boolean proftpd() {
        return opt.dialect() == ServerOptions.Dialect.PROFTPD;
    }

    /** True once an anonymous user sent USER (and kept after login). */
    boolean anonymous() {
        return anonymous;
    }

    /** The name STAT shows: vsftpd's "ftp" for anonymous users. */
    String shownName() {
        return anonymous ? "ftp" : user;
    }

    /** Failed passwords so far. */
    int fails() {
        return fails;
    }

    /** Where the logged-in user starts: the account's home, "/" for anonymous users. */
    String home() {
        return anonymous ? "/" : opt.homes().getOrDefault(user, "/");
    }

    ServerStates.Effect user(ServerStates.Login state, String arg, List<Action> out) {
        if (state == ServerStates.Login.READY) {
            // vsftpd postlogin.c; proftpd 1.3.8 mod_auth.c auth_user
            if (proftpd()) {
                ServerSession.reply(out, 501, "Reauthentication not supported");
            } else {
                ServerSession.reply(out, 530, "Can't change to another user.");
            }
            return ServerStates.Effect.NONE;
        }
        if (proftpd() && arg.isBlank()) {
            ServerSession.reply(out, 500, "USER: command requires a parameter"); // src/cmd.c CHECK_CMD_MIN_ARGS
            return ServerStates.Effect.NONE;
        }
        user = arg.trim();
        // vsftpd prelogin.c: "FTP" and "ANONYMOUS", any case; proftpd's <Anonymous> UserAlias does the same.
        final boolean anonName = user.equalsIgnoreCase("anonymous") || user.equalsIgnoreCase("ftp");
        if (!opt.localEnable() && !anonName) {
            // vsftpd prelogin.c handle_user_command(): refused at USER, before any password is sent;
            // the USER is forgotten (a PASS then gets 503) and the session stays open.
            ServerSession.reply(out, 530, "This FTP server is anonymous only.");
            anonymous = false;
            return ServerStates.Effect.LOGIN_FAILED;
        }
        anonymous = opt.anonymous() && anonName;
        String text = anonymous ? opt.login().anonymousPassword() : opt.login().needPassword();
        ServerSession.reply(out, 331, text.replace("%s", user));
        return ServerStates.Effect.USER_OK;
    }

    ServerStates.Effect pass(ServerStates.Login state, String arg, List<Action> out) {
        if (state == ServerStates.Login.READY) {
            if (proftpd()) {
                ServerSession.reply(out, 503, "You are already logged in"); // mod_auth.c auth_pass
            } else {
                ServerSession.reply(out, 230, "Already logged in.");
            }
            return ServerStates.Effect.NONE;
        }
        if (state == ServerStates.Login.NEED_USER) {
            // vsftpd prelogin.c; proftpd 1.3.8 mod_auth.c auth_pass
            ServerSession.reply(out, 503, proftpd() ? "Login with USER first" : "Login with USER first.");
            return ServerStates.Effect.NONE;
        }
        String want = opt.users().get(user);
        if (anonymous || (want != null && want.equals(arg))) {
            String text = anonymous ? opt.login().anonymousLoggedIn() : opt.login().loggedIn();
            ServerSession.reply(out, 230, text.replace("%s", user));
            return ServerStates.Effect.LOGIN_OK;
        }
        if (++fails >= opt.maxLoginFails()) {
            out.add(new Action.SendReply(opt.lockout())); // RFC 2577 §5: 421 and close
            return ServerStates.Effect.CLOSE;
        }
        ServerSession.reply(out, 530, opt.login().incorrect());
        return ServerStates.Effect.LOGIN_FAILED;
    }
}
