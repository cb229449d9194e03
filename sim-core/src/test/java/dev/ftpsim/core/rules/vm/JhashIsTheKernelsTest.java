package dev.ftpsim.core.rules.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ftpsim's jhash gives the kernel's values: Bob Jenkins' published lookup3 vectors (hashlittle of
 * "Four score and seven years ago": 0x17770551 with initval 0, 0xcd628161 with 1), and values of
 * include/linux/jhash.h compiled with gcc on x86-64 for nft-style keys.
 */
class JhashIsTheKernelsTest {
    private static int bytes(final String hex, final int seed) {
        final byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return Jhash.hash(b, b.length, seed);
    }

    @Test
    void publishedVectors() {
        final byte[] s = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Jhash.hash(s, s.length, 0));
        assertEquals(0xcd628161, Jhash.hash(s, s.length, 1));
        assertEquals(0xdeadbeef, Jhash.hash(new byte[0], 0, 0));
    }

    @Test
    void nftKeysAsTheKernelHashesThem() {
        // ip saddr 10.1.0.2 . tcp sport 40000: each component padded to 4 bytes, network order
        assertEquals(0x68b89b25, bytes("0a0100029c400000", 0));
        assertEquals(0x7743f74d, bytes("0a0100029c400000", 7));
        assertEquals(0xa4378765, bytes("0a010002", 0));
        assertEquals(0x4f0b7c4a, bytes("0015", 0));
        assertEquals(0x12df1f89, bytes("03142536475869" + "7a8b9cadbecf", 0x12345678));
    }

    @Test
    void jhash2OfAnAddressAsNfNatCoreHashesIt() {
        assertEquals(0x217c6d4b, Jhash.hash2(0x0200010a, 0), "an IPv4 address as nf_inet_addr's four words");
        assertEquals(0x78fe2a68, Jhash.hash2(0x0200010a, 0x0a007100));
    }
}
