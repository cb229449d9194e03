package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.net.NetInterface;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The ids a machine's rules know interfaces by ({@code iifname}, {@code oifname}): 1 + the index of
 * the interface's name, or of its host group's name, in the program's interface names; 0 for none.
 */
final class InterfaceIds {
    private final Program prog;
    private final Map<NetInterface, Integer> ifIds = new IdentityHashMap<>();
    /**
     * The ids by the interface's index on its node, with the interface they are for: a router has
     * an interface per member of a host group (thousands), and the identity map's lookup, twice per
     * packet, read the interface's header and a large table. Grown once per new index.
     */
    private NetInterface[] byIndex = new NetInterface[8];
    private int[] idByIndex = new int[8];

    InterfaceIds(final Program prog) {
        this.prog = prog;
    }

    int id(final NetInterface i) {
        if (i == null) {
            return 0;
        }
        final int ix = i.index();
        if (ix < 0) {
            return mapped(i); // the loopback
        }
        if (ix < byIndex.length && byIndex[ix] == i) {
            return idByIndex[ix];
        }
        final int id = mapped(i);
        if (ix >= byIndex.length) {
            final int n = Math.max(ix + 1, byIndex.length * 2);
            byIndex = java.util.Arrays.copyOf(byIndex, n);
            idByIndex = java.util.Arrays.copyOf(idByIndex, n);
        }
        byIndex[ix] = i; // another node's interface of the same index (none today) only takes the place
        idByIndex[ix] = id;
        return id;
    }

    private int mapped(final NetInterface i) {
        Integer v = ifIds.get(i);
        if (v == null) {
            int ix = prog.interfaceNames.indexOf(i.group()); // a host group's members answer to its name
            if (ix < 0) {
                ix = prog.interfaceNames.indexOf(i.name());
            }
            v = ix + 1; // once per interface
            ifIds.put(i, v);
        }
        return v;
    }
}
