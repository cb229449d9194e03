package dev.ftpsim.lab;

import java.util.List;
import java.util.Optional;

/** Whether this machine can run the lab: Linux, root, network namespaces, and the programs it drives. */
public final class LabEnvironment {
    private static final List<String> PROGRAMS = List.of("ip", "nft", "iptables-restore", "vsftpd", "curl", "sysctl",
            "ss");

    private LabEnvironment() {}

    /** Why the lab cannot run here, or empty when it can. */
    public static Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Optional.of("the lab needs Linux network namespaces; this is " + System.getProperty("os.name"));
        }
        for (final String p : PROGRAMS) {
            if (!Cmd.succeeds("sh", "-c", "command -v " + p)) {
                return Optional.of("'" + p + "' is not installed (sim-lab/install-deps.sh installs nftables iptables"
                        + " conntrack vsftpd curl iproute2)");
            }
        }
        final Cmd.Result id = Cmd.run(10_000, List.of("id", "-u"));
        if (!id.out().strip().equals("0")) {
            return Optional.of("the lab creates network namespaces and needs root; running as uid " + id.out().strip());
        }
        if (!Cmd.succeeds("getent", "passwd", "ftp")) {
            return Optional.of("no 'ftp' account for vsftpd's anonymous sessions (Debian's vsftpd package creates it)");
        }
        final String probe = LabNetwork.PREFIX + ProcessHandle.current().pid() + "-probe";
        final Cmd.Result add = Cmd.run(10_000, List.of("ip", "netns", "add", probe));
        if (add.exit() != 0) {
            return Optional.of("cannot create a network namespace: " + add.err().strip());
        }
        try {
            final Cmd.Result nft = Cmd.run(10_000, List.of("ip", "netns", "exec", probe, "nft", "list", "ruleset"));
            if (nft.exit() != 0) {
                return Optional.of("nftables does not work in a network namespace: " + nft.err().strip());
            }
            // A ct helper object of type "ftp" loads nf_conntrack_ftp; without it no cell with a helper can run.
            final Cmd.Result helper = Cmd.run(10_000, List.of("ip", "netns", "exec", probe, "nft",
                    "add table ip probe; add ct helper ip probe ftp { type \"ftp\" protocol tcp; }"));
            if (helper.exit() != 0) {
                return Optional.of("the kernel has no FTP conntrack helper (nf_conntrack_ftp): " + helper.err().strip());
            }
        } finally {
            Cmd.succeeds("ip", "netns", "del", probe);
        }
        return Optional.empty();
    }

    /** The versions the lab runs against: kernel, nft, iptables, vsftpd, curl, as one line each. */
    public static List<String> versions() {
        return List.of(
                "kernel " + Cmd.run(10_000, List.of("uname", "-r")).out().strip(),
                Cmd.run(10_000, List.of("nft", "--version")).out().strip(),
                Cmd.run(10_000, List.of("iptables", "--version")).out().strip(),
                "vsftpd " + Cmd.run(10_000, List.of("dpkg-query", "-W", "-f", "${Version}", "vsftpd")).out().strip(),
                Cmd.run(10_000, List.of("curl", "--version")).out().lines().findFirst().orElse("curl ?"));
    }

    /** Prints the versions, or why the lab cannot run here (exit 1). */
    public static void main(final String[] args) {
        final Optional<String> why = unavailable();
        if (why.isPresent()) {
            System.out.println("the lab cannot run here: " + why.get());
            System.exit(1);
        }
        versions().forEach(System.out::println);
    }
}
