package dev.ftpsim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text from scenario files and packets (rule text, FTP replies) lands in SVG and HTML escaped and well-formed. */
class MarkupEscapesWhatXmlCannotHoldTest {
    @Test
    void markupCharactersAreEscapedAndControlCharactersReplaced() {
        assertEquals("[&#39;tcp dport 21 ct helper set &quot;ftp&quot;&#39;] &lt;a&gt; &amp; b",
                Markup.escape("['tcp dport 21 ct helper set \"ftp\"'] <a> & b"));
        assertEquals("227 Entering Passive Mode  ?x?", Markup.escape("227 Entering Passive Mode\r\n\u0001x\uffff"));
    }

    @Test
    void aBidiOverrideOrAC1ControlIsShownNotObeyed() {
        assertEquals("drop comment &quot;\\u202Eevil\\u0085&quot;", Markup.escape("drop comment \"\u202Eevil\u0085\""));
    }
}
