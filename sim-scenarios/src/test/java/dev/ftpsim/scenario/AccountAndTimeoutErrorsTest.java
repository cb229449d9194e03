package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad accounts and timeouts on servers and clients name file, line, column and key. */
class AccountAndTimeoutErrorsTest {
    private static String server(final String extra) {
        return NET + """
                ftp:
                  server:
                    host: server
                %s
                """.formatted(extra.indent(4).stripTrailing());
    }

    @Test
    void anAccountNeedsANameAndAPassword() {
        assertEquals(List.of("t.yaml:13:9: ftp.server.users[0]: missing key 'password': expected the password sent"
                + " with PASS"), errors(server("users:\n  - { name: alice }")));
    }

    @Test
    void aHomeMustBeAbsoluteAndANameUnique() {
        assertEquals(List.of(
                "t.yaml:13:43: ftp.server.users[0].home: home 'alice' must be absolute, like /alice",
                "t.yaml:15:17: ftp.server.users[2].name: a second account named 'bob'"),
                errors(server("users:\n  - { name: alice, password: a, home: alice }\n  - { name: bob, password: b }\n"
                        + "  - { name: bob, password: c }")));
    }

    @Test
    void timeoutsMustBeDurationsAboveZero() {
        assertEquals(List.of("t.yaml:12:21: ftp.server.accept-timeout: a timeout must be above 0"),
                errors(server("accept-timeout: 0s")));
        assertEquals(List.of("t.yaml:12:33: ftp.clients[0].max-time: a timeout must be above 0"),
                errors(NET + "ftp:\n  server: { host: server }\n  clients:\n    - { host: client, max-time: 0s }\n"));
    }

    @Test
    void localEnableIsVsftpdsOnly() {
        assertEquals(List.of("t.yaml:13:19: ftp.server.local-enable: local-enable is vsftpd's local_enable; the"
                + " proftpd profile has no such setting"), errors(server("profile: proftpd\nlocal-enable: false")));
    }
}
