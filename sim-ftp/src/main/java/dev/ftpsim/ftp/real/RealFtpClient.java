package dev.ftpsim.ftp.real;

import dev.ftpsim.ftp.protocol.Action;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.ftp.protocol.ClientOptions;
import dev.ftpsim.ftp.protocol.ClientSession;
import dev.ftpsim.ftp.protocol.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Our FTP client engine over real sockets: runs a script against a server and returns the
 * session record plus the bytes of every data connection (downloads and listings), in order.
 */
public final class RealFtpClient {

    /** The outcome: the engine's record and each data connection's received bytes. */
    public record Result(SessionRecord record, List<byte[]> received) {}

    private RealFtpClient() {}

    /**
     * Connects to {@code host:port}, runs the script, and waits at most {@code timeoutMillis}.
     *
     * @throws TimeoutException if the session did not end in time (its sockets are closed)
     */
    public static Result run(String host, int port, ClientOptions options, List<ClientOp> script, int timeoutMillis)
            throws IOException, InterruptedException, TimeoutException {
        var control = new Socket();
        control.connect(new InetSocketAddress(host, port), timeoutMillis);
        var session = new ClientSession(options, script, Pump.ipv4(control.getLocalAddress()), control.getLocalPort(),
                Pump.ipv4(control.getInetAddress()));
        var done = new CompletableFuture<SessionRecord>();
        var received = new ArrayList<ByteArrayOutputStream>();
        Pump.DataSink sink = (b, n) -> {
            synchronized (received) {
                received.get(received.size() - 1).write(b, 0, n);
            }
        };
        var pump = new Pump(control, session::handle, a -> {
            if (a instanceof Action.Finished f) {
                done.complete(f.record());
            } else if (a instanceof Action.ListenData || a instanceof Action.ConnectData) {
                synchronized (received) {
                    received.add(new ByteArrayOutputStream());
                }
            }
        }, sink, timeoutMillis);
        Thread loop = Pump.daemon("ftp-client-session").newThread(() -> {
            pump.start(session.start());
            pump.run();
        });
        loop.start();
        try {
            SessionRecord r = done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            loop.join(timeoutMillis);
            synchronized (received) {
                return new Result(r, received.stream().map(ByteArrayOutputStream::toByteArray).toList());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            control.close();
            throw e;
        }
    }
}
