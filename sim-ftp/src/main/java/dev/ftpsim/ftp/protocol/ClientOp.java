package dev.ftpsim.ftp.protocol;

/** One step of a client script. */
public sealed interface ClientOp {
    /** USER then PASS (RFC 959 §4.1.1). */
    record Login(String user, String password) implements ClientOp {}
    /** CWD. */
    record Cwd(String path) implements ClientOp {}
    /** LIST (names only = NLST). */
    record List(String path, boolean namesOnly) implements ClientOp {}
    /** RETR. */
    record Retr(String path) implements ClientOp {}
    /** STOR: real bytes when {@code bytes != null}, else {@code length} bulk bytes. */
    record Stor(String path, byte[] bytes, long length) implements ClientOp {}
    /** AUTH TLS (RFC 4217 section 4): protect the control connection from here on. */
    record AuthTls() implements ClientOp {}
    /** PBSZ 0 then PROT P (private) or C (clear data), as FTPS clients send after login. */
    record Protect(boolean privateData) implements ClientOp {}
    /** CCC (RFC 4217 section 6): clear the control connection again, e.g. for firewalls. */
    record Ccc() implements ClientOp {}
    /**
     * A pause before the next command, as a user of lftp or FileZilla leaves between commands: no
     * command is sent and the control connection stays open (a server may time it out meanwhile).
     */
    record Wait(long nanos) implements ClientOp {}
    /** QUIT (appended to every script that does not end with one). */
    record Quit() implements ClientOp {}

    /** The command line of a transfer step (RETR, STOR, LIST or NLST). */
    static String transferCommand(ClientOp op) {
        if (op instanceof Retr r) {
            return "RETR " + r.path();
        }
        if (op instanceof Stor s) {
            return "STOR " + s.path();
        }
        var l = (List) op;
        return (l.namesOnly() ? "NLST" : "LIST") + (l.path().isEmpty() ? "" : " " + l.path());
    }
}
