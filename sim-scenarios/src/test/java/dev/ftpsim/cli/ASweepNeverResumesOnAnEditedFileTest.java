package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep resumes only the sweep it journaled: after an edit of the scenario file or of a ruleset
 * file it loads, it refuses (exit 2) rather than report the old numbers, naming each input that
 * changed (so a user can tell a comment edit from a real change), and {@code --restart} starts over.
 */
class ASweepNeverResumesOnAnEditedFileTest {
    @TempDir
    Path tmp;

    private Path scenario;
    private Path ruleset;
    private Path out;

    @BeforeEach
    void aFinishedSweep() throws Exception {
        Files.createDirectories(tmp.resolve("nft"));
        ruleset = Files.copy(Path.of("..", "examples", "nft", "server-fw.nft"), tmp.resolve("nft/server-fw.nft"));
        scenario = Cli.example(tmp, "nft-ruleset", "sessions: 5", "sessions: 1",
                "record:", "sweep:\n  replications: 1\n  vary:\n    ftp.clients[0].mode: [passive, epsv]\nrecord:");
        out = tmp.resolve("out");
        final Cli first = sweep();
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("2 run now, 0 resumed"), first.out());
        final Cli again = sweep();
        assertTrue(again.out().contains("0 run now, 2 resumed"), again.out());
    }

    private Cli sweep(final String... extra) {
        final String[] args = new String[5 + extra.length];
        System.arraycopy(new String[] {"sweep", scenario.toString(), "--no-progress", "--out", out.toString()}, 0,
                args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        return Cli.run(args);
    }

    /** Refused, the message naming what changed: {@code changes}. */
    private void refused(final String changes) throws Exception {
        final byte[] journal = Files.readAllBytes(out.resolve("points.jsonl"));
        final Cli r = sweep();
        assertEquals(2, r.exit(), r.err());
        assertEquals("ftpsim: output folder " + out + " holds another sweep: its journal was written from other inputs"
                + " (" + changes + "), so its results are not this sweep's; use another output folder, or --restart"
                + " to start over", r.err().strip());
        assertEquals("", r.out());
        assertTrue(java.util.Arrays.equals(journal, Files.readAllBytes(out.resolve("points.jsonl"))));
    }

    @Test
    void anEditedScenarioFileIsRefused() throws Exception {
        Files.writeString(scenario, Files.readString(scenario).replace("seed: 1", "seed: 1 # same seed, other file"));
        refused("the scenario file " + scenario + " changed");
    }

    @Test
    void anEditedRulesetFileIsRefused() throws Exception {
        Files.writeString(ruleset, Files.readString(ruleset) + "\n# edited\n");
        refused("nft/server-fw.nft changed");
    }

    /** The ruleset split in two: its forward chain in a file it includes (from nft/, as written). */
    private Path aFinishedSweepWithAnInclude(final String include) throws Exception {
        final String text = Files.readString(ruleset);
        final int forward = text.indexOf("\tchain forward {");
        final int end = text.indexOf("\t}\n", forward) + 3;
        final Path included = Files.createDirectories(tmp.resolve("nft/d")).resolve("forward.nft");
        Files.writeString(included, "table inet filter {\n" + text.substring(forward, end) + "}\n");
        Files.writeString(ruleset, text.substring(0, forward) + text.substring(end) + "include \"" + include + "\"\n");
        final Cli r = sweep("--restart");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 run now, 0 resumed"), r.out());
        assertTrue(sweep().out().contains("0 run now, 2 resumed"));
        return included;
    }

    @Test
    void anEditedFileTheRulesetIncludesIsRefused() throws Exception {
        final Path included = aFinishedSweepWithAnInclude("d/forward.nft");
        // Without RELATED the data connections are dropped: the journal's numbers are stale.
        Files.writeString(included, Files.readString(included).replace("established,related", "established"));
        refused("nft/d/forward.nft changed");
    }

    @Test
    void aNewFileAnIncludeGlobMatchesIsRefused() throws Exception {
        aFinishedSweepWithAnInclude("d/*.nft");
        Files.writeString(tmp.resolve("nft/d/more.nft"), "table inet filter {\n\tchain forward {\n\t\ttcp dport 21 drop\n\t}\n}\n");
        refused("nft/d/more.nft is loaded now but was not then");
    }

    @Test
    void aFileAnIncludeGlobNoLongerMatchesIsRefused() throws Exception {
        aFinishedSweepWithAnInclude("d/*.nft");
        Files.writeString(tmp.resolve("nft/d/more.nft"), "table inet filter {\n}\n");
        assertEquals(0, sweep("--restart").exit());
        Files.delete(tmp.resolve("nft/d/more.nft"));
        refused("nft/d/more.nft was loaded then but is not now");
    }

    @Test
    void severalChangesAreEachNamed() throws Exception {
        final Path included = aFinishedSweepWithAnInclude("d/forward.nft");
        Files.writeString(scenario, Files.readString(scenario) + "# edited\n");
        Files.writeString(included, Files.readString(included) + "# edited\n");
        Files.writeString(ruleset, Files.readString(ruleset) + "# edited\n");
        refused("the scenario file " + scenario + " changed; nft/d/forward.nft, nft/server-fw.nft changed");
    }

    /** The journal's header with its digests of ftpsim (all inputs, and ftpsim alone) as another build's. */
    private void journalOfAnotherFtpsim(final boolean withParts) throws Exception {
        final Path head = out.resolve("sweep.json");
        String h = Files.readString(head);
        h = h.replaceFirst("\"inputs\":\"sha256:[0-9a-f]{64}\"", "\"inputs\":\"sha256:" + "0".repeat(64) + "\"")
                .replaceFirst("\"ftpsim\":\"sha256:[0-9a-f]{64}\"", "\"ftpsim\":\"sha256:" + "1".repeat(64) + "\"");
        if (!withParts) {
            h = h.replaceFirst(",\"input_parts\":\\{[^{}]*\\{[^{}]*\\}\\}", "");
        }
        Files.writeString(head, h);
        assertTrue(h.contains("\"inputs\":\"sha256:" + "0".repeat(64)) && h.contains("input_parts") == withParts, h);
    }

    @Test
    void anotherFtpsimIsNamed() throws Exception {
        journalOfAnotherFtpsim(true);
        refused("ftpsim changed (another version or build)");
    }

    /** A journal of an ftpsim that kept only the digest of all inputs: still compared, but which input changed is unknown. */
    @Test
    void aJournalWithOneDigestOfAllInputsSaysItCannotTellWhich() throws Exception {
        journalOfAnotherFtpsim(false);
        refused("the scenario file, a file it loads, or the ftpsim version changed since; the journal does not say"
                + " which");
    }

    @Test
    void aTouchedFileIsNoEditAndResumes() throws Exception {
        final Path included = aFinishedSweepWithAnInclude("d/forward.nft");
        for (final Path p : new Path[] {scenario, ruleset, included}) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }
        final Cli r = sweep();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 run now, 2 resumed"), r.out());
    }

    @Test
    void restartRunsEveryPointAgain() throws Exception {
        Files.writeString(ruleset, Files.readString(ruleset) + "\n# edited\n");
        final Cli r = sweep("--restart");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 run now, 0 resumed"), r.out());
        assertTrue(sweep().out().contains("0 run now, 2 resumed"));
    }
}
