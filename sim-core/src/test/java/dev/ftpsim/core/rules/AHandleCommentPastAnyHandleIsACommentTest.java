package dev.ftpsim.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code # handle N} comments (what {@code nft -a list ruleset} prints) give rules their handles.
 * One with more digits than a long ({@code # handle 99999999999999999999}) threw Java's
 * NumberFormatException out of the loader: "ftpsim: For input string: ...", exit 2 naming no
 * file, line or key. nft 1.0.6 ({@code nft -c -f}) takes the file: it is a comment.
 */
class AHandleCommentPastAnyHandleIsACommentTest {
    @Test
    void theRulesetLoads() {
        final Ruleset r = Ir.nft("table inet t { # handle 99999999999999999999\n"
                + " chain c { type filter hook forward priority 0; policy accept; }\n}\n");
        assertEquals(1, r.tables().size());
    }
}
