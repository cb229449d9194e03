package dev.ftpsim.ftp.protocol;

/**
 * The FTP commands the server knows, each with its access class: whether it may run before
 * login (RFC 959 §5.4 state diagrams; vsftpd prelogin.c accepts USER, PASS, QUIT, FEAT and a few
 * security verbs before login) and whether it sets up or uses the data connection.
 */
public enum Verb {
    USER(Access.LOGIN), PASS(Access.LOGIN), ACCT(Access.LOGIN), QUIT(Access.ANY),
    NOOP(Access.ANY), FEAT(Access.ANY), HELP(Access.ANY), SYST(Access.ANY), OPTS(Access.ANY),
    CWD(Access.SESSION), XCWD(Access.SESSION), CDUP(Access.SESSION), XCUP(Access.SESSION),
    PWD(Access.SESSION), XPWD(Access.SESSION), TYPE(Access.SESSION), MODE(Access.SESSION),
    STRU(Access.SESSION), PORT(Access.SESSION), PASV(Access.SESSION), EPRT(Access.SESSION),
    EPSV(Access.SESSION), RETR(Access.SESSION), STOR(Access.SESSION), APPE(Access.SESSION),
    LIST(Access.SESSION), NLST(Access.SESSION), REST(Access.SESSION), ABOR(Access.ANY),
    DELE(Access.SESSION), MKD(Access.SESSION), XMKD(Access.SESSION), RMD(Access.SESSION),
    XRMD(Access.SESSION), RNFR(Access.SESSION), RNTO(Access.SESSION), STAT(Access.SESSION),
    SIZE(Access.SESSION), MDTM(Access.SESSION), ALLO(Access.SESSION),
    /** Store under a unique name, and site-specific commands (RFC 959): both may write, so both are gated. */
    STOU(Access.SESSION), SITE(Access.SESSION),
    /** RFC 3659 section 7: machine-readable listings, when the server offers them. */
    MLST(Access.SESSION), MLSD(Access.SESSION),
    /**
     * proftpd 1.3.8's own (mod_core.c core_clnt, core_host (RFC 7151), mod_lang.c lang_lang (RFC 2640),
     * mod_facts.c facts_mfmt): vsftpd knows none of them ("500 Unknown command.").
     */
    CLNT(Access.ANY), HOST(Access.ANY), LANG(Access.ANY), MFMT(Access.ANY),
    /** RFC 4217 (FTP over TLS): allowed before login, as the point is to protect USER/PASS. */
    AUTH(Access.ANY), PBSZ(Access.ANY), PROT(Access.ANY), CCC(Access.ANY),
    /** Known to RFC 959 but not implemented here: 502. */
    UNIMPLEMENTED(Access.ANY),
    /** Not an FTP command: 500. */
    UNKNOWN(Access.ANY);

    /** When a verb may run. */
    public enum Access {
        /** Any time, also before login. */
        ANY,
        /** The login sequence itself. */
        LOGIN,
        /** Only after a successful login (RFC 959: 530 otherwise). */
        SESSION
    }

    /** This verb's access class. */
    public final Access access;

    Verb(Access access) {
        this.access = access;
    }

    private static final java.util.Set<String> RFC959_OTHERS = java.util.Set.of(
            "SMNT", "REIN", "LPRT", "LPSV");

    /**
     * The verb of a command word, case-insensitive in ASCII only (RFC 959 §5.3). Java's upper case
     * of a line read as Latin-1 turns "PA\u00df" into "PASS"; vsftpd's str_upper is C's toupper,
     * which leaves every byte over 127 as it is, so that word is unknown there.
     */
    public static Verb of(String word) {
        String w = asciiUpper(word);
        if (w.length() <= 4 && !w.isEmpty()) {
            for (Verb v : VALUES) {
                if (v != UNIMPLEMENTED && v != UNKNOWN && v.name().equals(w)) {
                    return v;
                }
            }
            if (RFC959_OTHERS.contains(w)) {
                return UNIMPLEMENTED;
            }
        }
        return UNKNOWN;
    }

    private static final Verb[] VALUES = values();

    /** The word in ASCII upper case, bytes over 127 left alone, as C's toupper in vsftpd's str_upper. */
    static String asciiUpper(String word) {
        char[] c = word.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'a' && c[i] <= 'z') {
                c[i] -= 'a' - 'A';
            }
        }
        return new String(c);
    }
}
