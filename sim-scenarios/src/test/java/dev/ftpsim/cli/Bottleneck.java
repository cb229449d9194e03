package dev.ftpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A download through router r from a 1 Gbps link, which may lose packets, onto a 10 Mbps link with
 * a queue of its own: two passive curl sessions of a 2 MB file.
 */
final class Bottleneck {
    private Bottleneck() {}

    /** Writes the scenario as {@code dir/bottleneck.yaml}. */
    static Path write(final Path dir, final String stop, final String slowQueue, final String loss) throws Exception {
        final Path f = dir.resolve("bottleneck.yaml");
        Files.writeString(f, """
                name: bottleneck
                seed: 3
                stop: %s
                hosts:
                  client: { address: 10.0.1.10/24 }
                  server: { address: 10.0.2.10/24 }
                routers:
                  r: { interfaces: { lan: 10.0.1.1/24, wan: 10.0.2.1/24 } }
                links:
                  - { ends: [client, r.lan], bandwidth: 10Mbps, delay: 5ms, queue: %s }
                  - { ends: [r.wan, server], bandwidth: 1Gbps, delay: 1ms, loss: %s }
                ftp:
                  server: { host: server, files: { /pub/file.bin: 2MB } }
                  clients:
                    - { host: client, server: 10.0.2.10, mode: passive, sessions: 2, arrivals: every 1s,
                        script: [login anonymous, get /pub/file.bin] }
                """.formatted(stop, slowQueue, loss));
        return f;
    }
}
