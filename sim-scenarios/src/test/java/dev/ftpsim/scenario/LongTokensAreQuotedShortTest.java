package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An error quotes at most 40 characters of the offending text, however long it is. */
class LongTokensAreQuotedShortTest {
    @Test
    void aHugeValueIsQuotedAsAnExcerpt() {
        final String token = "9".repeat(500_000) + "ms";
        assertEquals(List.of("t.yaml:9:7: stop: bad duration '" + "9".repeat(40) + "...': more than 64 digits; expected a"
                + " number followed by ns, us, ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)"), errors(NET + "stop: " + token
                + "\n"));
    }

    @Test
    void aLongUnknownKeyIsQuotedAsAnExcerpt() {
        final String key = "k".repeat(1000);
        final List<String> e = errors(NET + key + ": 1\n");
        assertEquals(1, e.size());
        assertEquals("t.yaml:9:1: " + "k".repeat(40) + "...: unknown key '" + "k".repeat(40) + "...'; expected one of"
                + " name, seed, stop, hosts, routers, links, firewall, ftp, record, sweep, balancers, switches", e.get(0));
    }

    @Test
    void shortTextIsQuotedWhole() {
        assertEquals("bad 'abc' and \"" + "x".repeat(40) + "\"", ScenarioError.shorten("bad 'abc' and \""
                + "x".repeat(40) + "\""));
        assertEquals("a '" + "y".repeat(40) + "...' b", ScenarioError.shorten("a '" + "y".repeat(41) + "' b"));
    }

    @Test
    void anApostropheInsideAWordQuotesNothing() {
        // It read "IPv6's" as the start of a quotation running to the next apostrophe, and cut the
        // message there at 40 characters.
        final String m = "a link with an IPv6 end has IPv6's minimum MTU, 1280 (RFC 8200 section 5), and vsftpd's"
                + " data connection is refused: got 'abc'";
        assertEquals(m, ScenarioError.shorten(m));
        assertEquals("vsftpd's '" + "y".repeat(40) + "...' b", ScenarioError.shorten("vsftpd's '" + "y".repeat(41)
                + "' b"));
    }
}
