package dev.ftpsim.run;

import dev.ftpsim.core.conntrack.ConntrackHelper;
import dev.ftpsim.ftp.alg.FtpHelper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The conntrack helpers a scenario's {@code conntrack.helpers} can name, keyed by helper type as
 * Linux's {@code nf_conntrack_helper} registry keys them ({@code ct helper set "ftp"}). Each
 * firewall gets helpers of its own: a helper may keep per-firewall state.
 */
public final class HelperRegistry {
    private final Map<String, Supplier<ConntrackHelper>> byType;

    private HelperRegistry(final Map<String, Supplier<ConntrackHelper>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The helpers ftpsim models: {@code ftp} ({@code nf_conntrack_ftp} with {@code nf_nat_ftp}). */
    public static HelperRegistry standard() {
        final Map<String, Supplier<ConntrackHelper>> m = new LinkedHashMap<>();
        m.put("ftp", FtpHelper::standard);
        return new HelperRegistry(m);
    }

    /** This registry with {@code type} made by {@code helper} (replacing any helper of that type). */
    public HelperRegistry with(final String type, final Supplier<ConntrackHelper> helper) {
        final Map<String, Supplier<ConntrackHelper>> m = new LinkedHashMap<>(byType);
        m.put(type, helper);
        return new HelperRegistry(m);
    }

    /**
     * New helpers of the given types, in their order.
     *
     * @throws IllegalArgumentException for a type the registry does not know (the scenario loader
     *     admits only known types, so this is a bug)
     */
    public List<ConntrackHelper> create(final List<String> types) {
        final List<ConntrackHelper> out = new ArrayList<>(types.size());
        for (final String t : types) {
            final Supplier<ConntrackHelper> s = byType.get(t);
            if (s == null) {
                throw new IllegalArgumentException("no conntrack helper of type " + t);
            }
            out.add(s.get());
        }
        return out;
    }
}
