package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * The ladder of the long-transfer trap (200 MB, 17 s of bulk data, the control connection's NAT
 * entry expiring meanwhile) shows the whole session on one screenful: the bulk folded into one
 * arrow, the 226 that reaches the router instead of the client, and the resets.
 */
class TheLongTransferTrapLadderShowsTheLost226AndTheResetTest {
    @Test
    void theLost226AndTheResetAreDrawnWithin2000PixelsOfHeight(@TempDir final Path tmp) throws Exception {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("ladder", "../examples/long-transfer-trap.yaml", "--out", tmp.toString()));
        assertTrue(out.toString().startsWith("long-transfer-trap, session 0: control connection lost"), out.toString());
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        final Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(tmp.resolve("ladder.svg"))));
        final double height = Double.parseDouble(d.getDocumentElement().getAttribute("height"));
        assertTrue(height <= 2000, "height " + height);
        final NodeList texts = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        final List<String> all = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            all.add(texts.item(i).getTextContent());
        }
        assertTrue(all.contains("226 Transfer complete."), all.toString());
        assertTrue(all.contains("fw: addressed to fw itself, not translated onward"), "the 226 ends at the router");
        assertTrue(all.stream().anyMatch(t -> t.startsWith("RST 203.0.113.1:")), "the router resets the server");
        assertTrue(all.stream().anyMatch(t -> t.startsWith("RST 203.0.113.10:21 > ")), "the server resets the keepalive");
        assertTrue(all.stream().anyMatch(t -> t.matches("data: [0-9,]+ segments, [0-9,]+ B sent in 1[0-9]\\.[0-9]+ s \\(and [0-9,]+ ACKs\\)")),
                "the transfer is one arrow: " + all);
        assertTrue(all.stream().noneMatch(t -> t.contains("ladder cut")), "nothing cut");
    }
}
