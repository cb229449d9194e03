package dev.ftpsim.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Scenario text in explain.md: what CommonMark would read as markup is escaped, and code spans hold any backticks. */
class MarkdownTextTest {
    @Test
    void aLineStartMarkerOpensNoHeadingListOrQuote() {
        assertEquals("\\# x", MarkdownText.text("# x"));
        assertEquals("\\> x", MarkdownText.text("> x"));
        assertEquals("\\- x", MarkdownText.text("- x"));
        assertEquals("12\\. x", MarkdownText.text("12. x"));
        assertEquals("pop#0 a-b", MarkdownText.text("pop#0 a-b"));
    }

    @Test
    void anUnderscoreInsideAWordStaysBareAndOneAtItsEdgeIsEscaped() {
        assertEquals("port_promiscuous \\_x\\_", MarkdownText.text("port_promiscuous _x_"));
    }

    @Test
    void aLineBreakOrABidiOverrideIsShownNotObeyed() {
        assertEquals("a\\u000A# b \\u202Ec", MarkdownText.text("a\n# b \u202Ec"));
        assertEquals("`a\\u000A# b`", MarkdownText.code("a\n# b"));
    }

    @Test
    void aCodeSpanIsFencedLongerThanTheBackticksItHolds() {
        assertEquals("`a b`", MarkdownText.code("a b"));
        assertEquals("``a`b``", MarkdownText.code("a`b"));
        assertEquals("``` ``x`` ```", MarkdownText.code("``x``"));
        assertEquals("`  a  `", MarkdownText.code(" a "));
    }

    @Test
    void plainReadsBackWhatTextAndCodeWrote() {
        final String name = "x<b>*y* [l](u) a|b `c` \\ _e_ #1 & \u00e9";
        assertEquals("- " + name + ": " + "``a`\\*b``", MarkdownText.plain("- " + MarkdownText.text(name) + ": "
                + MarkdownText.code("a`\\*b")));
        assertEquals("# x", MarkdownText.plain(MarkdownText.text("# x")));
    }
}
