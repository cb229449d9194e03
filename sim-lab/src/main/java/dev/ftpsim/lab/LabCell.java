package dev.ftpsim.lab;

import dev.ftpsim.ftp.protocol.ClientOptions;
import java.util.Map;

/**
 * One cell of the cross-check: a scenario file run in one data mode, what the real programs do
 * there, and, where ftpsim cannot agree yet, what it says today and which point of issue 13 it
 * waits for.
 *
 * @param name what the cell shows, as a sentence fragment
 * @param file the scenario file, relative to the cells folder
 * @param mode the client's data mode (curl: PASV {@code --disable-epsv}, EPSV, PORT {@code --disable-eprt}, EPRT)
 * @param sysctls per node, sysctls the scenario cannot express (e.g. {@code net.ipv4.tcp_syn_linear_timeouts})
 * @param vsftpd vsftpd.conf keys the scenario cannot express (e.g. {@code port_promiscuous})
 * @param real the verdict measured with the real kernel, vsftpd and curl
 * @param giveUpSeconds when curl gives up (its time_total), for a timed cell; NaN when not timed
 * @param simToday ftpsim's verdict today where it differs, else null (ftpsim must give {@code real})
 * @param simGiveUpSeconds ftpsim's give-up time today in a known disagreement (NaN: not timed there)
 * @param waitsFor the point of issue 13 whose feature would close the difference, else null
 */
public record LabCell(String name, String file, ClientOptions.DataMode mode, Map<String, Map<String, String>> sysctls,
        Map<String, String> vsftpd, Verdict real, double giveUpSeconds, Verdict simToday, double simGiveUpSeconds,
        String waitsFor) {
    public LabCell {
        sysctls = Map.copyOf(sysctls);
        vsftpd = Map.copyOf(vsftpd);
    }

    /** A cell where ftpsim agrees with the real programs. */
    public static LabCell agreeing(final String name, final String file, final ClientOptions.DataMode mode,
            final Map<String, Map<String, String>> sysctls, final String real, final double giveUpSeconds) {
        return new LabCell(name, file, mode, sysctls, Map.of(), Verdict.parse(real), giveUpSeconds, null, Double.NaN,
                null);
    }

    /** True when ftpsim is known to differ here. */
    public boolean knownDisagreement() {
        return waitsFor != null;
    }

    /** The verdict ftpsim gives today. */
    public Verdict simExpected() {
        return simToday != null ? simToday : real;
    }

    /** ftpsim's give-up time today; NaN when it is not timed. */
    public double simGiveUpExpected() {
        return knownDisagreement() ? simGiveUpSeconds : giveUpSeconds;
    }

    @Override
    public String toString() {
        return name + " (" + file + ", " + mode + ")";
    }
}
