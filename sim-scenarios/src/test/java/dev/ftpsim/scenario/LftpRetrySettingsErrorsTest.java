package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** lftp's net:max-retries and net:reconnect-interval-* as client keys: bad values name file, line, column and key. */
class LftpRetrySettingsErrorsTest {
    private static String client(final String extra) {
        return NET + "ftp:\n  server: { host: server }\n  clients:\n    - { host: client, " + extra + " }\n";
    }

    @Test
    void theyAreLftpsOwnSettings() {
        assertEquals(List.of("t.yaml:12:36: ftp.clients[0].max-retries: max-retries is lftp's net:max-retries: only"
                + " the lftp profile has it (this population's profile is curl)"), errors(client("max-retries: 3")));
    }

    @Test
    void theMultiplierIsANumberFromOne() {
        assertEquals(List.of("t.yaml:12:69: ftp.clients[0].reconnect-interval-multiplier: 0.5 is out of range:"
                + " expected a number from 1 to 100, like 1.5"),
                errors(client("profile: lftp, reconnect-interval-multiplier: 0.5")));
        assertEquals(List.of("t.yaml:12:69: ftp.clients[0].reconnect-interval-multiplier: expected a number from 1 to"
                + " 100, like 1.5, got the string 'fast'"),
                errors(client("profile: lftp, reconnect-interval-multiplier: fast")));
    }

    @Test
    void intervalsAreDurationsAboveZeroAndRetriesAreNotNegative() {
        assertEquals(List.of("t.yaml:12:63: ftp.clients[0].reconnect-interval-base: a timeout must be above 0"),
                errors(client("profile: lftp, reconnect-interval-base: 0s")));
        assertEquals(List.of("t.yaml:12:51: ftp.clients[0].max-retries: -1 is out of range: expected a number of tries"
                + " from 0 (no limit, as lftp reads 0) to 1000000"), errors(client("profile: lftp, max-retries: -1")));
    }

    @Test
    void goodValuesLoad() {
        assertEquals(List.of(), errors(client("profile: lftp, max-retries: 0, reconnect-interval-base: 5s,"
                + " reconnect-interval-multiplier: 2, reconnect-interval-max: 1min, reply-timeout: 30s")));
    }
}
