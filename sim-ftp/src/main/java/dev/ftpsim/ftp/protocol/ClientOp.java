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
    /** QUIT (appended to every script that does not end with one). */
    record Quit() implements ClientOp {}
}
