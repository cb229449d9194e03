package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ftpsim run FILE}: same file and seed, byte-identical results; exit codes; nothing written on bad input. */
class ScenarioRunDeterminismTest {
    private static int run(final StringWriter err, final String... args) {
        final CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void theSameFileAndSeedGiveByteIdenticalResults(@TempDir final Path tmp) throws Exception {
        final String file = "../examples/nft-ruleset.yaml";
        assertEquals(0, run(new StringWriter(), "run", file, "--png", "--out", tmp.resolve("a").toString()));
        assertEquals(0, run(new StringWriter(), "run", file, "--out", tmp.resolve("b").toString()));
        for (final String f : new String[] {"summary.json", "sessions.csv", "timeseries.csv"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        // The time series is drawn too: an SVG, and with --png a PNG.
        final byte[] png = Files.readAllBytes(tmp.resolve("a").resolve("timeseries.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.readString(tmp.resolve("a").resolve("timeseries.svg")).contains("<svg"));
        assertEquals(0, run(new StringWriter(), "run", file, "--seed", "99", "--out", tmp.resolve("c").toString()));
        assertFalse(Files.readString(tmp.resolve("a").resolve("sessions.csv"))
                .equals(Files.readString(tmp.resolve("c").resolve("sessions.csv"))), "another seed, other timings");
    }

    @Test
    void failOnErrorExitsWith1WhenASessionFailed(@TempDir final Path tmp) {
        assertEquals(0, run(new StringWriter(), "run", "../examples/passive-stateful-server-fw.yaml", "--out",
                tmp.resolve("a").toString()));
        assertEquals(1, run(new StringWriter(), "run", "../examples/passive-stateful-server-fw.yaml", "--out",
                tmp.resolve("b").toString(), "--fail-on-error"));
    }

    @Test
    void anOutputFolderThatCannotBeMadeExitsWith2AndNamesIt(@TempDir final Path tmp) throws Exception {
        final Path file = Files.writeString(tmp.resolve("a-file"), "x");
        final StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run", "../examples/passive-stateful-server-fw-helper.yaml", "--out",
                file.resolve("sub").toString()));
        assertTrue(err.toString().startsWith("ftpsim: cannot write " + file), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void aSummaryWithoutSuccessesIsStrictJsonWithNullsWhereThereIsNoData(@TempDir final Path tmp) throws Exception {
        assertEquals(0, run(new StringWriter(), "run", "../examples/passive-stateful-server-fw.yaml", "--out",
                tmp.toString()));
        final com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                .readTree(tmp.resolve("summary.json").toFile());
        assertEquals(1, j.get("failuresByReason").get("data connect timed out").asInt());
        assertEquals(0, j.get("throughputMbps").get("n").asInt());
        assertTrue(j.get("throughputMbps").get("p50").isNull(), j.toString());
        // The control connection was tracked; the dropped data SYNs never got a confirmed entry.
        assertEquals(1, j.get("conntrack").get("fw").get("inserted").asInt(), j.toString());
        assertEquals(0, j.get("conntrack").get("fw").get("expect_create").asInt(), j.toString());
        assertFalse(Files.readString(tmp.resolve("summary.json")).contains("NaN"));
    }

    @Test
    void aBadFileExitsWith2ListsItsErrorsAndWritesNothing(@TempDir final Path tmp) throws Exception {
        final Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nhosts:\n  client: { address: 198.51.100.300/24 }\nlinks:\n"
                + "  - { ends: [client, fw.lan], delay: -5ms, loss: 2 }\n");
        final StringWriter err = new StringWriter();
        final Path out = tmp.resolve("out");
        assertEquals(2, run(err, "run", bad.toString(), "--out", out.toString()));
        final String e = err.toString();
        assertTrue(e.contains("bad.yaml:3:22: hosts.client.address: bad IPv4 address '198.51.100.300'"), e);
        assertTrue(e.contains("bad.yaml:5:38: links[0].delay: bad duration '-5ms'"), e);
        assertTrue(e.contains("bad.yaml:5:50: links[0].loss: 2 is not a probability"), e);
        assertFalse(Files.exists(out), "no output folder on bad input");
        assertFalse(e.contains("Exception"), "no stack trace");
    }
}
