package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What lftp 4.9.2 carries to the control connection it opens after a failure: it logs in again,
 * goes back to the folder a cd took it to ("CWD /pub"), and goes on with the command that failed;
 * after a refused PASV, or a refused connection to a 227 address it had fixed
 * (ftp:fix-pasv-address), ftp:auto-passive-mode switches passive mode off ("Switching passive mode
 * off"): against a server refusing PASV with 500 the second connection sent PORT and got the file.
 */
class LftpResumesOnANewConnectionWhereItFailedTest {
    private static final int CLIENT = 0x0A00000A, SERVER = 0x0A00000B;
    private static final ClientOp.Login LOGIN = new ClientOp.Login("u", "p");
    private static final ClientOp.Cwd CD = new ClientOp.Cwd("pub");
    private static final ClientOp.Retr GET = new ClientOp.Retr("f.bin");

    private static void feed(final ClientSession c, final String lines) {
        c.handle(new Input.ControlBytes(lines.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Logged in, in /pub, TYPE, SIZE and MDTM answered: PASV is out. */
    private static ClientSession atPasv() {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(), List.of(LOGIN, CD, GET), CLIENT,
                40000, SERVER);
        c.start();
        feed(c, "220 hi\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\"\r\n250 ok\r\n200 binary\r\n213 1\r\n213 1\r\n");
        return c;
    }

    @Test
    void aRefusedPasvReconnectsInActiveModeAndResumesAtTheDownloadInItsFolder() {
        final ClientSession c = atPasv();
        feed(c, "500 PASV refused\r\n221 bye\r\n");
        assertEquals(FailureReason.DATA_SETUP_REFUSED, c.record().reason());
        assertTrue(c.reconnects());
        assertEquals(ClientOptions.DataMode.PORT, c.nextMode());
        assertEquals(List.of(LOGIN, new ClientOp.Cwd("/pub"), GET, new ClientOp.Quit()), c.resumeScript());
    }

    /**
     * lftp 4.9.2 against a scripted server answering PASV with "500 no" ({@code lftp -c 'set
     * net:max-retries 2; open -u u,p ftp://127.0.0.1:PORT; get f.bin'}): after the 500 it sent
     * IAC IP IAC (the telnet interrupt) and closed, no QUIT; the next connection sent PORT.
     */
    @Test
    void aFailureLftpReconnectsAfterClosesTheConnectionWithoutQuit() {
        final ClientSession c = atPasv();
        final List<Action> after = c.handle(new Input.ControlBytes("500 no\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(after.stream().noneMatch(a -> a instanceof Action.SendCommand), after.toString());
        assertTrue(after.contains(new Action.CloseControl()), after.toString());
        assertTrue(after.stream().anyMatch(a -> a instanceof Action.Finished), after.toString());
        assertTrue(c.reconnects());
    }

    /** The same measurement: the second connection went FEAT, USER, PASS, TYPE I, SIZE, MDTM, PORT: no PWD. */
    @Test
    void theNextConnectionAsksNoPwdAndTakesPathsFromTheHomeItKnows() {
        final ClientSession c = atPasv();
        feed(c, "500 no\r\n");
        assertEquals("/", c.home());
        final ClientSession next = new ClientSession(ClientProfiles.lftp().build(), c.resumeScript(), CLIENT, 40002,
                SERVER).knowingHome(c.home());
        final List<String> sent = new java.util.ArrayList<>();
        for (final String reply : List.of("220 hi", "211 End", "331 pw", "230 in", "250 ok", "200 binary", "213 1")) {
            for (final Action a : next.handle(new Input.ControlBytes((reply + "\r\n").getBytes(StandardCharsets.US_ASCII)))) {
                if (a instanceof Action.SendCommand s) {
                    sent.add(s.line());
                }
            }
        }
        assertEquals(List.of("FEAT", "USER u", "PASS p", "CWD /pub", "TYPE I", "SIZE f.bin", "MDTM f.bin"), sent);
    }

    @Test
    void aRefusedConnectionToAFixedAddressSwitchesPassiveOffButNotToTheAddressAsGiven() {
        final ClientSession fixed = atPasv();
        feed(fixed, "227 Entering Passive Mode (192,0,2,99,117,48).\r\n"); // public, the peer private: fixed
        fixed.handle(new Input.DataConnectFailed("refused"));
        feed(fixed, "221 bye\r\n");
        assertEquals(FailureReason.DATA_CONNECT_FAILED, fixed.record().reason());
        assertTrue(fixed.reconnects());
        assertEquals(ClientOptions.DataMode.PORT, fixed.nextMode());

        final ClientSession asGiven = atPasv();
        feed(asGiven, "227 Entering Passive Mode (10,0,0,11,117,48).\r\n");
        asGiven.handle(new Input.DataConnectFailed("refused"));
        feed(asGiven, "221 bye\r\n");
        assertTrue(asGiven.reconnects());
        assertEquals(null, asGiven.nextMode(), "the 227 address was used as given: passive mode stays on");
    }

    /** lftp 4.9.2 ftpclass.cc Expect::PORT: a 5xx to PORT, "Switching passive mode on". */
    @Test
    void aRefusedPortReconnectsInPassiveModeAndA4xxToPasvKeepsTheMode() {
        final ClientSession port = new ClientSession(ClientProfiles.lftp().mode(ClientOptions.DataMode.PORT).build(),
                List.of(LOGIN, GET), CLIENT, 40000, SERVER);
        port.start();
        feed(port, "220 hi\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\"\r\n200 binary\r\n213 1\r\n213 1\r\n");
        port.handle(new Input.DataListening(40001));
        feed(port, "500 Illegal PORT command.\r\n221 bye\r\n");
        assertEquals(FailureReason.DATA_SETUP_REFUSED, port.record().reason());
        assertTrue(port.reconnects());
        assertEquals(ClientOptions.DataMode.PASV, port.nextMode());

        final ClientSession pasv = atPasv();
        feed(pasv, "421 Could not create socket.\r\n");
        assertTrue(pasv.reconnects());
        assertEquals(null, pasv.nextMode(), "a 421 is no refusal of passive mode");
    }

    @Test
    void aRefusedLoginAndATransferRefusedPastItsRetriesEndTheSession() {
        final ClientSession login = new ClientSession(ClientProfiles.lftp().build(), List.of(LOGIN, GET), CLIENT,
                40000, SERVER);
        login.start();
        feed(login, "220 hi\r\n211 End\r\n331 pw\r\n530 Login incorrect.\r\n221 bye\r\n");
        assertEquals(FailureReason.LOGIN_FAILED, login.record().reason());
        assertFalse(login.reconnects());

        final ClientSession retr = new ClientSession(ClientProfiles.lftp().maxRetries(1).build(), List.of(LOGIN, GET),
                CLIENT, 40000, SERVER);
        retr.start();
        feed(retr, "220 hi\r\n211 End\r\n331 pw\r\n230 in\r\n257 \"/\"\r\n200 binary\r\n213 1\r\n213 1\r\n"
                + "227 Entering Passive Mode (10,0,0,11,117,48).\r\n");
        retr.handle(new Input.DataConnected(SERVER, 30000));
        feed(retr, "425 Failed to establish connection.\r\n221 bye\r\n");
        assertEquals(FailureReason.DATA_CONNECT_FAILED, retr.record().reason());
        assertFalse(retr.reconnects(), "max-retries exceeded is fatal");
    }

    /** After part of a download lftp reconnects and goes on with REST at the bytes it has (LftpResumesADownloadWithRestTest). */
    @Test
    void aControlConnectionLostAfterPartOfADownloadReconnectsToGoOnFromItsBytes() {
        final ClientSession c = atPasv();
        feed(c, "227 Entering Passive Mode (10,0,0,11,117,48).\r\n");
        c.handle(new Input.DataConnected(SERVER, 30000));
        feed(c, "150 here\r\n");
        c.handle(new Input.DataReceived(null, 1000));
        c.handle(new Input.ControlClosed());
        assertEquals(FailureReason.CONTROL_LOST, c.record().reason());
        assertTrue(c.reconnects());
        assertEquals(1000, c.restartPos());
        assertFalse(c.triedAtFailure(), "no reply: the reconnect timer still counts from the connect");
    }

    @Test
    void aFailureAtTheGreetingResumesTheWholeScript() {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(), List.of(LOGIN, CD, GET), CLIENT,
                40000, SERVER);
        c.start();
        feed(c, "421 Too many users\r\n");
        assertEquals(FailureReason.SERVICE_UNAVAILABLE, c.record().reason());
        assertTrue(c.reconnects());
        assertEquals(List.of(LOGIN, CD, GET, new ClientOp.Quit()), c.resumeScript());
    }
}
