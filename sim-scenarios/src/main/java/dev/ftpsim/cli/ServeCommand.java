package dev.ftpsim.cli;

import dev.ftpsim.ftp.profile.ServerProfiles;
import dev.ftpsim.ftp.protocol.ServerOptions;
import dev.ftpsim.ftp.real.DirectoryFileSystem;
import dev.ftpsim.ftp.real.RealFtpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ftpsim serve}: the simulations' own FTP server engine on a real socket, serving a folder,
 * so that curl, lftp, FileZilla or ftplib can talk to it. Anonymous login only; read-only unless
 * {@code --writable}. Logs every command and reply; Ctrl-C stops it with exit status 0.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a folder over FTP on real sockets, with the simulator's own server engine.",
            "Your FTP client talks to the very engine the simulations run, in active",
            "and passive modes (PORT, EPRT, PASV, EPSV). Anonymous login (any password);",
            "read-only unless --writable. Each command and reply is logged to stdout, with",
            "the session number and client address (passwords as ****). Ctrl-C stops it.",
            "Only regular files and folders inside --root are served; a link that leads",
            "outside it is refused (550), as vsftpd's chroot does. Sessions are limited",
            "(--max-sessions, --max-per-ip: over a limit, 421 and close), an idle session",
            "ends after --idle-timeout (also before login), and a failed password is",
            "answered after --failed-login-delay, queued per client address."},
        footer = {"", "Examples:",
            "  ftpsim serve --root ./pub",
            "  curl ftp://127.0.0.1:2121/file.txt",
            "  curl --ftp-port - ftp://127.0.0.1:2121/file.txt       (active mode, EPRT)",
            "  lftp -p 2121 127.0.0.1",
            "  ftpsim serve --port 0 --profile proftpd --passive-ports 30000-30009",
            "",
            "In Python: f = ftplib.FTP(); f.connect('127.0.0.1', 2121); f.login(); f.dir()"})
final class ServeCommand implements Callable<Integer> {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    @CommandLine.Option(names = "--port", defaultValue = "2121", paramLabel = "N",
            description = "Control port, 0 for any free one (default: ${DEFAULT-VALUE}; 21 would need root).")
    int port;

    @CommandLine.Option(names = "--root", defaultValue = ".", paramLabel = "DIR",
            description = "Folder served as / (default: the current directory).")
    Path root;

