package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FileZilla 3.62 never follows EPSV with PASV: over IPv6 its passive command is EPSV
 * (rawtransfer.cpp GetPassiveCommand, "EPSV is mandatory for IPv6"), and a refusal (any reply but
 * 2yz or 3yz, rawtransfer_port_pasv) switches to active mode, EPRT over IPv6, when "Allow fall back
 * to other transfer mode on failure" is on (its default). ftpsim's FileZilla gave up at the refused
 * EPSV, as curl does, because its profile claimed an EPSV-to-PASV fallback.
 */
class FileZillaOverIpv6TriesEprtAfterARefusedEpsvTest {
    private final Ipv6Addresses v6 = new Ipv6Addresses();
    private final List<String> sent = new ArrayList<>();
    private ClientSession c;

    private void reply(final String line) {
        feed(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private void feed(final Input in) {
        c.handle(in).stream().filter(a -> a instanceof Action.SendCommand)
                .forEach(a -> sent.add(((Action.SendCommand) a).line()));
    }

    @Test
    void aRefusedEpsvIsFollowedByEprtAndARefusedEprtEndsIt() {
        // one try: the queue's retries are FileZillaRetriesAFailedTransferFromItsQueueTest's
        c = new ClientSession(ClientProfiles.filezilla().maxRetries(0).build(),
                List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")),
                v6.parse("2001:db8:1::10"), 40000, v6.parse("2001:db8:2::10"), v6);
        c.start();
        for (final String r : new String[] {"220 hi", "530 Please login with USER and PASS.",
                "530 Please login with USER and PASS.", "331 pw", "230 in", "215 UNIX Type: L8", "211 End", "200 binary"}) {
            reply(r);
        }
        assertEquals("EPSV", sent.get(sent.size() - 1));
        reply("500 Unknown command.");
        feed(new Input.DataListening(45678));
        assertEquals("EPRT |2|2001:db8:1::10|45678|", sent.get(sent.size() - 1));
        reply("500 Illegal EPRT command.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertEquals(FailureReason.DATA_SETUP_REFUSED, c.record().reason());
    }
}
