package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where lftp connects after a 227. Recorded with lftp 4.9.2 (defaults, ftp:fix-pasv-address yes)
 * in a network namespace against a scripted server: dialled on 10.99.0.1, a 227 naming the public
 * 192.0.2.99 (no route there) still downloaded, lftp saying "Address returned by PASV seemed to be
 * incorrect and has been fixed"; dialled on 198.51.100.7 it trusted 192.0.2.99 and failed.
 */
class LftpFixesThePasvAddressEitherWayTest {

    private static List<Action> afterPasv(final int peer, final String reply) {
        final ClientSession c = new ClientSession(ClientProfiles.lftp().build(), List.of(new ClientOp.Retr("/f")),
                0x0A000002, 40000, peer);
        c.start();
        c.handle(new Input.ControlBytes("220 hi\r\n211 End\r\n200 binary\r\n213 1\r\n213 19700101000000\r\n".getBytes(StandardCharsets.US_ASCII)));
        return c.handle(new Input.ControlBytes((reply + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPublicAddressFromAServerDialledOnAPrivateOneIsReplacedByThePeer() {
        final List<Action> as = afterPasv(0x0A63_0001 /* 10.99.0.1 */, "227 Entering Passive Mode (192,0,2,99,117,48).");
        assertTrue(as.contains(new Action.ConnectData(0x0A63_0001, 30000, 0, 0)), as.toString());
    }

    @Test
    void aPrivateAddressFromAPublicPeerIsReplacedAndAPublicOneKept() {
        final int peer = 0xC633_6407; // 198.51.100.7
        List<Action> as = afterPasv(peer, "227 Entering Passive Mode (10,1,2,3,117,48).");
        assertTrue(as.contains(new Action.ConnectData(peer, 30000, 0, 0)), as.toString());
        as = afterPasv(peer, "227 Entering Passive Mode (192,0,2,99,117,48).");
        assertTrue(as.contains(new Action.ConnectData(0xC000_0263, 30000, 0, 0)), as.toString());
    }

    @Test
    void twoPrivateAddressesAreTrustedButAMulticastOrReservedOneNever() {
        final int peer = 0xC0A8_0001; // 192.168.0.1: a server on the LAN announcing another LAN address
        List<Action> as = afterPasv(peer, "227 Entering Passive Mode (10,1,2,3,117,48).");
        assertTrue(as.contains(new Action.ConnectData(0x0A01_0203, 30000, 0, 0)), as.toString());
        as = afterPasv(peer, "227 Entering Passive Mode (0,0,0,0,117,48).");
        assertTrue(as.contains(new Action.ConnectData(peer, 30000, 0, 0)), as.toString());
        as = afterPasv(peer, "227 Entering Passive Mode (239,1,2,3,117,48).");
        assertTrue(as.contains(new Action.ConnectData(peer, 30000, 0, 0)), as.toString());
    }
}
