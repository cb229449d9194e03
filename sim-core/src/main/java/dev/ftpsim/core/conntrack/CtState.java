package dev.ftpsim.core.conntrack;

/**
 * Conntrack states a rule can match ({@code ct state}), as bits so a rule's set is one int. The
 * names are nftables' ({@code nft describe ct state}); UNTRACKED is for traffic conntrack ignores.
 */
public final class CtState {
    public static final int INVALID = 1;
    public static final int ESTABLISHED = 1 << 1;
    public static final int RELATED = 1 << 2;
    public static final int NEW = 1 << 3;
    public static final int UNTRACKED = 1 << 6;

    private CtState() {}

    /** Bit of a state name, or 0 if unknown. */
    public static int bit(final String name) {
        return switch (name) {
            case "invalid" -> INVALID;
            case "established" -> ESTABLISHED;
            case "related" -> RELATED;
            case "new" -> NEW;
            case "untracked" -> UNTRACKED;
            default -> 0;
        };
    }

    /** Comma-separated names of the bits set, in nftables' order. */
    public static String format(final int bits) {
        final StringBuilder sb = new StringBuilder();
        final String[] names = {"invalid", "established", "related", "new", "untracked"};
        final int[] values = {INVALID, ESTABLISHED, RELATED, NEW, UNTRACKED};
        for (int i = 0; i < names.length; i++) {
            if ((bits & values[i]) != 0) {
                sb.append(sb.length() > 0 ? "," : "").append(names[i]);
            }
        }
        return sb.toString();
    }
}
