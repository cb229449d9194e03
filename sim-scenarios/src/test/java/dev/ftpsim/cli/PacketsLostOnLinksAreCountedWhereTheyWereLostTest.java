package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download through a router from a fast link onto a slow one with a short queue, the fast link
 * also losing packets: every session still ends well (TCP sends again), and summary.json and the
 * console say where packets were lost and why, as {@code tc -s qdisc}'s {@code dropped} and a
 * link's loss would, apart from any firewall's drops (none here); so does the report page.
 */
class PacketsLostOnLinksAreCountedWhereTheyWereLostTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryAndTheConsoleNameTheInterfaceAndTheCause() throws Exception {
        final Path out = tmp.resolve("lossy");
        final Cli r = Cli.run("run", Bottleneck.write(tmp, "120s", "8 packets", "0.02").toString(),
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, s.get("succeeded").asInt(), "TCP recovers from every loss");
        final long queueFull = s.at("/interfaceDrops/r.lan/queue_full").asLong();
        assertTrue(queueFull > 0, "the router's queue onto the 10 Mbps link overflowed: " + s.get("interfaceDrops"));
        final JsonNode lossy = s.at("/interfaceDrops/r.wan/loss").isMissingNode() ? s.at("/interfaceDrops/server.eth0/loss")
                : s.at("/interfaceDrops/r.wan/loss");
        assertTrue(lossy.asLong() > 0, "the 2% link lost packets: " + s.get("interfaceDrops"));
        assertTrue(s.at("/interfaceDrops/client.eth0").isMissingNode(), "the client's own queue never overflowed (TSQ)");
        assertTrue(s.get("drops").isEmpty(), "no firewall here: " + s.get("drops"));
        assertTrue(r.out().contains("lost at r.lan: queue full  " + queueFull) || r.out().matches(
                "(?s).*lost at r\\.lan: queue full +" + queueFull + "\\b.*"), r.out());
        final String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("<td>r.lan</td><td>queue full</td><td class=\"num\">" + queueFull + "</td>"), page);
    }

    @Test
    void aRunThatLostNothingHasAnEmptyObject() throws Exception {
        final Path out = tmp.resolve("clean");
        final Cli r = Cli.run("run", Bottleneck.write(tmp, "120s", "1000 packets", "0").toString(),
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("interfaceDrops").isObject() && s.get("interfaceDrops").isEmpty(), s.toPrettyString());
        assertTrue(!r.out().contains("lost at"), r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("No packet was dropped"));
    }
}
