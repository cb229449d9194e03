package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * A NAT that sends data connections from another address than the control connection: vsftpd
 * (pasv_promiscuous=NO) closes the data connection normally and answers "425 Security: Bad IP
 * connecting." (privops.c vsf_privop_accept_pasv, ftpdataio.c); with pasv-promiscuous it serves it.
 */
class VsftpdClosesAForeignDataConnectionBefore425BadIpTest {
    private static FtpSessionRecord run(final String promiscuous) throws Exception {
        return OneRouter.run(false, "", """
                forward:
                  policy: drop
                  rules:
                    - ct state established,related accept
                    - iif lan oif wan ct state new accept
                nat:
                  postrouting:
                    - oif wan tcp dport 21 masquerade
                    - oif wan snat to 192.0.2.7
                """, """
                server: { host: server, passive-ports: 30000-30100, %s files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, mode: pasv, script: [login anonymous, get /pub/f.bin] }
                """.formatted(promiscuous)).get(0);
    }

    @Test
    void theClientSeesThe425NotATransferFailure() throws Exception {
        final FtpSessionRecord r = run("");
        assertEquals("425 data connection failed", r.reasonText());
        assertEquals(425, r.outcome().lastReplyCode());
        assertEquals("Security: Bad IP connecting.", r.outcome().lastReplyText());
    }

    @Test
    void pasvPromiscuousServesIt() throws Exception {
        final FtpSessionRecord r = run("pasv-promiscuous: true,");
        assertTrue(r.ok(), r.reasonText());
    }
}
