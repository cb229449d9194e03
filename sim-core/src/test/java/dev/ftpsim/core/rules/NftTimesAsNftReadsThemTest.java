package dev.ftpsim.core.rules;

import static dev.ftpsim.core.rules.Ir.nftErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Times in nft text as nft 1.0.6 reads them (checked with {@code nft -c -f FILE} on this machine).
 * A time past a long's milliseconds ({@code timeout 99999999999999999999s}) threw Java's
 * NumberFormatException out of the loader: "ftpsim: For input string: ..." with exit 2 and no
 * file, line, column or key; nft says "value too large" at the value, and so does ftpsim now. And a
 * ct timeout policy written as the nft wiki writes it, {@code established: 120} (nft lists it as
 * {@code established : 120}), was refused with "expected ':'": the lexer takes "established:" for
 * one word.
 */
class NftTimesAsNftReadsThemTest {
    @Test
    void aTimePastALongIsTooLargeAtItsPosition() {
        assertEquals(List.of("2:61: value too large at '99999999999999999999s'"), nftErrors("table inet t {\n"
                + "  set seen { type ipv4_addr; flags dynamic,timeout; timeout 99999999999999999999s; }\n}\n"));
        assertEquals(List.of("2:61: value too large at '9999999999999999d'"), nftErrors("table inet t {\n"
                + "  set seen { type ipv4_addr; flags dynamic,timeout; timeout 9999999999999999d; }\n}\n"));
    }

    @Test
    void aPolicyStateMayHoldItsColon() {
        for (final String policy : List.of("established: 120, close: 10s", "established : 2m, close:10",
                "established:120 , close : 10")) {
            final Table t = Ir.nft("table inet t {\n ct timeout short { protocol tcp; policy = { " + policy + " } }\n}\n")
                    .tables().get(0);
            assertEquals("CtTimeoutObj(short, 6, 1, {close=10000, established=120000})",
                    IrText.of(t.object(Stmt.ObjKind.CT_TIMEOUT, "short")), policy);
        }
    }

    /**
     * nft 1.0.6 loads {@code established: 4294967296} and Linux 6.18 then lists {@code established
     * : 0} (a policy's timeout travels as 32-bit seconds); ftpsim used to take the value and
     * multiply it into a nanosecond count that wrapped silently for {@code 99999999999999}.
     */
    @Test
    void aPolicyTimePastThe32BitsTheKernelKeepsIsRefusedAtItsValue() {
        assertEquals(List.of("2:59: value too large: a ct timeout holds at most 4294967295 seconds at '4294967296'"),
                nftErrors("table inet t {\n ct timeout short { protocol tcp; policy = { established: 4294967296 } }\n}\n"));
        assertEquals(List.of("2:46: value too large: a ct timeout holds at most 4294967295 seconds at 'established:99999999999999'"),
                nftErrors("table inet t {\n ct timeout short { protocol tcp; policy = { established:99999999999999 } }\n}\n"));
        final Table t = Ir.nft("table inet t {\n ct timeout long { protocol tcp; policy = { established: 4294967295 } }\n}\n")
                .tables().get(0);
        assertEquals("CtTimeoutObj(long, 6, 1, {established=4294967295000})",
                IrText.of(t.object(Stmt.ObjKind.CT_TIMEOUT, "long")));
    }
}
