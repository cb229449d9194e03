package dev.ftpsim.core.net;

/** What a hook function decides for a packet (netfilter's NF_ACCEPT, NF_DROP, NF_STOLEN). */
public enum Verdict {
    /** Continue with the next function, then the next step of the path. */
    ACCEPT,
    /** Discard; the node counts it as {@link DropCause#FILTERED} and releases the packet. */
    DROP,
    /** The function took ownership (queued or released it); the path stops without a drop. */
    STOLEN
}
