package dev.ftpsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ftpsim serve} in a child JVM of its own (heap, locale), logging to a file; for tests. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("ftp://127\\.0\\.0\\.1:(\\d+)/");

    final Process process;
    final Path log;
    final int port;

    private ServeProcess(final Process process, final Path log, final int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code java <jvmOptions> ServeProcessMain serve --port 0 <args>} with {@code env} added
     * to the environment, and waits (at most 20 s) for its banner.
     */
    static ServeProcess start(final Path log, final List<String> jvmOptions, final Map<String, String> env,
                              final String... args) throws IOException, InterruptedException {
        return startUnder(List.of(), log, jvmOptions, env, args);
    }

    /** As {@link #start}, the java command run by {@code wrapper} (e.g. {@code bash -c 'ulimit ...; exec "$0" "$@"'}). */
    static ServeProcess startUnder(final List<String> wrapper, final Path log, final List<String> jvmOptions,
                                   final Map<String, String> env, final String... args)
            throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServeProcessMain.class.getName(),
                "serve", "--port", "0"));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        final Process p = pb.start();
        for (int i = 0; i < 400; i++) {
            Thread.sleep(50);
            final Matcher m = URL.matcher(Files.readString(log));
            if (m.find()) {
                return new ServeProcess(p, log, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("serve did not start: " + Files.readString(log));
    }

    /** What the server logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
