package dev.ftpsim.core.net;

/**
 * A full-duplex point-to-point link between two interfaces. Each direction has its own output queue
 * (in the sending interface) and its own loss model; bandwidth, delay, queue limit and MTU are
 * shared.
 */
public final class Link {
    /** The name, or for one of a host group's links the name of the group's (see {@link #member}). */
    private final String name;
    /** The group member this link is of, -1 for none: its name is then {@code name[member]}, made when asked for. */
    private final int member;
    private final LinkConfig config;
    private final NetInterface a;
    private final NetInterface b;

    Link(final String name, final int member, final LinkConfig config, final NetInterface a, final NetInterface b) {
        this.name = name;
        this.member = member;
        this.config = config;
        this.a = a;
        this.b = b;
        a.attach(this, b, LossModel.NONE);
        b.attach(this, a, LossModel.NONE);
    }

    public String name() {
        return member < 0 ? name : name + "[" + member + "]";
    }

    public LinkConfig config() {
        return config;
    }

    public NetInterface a() {
        return a;
    }

    public NetInterface b() {
        return b;
    }

    /** Sets the loss model of packets sent by {@code from} (one direction). */
    public Link loss(final NetInterface from, final LossModel model) {
        if (from != a && from != b) {
            throw new IllegalArgumentException(from + " is not an end of link " + name());
        }
        from.setLoss(model);
        return this;
    }

    /** Sets the same kind of loss model on both directions (each with its own state). */
    public Link loss(final LossModel aToB, final LossModel bToA) {
        a.setLoss(aToB);
        b.setLoss(bToA);
        return this;
    }

    /** Random stream name for this link's losses in one direction: {@code link/<name>/<from>/loss}. */
    public String lossStreamName(final NetInterface from) {
        return "link/" + name() + "/" + from.node().name() + "." + from.name() + "/loss";
    }

    @Override
    public String toString() {
        return "link " + name() + " " + a + " <-> " + b;
    }
}
