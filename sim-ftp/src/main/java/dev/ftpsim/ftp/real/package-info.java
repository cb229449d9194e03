/**
 * The FTP engine over real Java sockets, bound to loopback: a server serving a directory
 * ({@link dev.ftpsim.ftp.real.RealFtpServer}) and a client ({@link dev.ftpsim.ftp.real.RealFtpClient}).
 * It exists to prove the engine against real FTP software; the simulator never uses it.
 */
package dev.ftpsim.ftp.real;
