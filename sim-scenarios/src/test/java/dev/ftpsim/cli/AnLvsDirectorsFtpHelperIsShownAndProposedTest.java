package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees of the IPVS FTP helper and of persistence: the 227 the client read in the
 * ladder, and the fixes explain finds for an LVS director without them.
 */
class AnLvsDirectorsFtpHelperIsShownAndProposedTest {
    @TempDir
    Path tmp;

    @Test
    void theLadderShowsThe227TheClientReadWithTheVirtualAddress() throws Exception {
        final Cli r = Cli.run("ladder", "../examples/lvs-passive-ftp-helper.yaml", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        final String mmd = Files.readString(tmp.resolve("ladder.mmd"));
        // the arrow from the backend's column carries what the backend sent, the note what the client read
        assertTrue(mmd.contains("[control] 227 Entering Passive Mode (10,1,2,10,"), mmd);
        assertTrue(mmd.contains("lb helper rewrote: 227 Entering Passive Mode (10,1,2,10,117,141). -#gt; Entering Passive"
                + " Mode (203,0,113,100,117,141)."), mmd);
        assertTrue(mmd.contains("[control] 226 Transfer complete."), mmd);
    }

    @Test
    void explainProposesTheHelperWhereTheClientReadAPrivateAddress() {
        final Cli r = Cli.run("explain", "../examples/lvs-passive-no-helper.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- WORKS: the IPVS FTP helper on lb (6 of 6 ok)"), r.out());
        assertTrue(r.out().contains("  - `balancers.lb.ftp-helper: true`"), r.out());
    }

    @Test
    void explainProposesPersistenceWhereWlcSentTheDataConnectionElsewhere() throws Exception {
        final Path f = tmp.resolve("p.yaml");
        Files.writeString(f, Files.readString(Path.of("..", "examples", "lvs-passive-persistence.yaml"))
                .replace("    persistence: 300s", ""));
        final Cli r = Cli.run("explain", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- failed: data connection reached a backend that did not announce it"), r.out());
        assertTrue(r.out().contains("- WORKS: persistence at the LVS director on lb (20 of 20 ok)"), r.out());
        assertTrue(r.out().contains("  - `balancers.lb.persistence: 300s`"), r.out());
    }

    /**
     * forgotten.csv names the state IPVS forgot each connection in, at its state's timeout after
     * its last packet: the control and data connections 2 min after they closed (TIME_WAIT).
     */
    @Test
    void forgottenCsvSaysTheDirectorForgotClosedConnectionsTwoMinutesAfterTheirLastPacket() throws Exception {
        final Path f = tmp.resolve("f.yaml");
        Files.writeString(f, Files.readString(Path.of("..", "examples", "lvs-passive-ftp-helper.yaml"))
                .replace("stop: 120s", "stop: 200s").replace("sessions: 6,", "sessions: 1,"));
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", f.toString(), "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final java.util.List<String> rows = Files.readAllLines(out.resolve("forgotten.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).matches("120\\.3\\d+,lb,balancer,expired,time_wait,tcp,198\\.51\\.100\\.10,\\d+,"
                + "203\\.0\\.113\\.100,30093,10\\.1\\.2\\.10:30093"), rows.toString());
        assertTrue(rows.get(2).matches("120\\.3\\d+,lb,balancer,expired,time_wait,tcp,198\\.51\\.100\\.10,\\d+,"
                + "203\\.0\\.113\\.100,21,10\\.1\\.2\\.10:21"), rows.toString());
    }
}
