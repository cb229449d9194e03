package dev.ftpsim.core.pcap;

import dev.ftpsim.core.tcp.TcpConnection;
import dev.ftpsim.core.tcp.TcpHandler;
import dev.ftpsim.core.tcp.TcpStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the capture tests put on the wire, and tshark's reading of it. */
final class Exchange {
    private Exchange() {}

    /**
     * A banner from the server's port 21, the client's {@code line}, 20 kB of bulk and a close; then
     * a connect to the closed port 2121 and one to {@code unrouted}.
     */
    static void start(final TcpStack client, final TcpStack server, final int serverAddr, final int unrouted,
            final String line, final boolean refusedToo) {
        server.listen(21, conn -> new TcpHandler() {
            @Override
            public void connected(final TcpConnection x) {
                x.send("220 ftpsim ready\r\n".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void received(final TcpConnection x, final byte[] data) {
                x.send(20_000L);
                x.close();
            }
        });
        client.connect(serverAddr, 21, new TcpHandler() {
            @Override
            public void received(final TcpConnection x, final byte[] data) {
                x.send(line.getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void peerClosed(final TcpConnection x) {
                x.close();
            }
        });
        if (refusedToo) {
            client.connect(serverAddr, 2121, new TcpHandler() { });
        }
        client.connect(unrouted, 21, new TcpHandler() { });
    }

    static boolean tsharkInstalled() {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /** tshark's output for the command line {@code args} after {@code tshark}. */
    static String tshark(final String... args) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("tshark did not finish");
        }
        return out;
    }

    /**
     * Malformed packets and expert warnings tshark finds in a capture, with checksums checked; a
     * reset is a real event it flags, not a problem.
     */
    static List<String> problems(final Path file) throws IOException, InterruptedException {
        final String outText = tshark("-r", file.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-Y", "_ws.malformed || _ws.expert.severity >= warning",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        final List<String> problems = new ArrayList<>();
        for (final String line : outText.split("\n")) {
            if (!line.isBlank() && !line.endsWith("\tConnection reset (RST)")) {
                problems.add(line);
            }
        }
        return problems;
    }
}
