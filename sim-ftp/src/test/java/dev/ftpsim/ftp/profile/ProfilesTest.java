package dev.ftpsim.ftp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import dev.ftpsim.ftp.protocol.ClientOptions.PasvPolicy;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    @Test
    void everyNamedProfileBuilds() {
        ServerProfiles.NAMES.forEach(n -> ServerProfiles.of(n).build());
        ClientProfiles.NAMES.forEach(n -> ClientProfiles.of(n).build());
    }

    @Test
    void windowsFtpIsActiveByDefaultAndCurlIsEpsvIgnoringThe227Address() {
        assertEquals(DataMode.PORT, ClientProfiles.of("windows-ftp").build().mode());
        var curl = ClientProfiles.of("curl").build();
        assertEquals(DataMode.EPSV, curl.mode());
        assertEquals(PasvPolicy.IGNORE, curl.pasvPolicy());
        assertEquals(PasvPolicy.FIX_MISMATCH, ClientProfiles.of("lftp").build().pasvPolicy());
    }

    @Test
    void anOptionOverridesItsProfile() {
        assertEquals(DataMode.PORT, ClientProfiles.of("curl").mode(DataMode.PORT).build().mode());
        var s = ServerProfiles.of("vsftpd").pasvPorts(30000, 30100).portPromiscuous(true).build();
        assertEquals(30000, s.pasvMinPort());
        assertTrue(s.portPromiscuous());
        assertFalse(ServerProfiles.of("vsftpd").build().portPromiscuous());
    }

    @Test
    void unknownProfileNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerProfiles.of("iis"));
        assertThrows(IllegalArgumentException.class, () -> ClientProfiles.of("wget"));
    }
}
