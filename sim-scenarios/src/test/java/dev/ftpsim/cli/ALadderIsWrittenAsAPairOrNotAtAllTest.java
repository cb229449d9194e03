package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim ladder} writes ladder.svg and ladder.mmd into the folder in place. It replaced one,
 * then the other: when the second could not be written (here its temporary file's name is taken by
 * a folder, as a full disk would fail it) the folder held the new session's ladder.svg beside the
 * old session's ladder.mmd, two pictures of different sessions under one name.
 */
class ALadderIsWrittenAsAPairOrNotAtAllTest {
    @TempDir
    Path tmp;

    @Test
    void whenTheSecondFileCannotBeWrittenTheFirstIsNotReplacedEither() throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw", "      mode: passive\n", "      mode: passive\n      sessions: 2\n");
        final Path out = tmp.resolve("out");
        final Cli first = Cli.run("ladder", file.toString(), "--out", out.toString(), "--session", "0");
        assertEquals(Main.EXIT_OK, first.exit(), first.err());
        final String svg = Files.readString(out.resolve("ladder.svg"));
        final String mmd = Files.readString(out.resolve("ladder.mmd"));
        Files.createDirectory(out.resolve(".ladder.mmd.tmp"));
        final Cli r = Cli.run("ladder", file.toString(), "--out", out.toString(), "--session", "1");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), "an unusable path: " + r.err());
        assertTrue(r.err().startsWith("ftpsim: cannot write "), r.err());
        assertEquals(svg, Files.readString(out.resolve("ladder.svg")), "session 0's picture, as it was");
        assertEquals(mmd, Files.readString(out.resolve("ladder.mmd")));
        try (var left = Files.list(out)) {
            assertEquals(List.of(".ladder.mmd.tmp"), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".")).sorted().toList(), "no temporary file of ours left");
        }
    }
}