    @CommandLine.Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "IPv4 address to listen on, 0.0.0.0 for all (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @CommandLine.Option(names = "--passive-ports", paramLabel = "LO-HI",
            description = "Ports offered for passive data connections (default: any free port).")
    String passivePorts;

    @CommandLine.Option(names = "--profile", defaultValue = "vsftpd", paramLabel = "NAME",
            description = "Server software to behave like: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = Profiles.class)
    String profile;

    @CommandLine.Option(names = "--writable",
            description = "Let clients upload, delete, rename and create folders (default: read-only).")
    boolean writable;

    // vsftpd's max_clients and max_per_ip default to 0 (unlimited); a test server on a desktop
    // gets bounds instead: 10 per address covers FileZilla at its maximum of 10 transfers.
    @CommandLine.Option(names = "--max-sessions", defaultValue = "50", paramLabel = "N",
            description = "Sessions at once, 0 = unlimited; more get 421 (vsftpd max_clients; default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @CommandLine.Option(names = "--max-per-ip", defaultValue = "10", paramLabel = "N",
            description = "Sessions at once from one client address, 0 = unlimited; more get 421 "
                    + "(vsftpd max_per_ip; default: ${DEFAULT-VALUE}).")
    int maxPerIp;

    @CommandLine.Option(names = "--idle-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "End a session idle this long, logged in or not, with 421 (vsftpd "
                    + "idle_session_timeout, proftpd TimeoutIdle; default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @CommandLine.Option(names = "--failed-login-delay", defaultValue = "1", paramLabel = "SECONDS",
            description = "Pause before answering a failed password, queued per client address across "
                    + "its connections (vsftpd delay_failed_login; default: ${DEFAULT-VALUE}; decimals allowed).")
    double failedLoginDelay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The profile names, for --help. */
    static final class Profiles extends java.util.ArrayList<String> {
        Profiles() {
            super(ServerProfiles.NAMES);
        }
    }

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final ServerOptions options = options();
        final InetAddress address = address();
        if (!Files.isDirectory(root)) {
            throw bad("--root " + root + ": not a directory");
        }
        final Path served = root.toAbsolutePath().normalize();
        final RealFtpServer server;
        try {
            server = RealFtpServer.start(options, limits(), new DirectoryFileSystem(served, writable), address, port,
                    new ServeLog(out));
        } catch (final IOException e) {
            spec.commandLine().getErr().println("ftpsim serve: cannot listen on " + bind + ":" + port + ": "
                    + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        // SIGINT's default exit status is 130; stopping a server on purpose is a success, hence halt(0).
        final Thread hook = new Thread(() -> {
            stop();
            try {
                stopped.await(5, TimeUnit.SECONDS); // let call() close the sessions and say so
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(Main.EXIT_OK);
        }, "ftpsim-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        out.println("ftpsim serve: ftp://" + host + ":" + server.port() + "/ serving " + served + " ("
                + (writable ? "writable" : "read-only") + ", anonymous login, " + profile + " profile, "
                + (maxSessions == 0 ? "no session limit" : "at most " + maxSessions + " sessions")
                + (maxPerIp == 0 ? "" : ", " + maxPerIp + " per address")
                + (address.isAnyLocalAddress() ? ", listening on all addresses" : "") + "); Ctrl-C stops");
        out.flush();
        try {
            awaitQuietly(stopRequested);
        } finally {
            try {
                server.close();
            } catch (final IOException e) {
                // the process ends anyway; nothing more to release
            }
            // Sessions end on their own threads; wait (at most 2 s) so their "closed" lines come first.
            try {
                server.awaitIdle(2_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("ftpsim serve: stopped");
            out.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException e) {
                // the JVM is shutting down: the hook itself asked us to stop
            }
            stopped.countDown();
        }
        return Main.EXIT_OK;
    }

    /** Asks a running {@link #call()} to close the server and return; what Ctrl-C does. */
    void stop() {
        stopRequested.countDown();
    }

    private ServerOptions options() {
        if (port < 0 || port > 65535) {
            throw bad("--port " + port + ": must be 0..65535 (0 = any free port)");
        }
        final ServerOptions.Builder b;
        try {
            b = ServerProfiles.of(profile);
        } catch (final IllegalArgumentException e) {
            throw bad("--profile: " + e.getMessage());
        }
        if (maxSessions < 0 || maxPerIp < 0) {
            throw bad((maxSessions < 0 ? "--max-sessions " + maxSessions : "--max-per-ip " + maxPerIp)
                    + ": must be 0 (unlimited) or more");
        }
        if (idleTimeout < 1) {
            throw bad("--idle-timeout " + idleTimeout + ": must be 1 second or more");
        }
        b.anonymous(true)              // the proftpd profile has none; serve has no other login
                .anonymousWrite(writable)
                .maxSessions(maxSessions)
                .idleNanos(idleTimeout * 1_000_000_000L)
                .connectFromPort20(false) // proftpd's port-20 active data would need root
                // names pass as their bytes: vsftpd's utf8_filesystem=YES, so FEAT says UTF8
                .utf8(true);
        if (passivePorts != null) {
            final Matcher m = RANGE.matcher(passivePorts);
            final int lo = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            final int hi = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (lo < 1024 || hi > 65535 || lo > hi) {
                throw bad("--passive-ports " + passivePorts + ": expected LO-HI with 1024 <= LO <= HI <= 65535");
            }
            b.pasvPorts(lo, hi);
        }
        return b.build();
    }

    private RealFtpServer.Limits limits() {
        if (!(failedLoginDelay >= 0 && failedLoginDelay <= 3600)) {
            throw bad("--failed-login-delay " + failedLoginDelay + ": must be 0..3600 seconds");
        }
        return new RealFtpServer.Limits(maxPerIp, Math.round(failedLoginDelay * 1000));
    }

    /** An IPv4 literal only: the engine speaks IPv4, and no name lookup should happen here. */
    private InetAddress address() {
        final Matcher m = IPV4.matcher(bind);
        final byte[] a = new byte[4];
        for (int i = 0; i < 4 && m.matches(); i++) {
            final int v = Integer.parseInt(m.group(i + 1));
            if (v > 255) {
                break;
            }
            a[i] = (byte) v;
            if (i == 3) {
                try {
                    return InetAddress.getByAddress(a);
                } catch (final IOException e) {
                    throw new IllegalStateException(e); // four bytes are always a valid address
                }
            }
        }
        throw bad("--bind " + bind + ": expected an IPv4 address such as 127.0.0.1 or 0.0.0.0");
    }

    private CommandLine.ParameterException bad(final String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            while (!latch.await(1, TimeUnit.SECONDS)) {
                // keep waiting; a timed wait keeps the thread responsive to interrupts
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
