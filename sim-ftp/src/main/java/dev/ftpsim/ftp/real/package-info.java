/**
 * The FTP engine over real Java sockets, bound to loopback: a server serving a directory
 * ({@link dev.ftpsim.ftp.real.RealFtpServer}) and a client ({@link dev.ftpsim.ftp.real.RealFtpClient}).
 * It exists to prove the engine against real FTP software and, through {@code ftpsim serve}, to let
 * users point their own clients at it; the simulator never uses it. Since users expose it, it is
 * hardened: {@link dev.ftpsim.ftp.real.DirectoryFileSystem} keeps every access inside its root
 * (links included) and serves only regular files and folders, streamed; {@link
 * dev.ftpsim.ftp.real.RealFtpServer} bounds sessions, threads and memory and delays failed logins.
 */
package dev.ftpsim.ftp.real;
