package dev.ftpsim.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG file read as a reader's eyes would: its texts, and its groups by role. */
public final class SvgFile {
    private final Document doc;

    private SvgFile(final Document doc) {
        this.doc = doc;
    }

    public static SvgFile read(final Path file) throws Exception {
        final var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new SvgFile(f.newDocumentBuilder().parse(file.toFile()));
    }

    /** Every {@code <text>}'s content, in document order. */
    public List<String> texts() {
        return texts(doc.getDocumentElement());
    }

    public static List<String> texts(final Element in) {
        final List<String> out = new ArrayList<>();
        for (final Element e : elements(in, "text")) {
            out.add(e.getTextContent());
        }
        return out;
    }

    /** The groups {@code <g class="role">}, in document order. */
    public List<Element> groups(final String role) {
        final List<Element> out = new ArrayList<>();
        for (final Element g : elements(doc.getDocumentElement(), "g")) {
            if (role.equals(g.getAttribute("class"))) {
                out.add(g);
            }
        }
        return out;
    }

    /** Elements named {@code tag} at any depth under {@code in}. */
    public static List<Element> elements(final Element in, final String tag) {
        final NodeList n = in.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        final List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }
}
