/**
 * The FTP protocol engine, sans-I/O in the manner of python-hyper/h11.
 *
 * <p>Theory of operation: a {@link dev.ftpsim.ftp.protocol.ServerSession} or
 * {@link dev.ftpsim.ftp.protocol.ClientSession} is fed {@link dev.ftpsim.ftp.protocol.Input}
 * values (control-channel bytes, data-channel events, timer expiries) and answers with a list
 * of {@link dev.ftpsim.ftp.protocol.Action} values (send a reply or command, listen on or
 * connect a data port, send data, close, start or cancel a timer). There are no sockets, no
 * threads and no clock in this package, so the same engine runs over simulated TCP and over real
 * Java sockets ({@code dev.ftpsim.ftp.real}). Peer errors become replies or a
 * {@link dev.ftpsim.ftp.protocol.FailureReason}; only our own bugs throw
 * {@link java.lang.IllegalStateException}.
 */
package dev.ftpsim.ftp.protocol;
