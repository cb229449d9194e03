package dev.ftpsim.ftp.alg;

import dev.ftpsim.core.firewall.ChannelRecorder.Channel;

/**
 * The first source document's words for the channels a packet filter must open for FTP ("FTP
 * server's port 21 from anywhere", "FTP server's port 20 to ports > 1023", ...), given the
 * channels sim-core's {@code ChannelRecorder} derived from the packets.
 */
public final class FtpChannels {
    private FtpChannels() {}

    /** A channel in the source's words: the server's ports, the direction, and the remote side. */
    public static String describe(final Channel c) {
        final String serverPorts = ports(c.serverPort());
        final String remotePorts = ports(c.remotePort());
        final String remote = c.toServer() ? (c.openedByRemote() ? "anywhere" : remotePorts)
                : (c.serverPort() >= 1024 ? "remote " + remotePorts : remotePorts);
        return "FTP server's " + serverPorts + (c.toServer() ? " from " : " to ") + remote;
    }

    private static String ports(final int port) {
        return port >= 1024 ? "ports > 1023" : "port " + port;
    }
}
