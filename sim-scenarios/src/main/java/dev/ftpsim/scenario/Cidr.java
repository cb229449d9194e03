package dev.ftpsim.scenario;

import dev.ftpsim.core.net.Ipv4;
import dev.ftpsim.core.net.Prefix;

/**
 * An interface address with its prefix length, {@code 198.51.100.10/24}: unlike {@link Prefix}
 * it keeps the host bits.
 *
 * @param address the interface's own address
 * @param length prefix length 0..32
 */
public record Cidr(int address, int length) {
    /** The subnet this address is on. */
    public Prefix prefix() {
        return new Prefix(address, length);
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + length;
    }
}
