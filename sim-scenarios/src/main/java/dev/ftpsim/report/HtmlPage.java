package dev.ftpsim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page: sections in order, CSS inline, no script and no link out, so it
 * opens the same from a mail attachment, a CI artifact or a disk without network. Text is
 * escaped here; SVG documents are inlined without their XML prolog.
 */
public final class HtmlPage {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px;color:#1f2328;\
            max-width:1400px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;\
            padding-bottom:4px}
            p.sub{color:#57606a;margin:0 0 12px}
            table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;\
            vertical-align:top}th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.failed td.verdict{color:#cf222e;font-weight:600}tr.ok td.verdict{color:#1a7f37;font-weight:600}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:10px;overflow:auto;font-size:12px}
            .figure{overflow:auto;border:1px solid #d0d7de;margin:8px 0;max-height:1200px}
            .figure svg{display:block;height:auto}
            .note{color:#57606a;font-style:italic}
            """;

    private final String title;
    private final String subtitle;
    private final List<String> sections = new ArrayList<>();

    public HtmlPage(final String title, final String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** A section with a heading; {@code html} is trusted markup (built with {@link #escape} and the helpers here). */
    public HtmlPage section(final String id, final String heading, final String html) {
        sections.add("<section id=\"" + escape(id) + "\">\n<h2>" + escape(heading) + "</h2>\n" + html + "\n</section>\n");
        return this;
    }

    /** The page, UTF-8 HTML5. */
    public String render() {
        final StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing outside the page may load, even if a scenario's text tried: inline styles only.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
                .append(" img-src data:\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(escape(subtitle)).append("</p>\n");
        sections.forEach(sb::append);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /** Text safe in HTML content and attribute values. */
    public static String escape(final String s) {
        return dev.ftpsim.plot.Markup.escape(s);
    }

    /** A table; cells that look like numbers are right-aligned; {@code rowClass} per row may be null. */
    public static String table(final String id, final List<String> header, final List<List<String>> rows,
            final List<String> rowClass) {
        final StringBuilder sb = new StringBuilder("<table id=\"" + escape(id) + "\">\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            final String cls = rowClass == null ? null : rowClass.get(r);
            sb.append(cls == null ? "<tr>" : "<tr class=\"" + escape(cls) + "\">");
            for (int c = 0; c < rows.get(r).size(); c++) {
                final String v = rows.get(r).get(c);
                final String kind = header.get(c).equals("verdict") ? " class=\"verdict\""
                        : v.matches("-?[0-9][0-9,.]*( ± [0-9.]+)?") ? " class=\"num\"" : "";
                sb.append("<td").append(kind).append('>').append(escape(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /** A self-closing SVG element with a coordinate that is not a number (XChart draws a zero-width interval so). */
    private static final java.util.regex.Pattern NAN_ELEMENT =
            java.util.regex.Pattern.compile("<[a-z]+ [^<>]*=\"NaN\"[^<>]*/>");

    /**
     * An SVG document inlined as a figure: the XML declaration and any DOCTYPE dropped. Elements
     * with a NaN coordinate, which a browser refuses (with a console error) and draws nothing for,
     * are left out, and a note under the figure says how many.
     */
    public static String svg(final String id, final String svgDocument) {
        final java.util.regex.Matcher nan = NAN_ELEMENT.matcher(svgDocument);
        final long invalid = nan.results().count();
        String s = invalid == 0 ? svgDocument : NAN_ELEMENT.matcher(svgDocument).replaceAll("");
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2);
        }
        final int doctype = s.indexOf("<!DOCTYPE");
        if (doctype >= 0) {
            s = s.substring(0, doctype) + s.substring(s.indexOf('>', doctype) + 1);
        }
        return "<div class=\"figure\" id=\"" + escape(id) + "\">" + s.strip() + "</div>"
                + (invalid == 0 ? "" : note(invalid + " element(s) with a NaN coordinate left out of " + id
                + " (a browser cannot draw them)."));
    }

    /**
     * Preformatted text, escaped line by line: its line breaks and tabs kept ({@link #escape}
     * makes them spaces, as an attribute needs), CR LF read as one break. A line break right after
     * the start tag, which an HTML parser drops (HTML Living Standard, "pre" element), keeps a
     * first empty line.
     */
    public static String pre(final String id, final String text) {
        final StringBuilder sb = new StringBuilder("<pre id=\"" + escape(id) + "\">\n");
        final String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String[] cells = lines[i].split("\t", -1);
            for (int j = 0; j < cells.length; j++) {
                sb.append(j == 0 ? "" : "\t").append(escape(cells[j]));
            }
            sb.append(i + 1 < lines.length ? "\n" : "");
        }
        return sb.append("</pre>").toString();
    }

    /** A remark in grey italics, escaped. */
    public static String note(final String text) {
        return "<p class=\"note\">" + escape(text) + "</p>";
    }
}
