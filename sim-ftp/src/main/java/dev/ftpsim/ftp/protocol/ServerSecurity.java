package dev.ftpsim.ftp.protocol;

import java.util.List;

/**
 * RFC 4217 (FTP over TLS) for one {@link ServerSession}: whether the control connection is
 * protected, and the replies to AUTH, PBSZ, PROT and CCC.
 */
final class ServerSecurity {
    private final ServerOptions opt;

    /** The control connection is TLS-protected (RFC 4217). */
    private boolean secure;

    /** PROT P was accepted last (RFC 4217 section 9). */
    private boolean privateData;

    ServerSecurity(ServerOptions opt) {
        this.opt = opt;
    }

    /** Whether the control connection is TLS-protected now. */
    boolean secure() {
        return secure;
    }

    /** Whether data connections are to be protected (PROT P). */
    boolean privateData() {
        return privateData;
    }

    /** RFC 4217: AUTH TLS, PBSZ, PROT and CCC, with vsftpd's texts where vsftpd has the command. */
    void handle(Verb v, String arg, List<Action> out) {
        switch (v) {
            case AUTH -> {
                if (!opt.tls()) {
                    ServerSession.reply(out, 530, "Please login with USER and PASS."); // vsftpd with ssl_enable=NO
                } else if (secure) {
                    ServerSession.reply(out, 503, "Already in a TLS session.");
                } else if (arg.equalsIgnoreCase("TLS") || arg.equalsIgnoreCase("TLS-C") || arg.equalsIgnoreCase("SSL")) {
                    ServerSession.reply(out, 234, "Proceed with negotiation.");
                    secure = true;
                    out.add(new Action.SecureControl(true));
                } else {
                    ServerSession.reply(out, 504, "Unknown AUTH type.");
                }
            }
            case PBSZ -> {
                if (!secure) {
                    ServerSession.reply(out, 503, "PBSZ needs a secure connection.");
                } else {
                    ServerSession.reply(out, 200, "PBSZ set to 0.");
                }
            }
            case PROT -> {
                if (!secure) {
                    ServerSession.reply(out, 503, "PROT needs a secure connection.");
                } else if (arg.equalsIgnoreCase("P")) {
                    ServerSession.reply(out, 200, "PROT now Private.");
                    privateData = true;
                } else if (arg.equalsIgnoreCase("C")) {
                    ServerSession.reply(out, 200, "PROT now Clear.");
                    privateData = false;
                } else {
                    ServerSession.reply(out, 536, "PROT level not supported.");
                }
            }
            default -> { // CCC
                if (!secure) {
                    ServerSession.reply(out, 533, "CCC needs a secure connection.");
                } else if (!opt.ccc()) {
                    ServerSession.reply(out, 534, "CCC not allowed.");
                } else {
                    ServerSession.reply(out, 200, "Clearing control channel protection.");
                    secure = false;
                    out.add(new Action.SecureControl(false));
                }
            }
        }
    }
}
