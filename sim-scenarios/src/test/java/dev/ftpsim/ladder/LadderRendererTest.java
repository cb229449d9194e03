package dev.ftpsim.ladder;

import static dev.ftpsim.ladder.PassiveSessionThroughAFirewall.CLIENT;
import static dev.ftpsim.ladder.PassiveSessionThroughAFirewall.DROP_NOTE;
import static dev.ftpsim.ladder.PassiveSessionThroughAFirewall.FW;
import static dev.ftpsim.ladder.PassiveSessionThroughAFirewall.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The ladder of a synthetic passive session whose data SYN a firewall drops, as SVG and as Mermaid. */
class LadderRendererTest {

    private static final List<LadderEvent> EVENTS = PassiveSessionThroughAFirewall.events();
    private static final String TITLE = "Passive download through fw: port 21 only";

    private static Document parse(final String svg) throws Exception {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Elements of a name whose class attribute is {@code cls}. */
    private static List<Element> byClass(final Document d, final String tag, final String cls) {
        final NodeList all = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        final List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            final Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    private static double num(final Element e, final String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    @Test
    void theSvgIsWellFormedSelfContainedAndHasOneLifelinePerNode() throws Exception {
        final String svg = LadderRenderer.svg(NODES, EVENTS, TITLE);
        final Document d = parse(svg);
        assertEquals("svg", d.getDocumentElement().getLocalName());
        final List<Element> lifelines = byClass(d, "line", "lifeline");
        assertEquals(List.of(CLIENT, FW, PassiveSessionThroughAFirewall.SERVER),
                lifelines.stream().map(l -> l.getAttribute("data-node")).toList());
        assertEquals(EVENTS.size(), byClass(d, "g", "event").size());
        assertFalse(svg.contains("<script"), "no scripts");
        assertFalse(svg.contains("@import") || svg.contains("href=\"http"), "no external fonts or links");
        assertTrue(svg.contains("Passive download through fw: port 21 only"), svg);
    }

    @Test
    void eachDroppedPacketEndsInARedCrossOnTheDroppingNodeWithItsReason() throws Exception {
        final Document d = parse(LadderRenderer.svg(NODES, EVENTS, TITLE));
        final double fwX = num(byClass(d, "line", "lifeline").get(1), "x1");
        final List<Element> crosses = byClass(d, "g", "drop");
        assertEquals(2, crosses.size());
        for (final Element cross : crosses) {
            final Element stroke = (Element) cross.getElementsByTagNameNS("*", "line").item(0);
            assertEquals(fwX, (num(stroke, "x1") + num(stroke, "x2")) / 2, 0.01);
            assertEquals("#cf222e", cross.getAttribute("stroke"));
        }
        final List<String> notes = byClass(d, "text", "drop-note").stream().map(Element::getTextContent).toList();
        assertEquals(List.of(DROP_NOTE, "conntrack: table full"), notes);
    }

    @Test
    void controlAndDataConnectionsHaveDifferentColours() throws Exception {
        final Document d = parse(LadderRenderer.svg(NODES, EVENTS, TITLE));
        String control = null, data = null;
        for (final Element g : byClass(d, "g", "event")) {
            final String stroke = ((Element) g.getElementsByTagNameNS("*", "line").item(0)).getAttribute("stroke");
            if (g.getAttribute("data-connection").equals("control")) {
                control = stroke;
            } else {
                data = stroke;
            }
        }
        assertNotEquals(control, data);
    }

    @Test
    void labelsAreEscapedAndReadBackAsWritten() throws Exception {
        final String svg = LadderRenderer.svg(NODES, EVENTS, TITLE);
        assertTrue(svg.contains(">RETR a&lt;b.txt<"), "escaped in the source");
        final List<String> labels = byClass(parse(svg), "text", "label").stream().map(Element::getTextContent).toList();
        assertTrue(labels.contains("RETR a<b.txt"), labels.toString());
        assertTrue(labels.contains("227 Entering Passive Mode (203,0,113,10,156,65)."), labels.toString());
        assertTrue(labels.contains("SYN 198.51.100.10:40000 > 203.0.113.10:21"), labels.toString());
    }

    @Test
    void theDiagramGrowsWithItsEventsAndItsLongestLabel() throws Exception {
        final Element small = parse(LadderRenderer.svg(NODES, EVENTS.subList(0, 4), TITLE)).getDocumentElement();
        final Element all = parse(LadderRenderer.svg(NODES, EVENTS, TITLE)).getDocumentElement();
        assertTrue(num(all, "height") > num(small, "height") + 20 * 30);
        final var wide = new ArrayList<>(EVENTS);
        wide.add(LadderEvent.delivered(9_999_000_000L, CLIENT, FW, "x".repeat(100), "control"));
        assertTrue(num(parse(LadderRenderer.svg(NODES, wide, TITLE)).getDocumentElement(), "width") > num(all, "width"));
    }

    @Test
    void theMermaidTextHasParticipantsArrowsCrossesAndNotes() {
        final List<String> lines = LadderRenderer.mermaid(NODES, EVENTS, TITLE).lines().toList();
        assertEquals("sequenceDiagram", lines.get(0));
        assertEquals("    title Passive download through fw: port 21 only", lines.get(1));
        assertEquals("    participant n0 as client 198.51.100.10 (client)", lines.get(2));
        assertEquals("    participant n1 as fw (firewall)", lines.get(3));
        assertEquals("    participant n2 as server 203.0.113.10 (server)", lines.get(4));
        assertEquals("    n0->>n1: 5.000 ms [control] SYN 198.51.100.10:40000 #gt; 203.0.113.10:21", lines.get(5));
        assertEquals("    n1->>n2: 5.020 ms [control] SYN 198.51.100.10:40000 #gt; 203.0.113.10:21", lines.get(6));
        assertTrue(lines.contains("    n0->>n1: 55.200 ms [control] RETR a#lt;b.txt"), String.join("\n", lines));
        final int drop = lines.indexOf("    n0--xn1: 56.220 ms [data 1] SYN 198.51.100.10:40001 #gt; 203.0.113.10:40001");
        assertTrue(drop > 0, String.join("\n", lines));
        assertEquals("    Note over n1: " + DROP_NOTE, lines.get(drop + 1));
        assertEquals(5 + EVENTS.size() + 2, lines.size());
    }

    @Test
    void mermaidSpecialCharactersAreEntities() {
        assertEquals("a #59; b #35;1 #lt;x#gt; #amp; #quot;q#quot; c", LadderRenderer.mermaidText("a ; b #1 <x> & \"q\"\nc"));
        assertEquals("x\\u202Ey\\u001Bz", LadderRenderer.mermaidText("x\u202Ey\u001Bz"));
    }

    @Test
    void anEmptyLadderIsStillAValidDrawingWithItsLifelines() throws Exception {
        final Document d = parse(LadderRenderer.svg(NODES, List.of(), "nothing & <nobody>"));
        assertEquals(3, byClass(d, "line", "lifeline").size());
        assertEquals("nothing & <nobody>", byClass(d, "text", "title").get(0).getTextContent());
        assertEquals(4, LadderRenderer.mermaid(NODES, List.of(), "").lines().count()); // header + 3 participants
    }

    @Test
    void anEventNamingAnUnknownNodeIsRefused() {
        final var bad = List.of(LadderEvent.delivered(0, CLIENT, "nowhere", "SYN", "control"));
        final var e = assertThrows(IllegalArgumentException.class, () -> LadderRenderer.svg(NODES, bad, TITLE));
        assertTrue(e.getMessage().contains("unknown node: nowhere"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LadderRenderer.mermaid(NODES, bad, TITLE));
    }

    @Test
    void balancersAndProxiesAreColouredAsMiddleboxes() throws Exception {
        final List<LadderNode> nodes = List.of(new LadderNode("client", "client 198.51.100.10"),
                new LadderNode("lb", "balancer aws-nlb 203.0.113.100"), new LadderNode("proxy on h", "proxy to 172.17.0.2:21"),
                new LadderNode("fw", "firewall 10.0.0.1"), new LadderNode("ftp1", "server 10.1.1.10"));
        final Document d = parse(LadderRenderer.svg(nodes, List.of(LadderEvent.delivered(0, "client", "ftp1", "SYN", "control")),
                "t"));
        final List<Element> boxes = byClass(d, "g", "node");
        final String middlebox = ((Element) boxes.get(3).getElementsByTagNameNS("*", "rect").item(0)).getAttribute("fill");
        for (final int i : new int[] {1, 2}) {
            assertEquals(middlebox, ((Element) boxes.get(i).getElementsByTagNameNS("*", "rect").item(0)).getAttribute("fill"),
                    nodes.get(i).role());
        }
    }

    @Test
    void aLongNoteUnderAShortArrowKeepsTheFarColumnsInAPagesWidth() throws Exception {
        // passive-balancer-no-affinity's failing session: control to ftp2, data to ftp1 with the balancer's DNAT noted
        final List<LadderNode> nodes = List.of(new LadderNode("client", "client 198.51.100.10"),
                new LadderNode("lb", "balancer aws-nlb 203.0.113.100"), new LadderNode("ftp1", "server 10.1.1.10"),
                new LadderNode("ftp2", "server 10.1.2.10"));
        final String note = "lb: DNAT 198.51.100.10:52851 > 203.0.113.100:30093 => 198.51.100.10:52851 > 10.1.1.10:30093";
        final List<LadderEvent> events = List.of(
                LadderEvent.delivered(2_000_000_000L, "client", "ftp2", "SYN 198.51.100.10:52850 > 203.0.113.100:21", "control"),
                new LadderEvent(2_154_073_000L, "client", "ftp1", "SYN 198.51.100.10:52851 > 203.0.113.100:30093", "data 1",
                        LadderEvent.Kind.SENT_AND_DELIVERED, note));
        final Document d = parse(LadderRenderer.svg(nodes, events, "t"));
        final List<Element> lifelines = byClass(d, "line", "lifeline");
        assertTrue(num(lifelines.get(3), "x1") < 1100, "ftp2 inside a 1200 px report: " + num(lifelines.get(3), "x1"));
        final Element text = byClass(d, "text", "note").get(0);
        assertEquals(note, text.getTextContent());
        final double half = note.length() * 7.2 / 2, width = num(d.getDocumentElement(), "width");
        final double left = num(byClass(d, "text", "time").get(0), "x");
        assertTrue(num(text, "x") - half > left && num(text, "x") + half < width,
                "the note inside the diagram: " + num(text, "x") + " of " + width);
    }

    @Test
    void aLongLabelWidensOnlyTheColumnsItsArrowSpans() throws Exception {
        // a proxied session: the relayed hop carries the long replies, the client's hop short ones
        final List<LadderNode> nodes = List.of(new LadderNode("client", "client 198.51.100.10"),
                new LadderNode("docker-host", "router + proxy 198.51.100.5"), new LadderNode("ftp-container", "server 172.17.0.2"));
        final List<LadderEvent> events = List.of(LadderEvent.delivered(0, "client", "docker-host", "RETR f", "control"),
                LadderEvent.delivered(1, "ftp-container", "docker-host",
                        "150 Opening BINARY mode data connection for f (10000 bytes).", "control relayed by docker-host"));
        final Document d = parse(LadderRenderer.svg(nodes, events, "t"));
        final List<Element> lifelines = byClass(d, "line", "lifeline");
        final double near = num(lifelines.get(1), "x1") - num(lifelines.get(0), "x1");
        final double far = num(lifelines.get(2), "x1") - num(lifelines.get(1), "x1");
        assertTrue(far >= 60 * 7.2, "the long label fits its arrow: " + far);
        assertTrue(near < far / 2, "the client's hop keeps its own width: " + near + " against " + far);
    }
}
