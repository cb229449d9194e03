package dev.ftpsim.ftp.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of hostile input streams, shared by the jqwik properties and the long
 * campaign: valid commands with random arguments, wrong-state commands, random bytes, split and
 * merged CRLF, over-long lines, Telnet IAC sequences, and random data/timer events between them.
 */
final class FuzzInputs {

    private FuzzInputs() {}

    static final String[] VERBS = {"USER", "PASS", "ACCT", "CWD", "CDUP", "PWD", "TYPE", "MODE", "STRU", "PORT",
            "PASV", "EPRT", "EPSV", "RETR", "STOR", "APPE", "LIST", "NLST", "REST", "ABOR", "DELE", "MKD", "RMD",
            "RNFR", "RNTO", "SYST", "STAT", "HELP", "NOOP", "QUIT", "SIZE", "MDTM", "FEAT", "OPTS", "ALLO", "SITE",
            "MLST", "MLSD",
            "XPWD", "noop", "Retr", "FROB", ""};

    private static final String[] ARGS = {"", "anonymous", "alice", "secret", "/", "/pub", "/pub/hello.txt", "..",
            "../../x", "I", "A", "E", "L 8", "S", "B", "F", "R", "ALL", "1", "2", "x", "-la", "UTF8 ON",
            "198,51,100,2,200,10", "10,9,9,9,1,1", "1,2,3", "1,2,3,4,5,666", "198,51,100,2,0,21",
            "|1|198.51.100.2|51210|", "|2|::1|5000|", "|1|1.2.3|5|", "||||", "100", "-1", "99999999999999999999",
            "/pub/big.bin", "new.txt", "/pub/d", "\u00ff\u00ff", "%s%n", "\"quoted\"", "MLST type;size;",
            "MLST ;;x;"};

    static String randomLine(SplittableRandom r) {
        String verb = VERBS[r.nextInt(VERBS.length)];
        return switch (r.nextInt(10)) {
            case 0 -> verb; // no argument
            case 1 -> verb + " " + randomText(r, r.nextInt(40));
            case 2 -> randomText(r, r.nextInt(200));
            default -> verb + " " + ARGS[r.nextInt(ARGS.length)];
        };
    }

    static String randomText(SplittableRandom r, int n) {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(256) : 32 + r.nextInt(95)));
        }
        return sb.toString();
    }

    /** A control byte stream: lines with random terminators, junk, IAC, over-long lines. */
    static byte[] controlStream(SplittableRandom r, int lines, int maxLine) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < lines; i++) {
            int kind = r.nextInt(20);
            byte[] b;
            if (kind == 0) {
                b = new byte[r.nextInt(64)];
                r.nextBytes(b); // raw junk
            } else if (kind == 1) {
                b = ("STOR " + "x".repeat(maxLine + r.nextInt(3 * maxLine))).getBytes(StandardCharsets.ISO_8859_1);
            } else if (kind == 2) {
                b = new byte[] {(byte) 0xFF, (byte) (240 + r.nextInt(16)), (byte) r.nextInt(256)};
            } else if (kind < 7) {
                b = (SETUPS[r.nextInt(SETUPS.length)] + "\r\n" + TRANSFERS[r.nextInt(TRANSFERS.length)])
                        .getBytes(StandardCharsets.ISO_8859_1); // a plausible transfer, events decide the rest
            } else {
                b = randomLine(r).getBytes(StandardCharsets.ISO_8859_1);
            }
            out.writeBytes(b);
            switch (r.nextInt(8)) {
                case 0 -> out.writeBytes(new byte[] {'\n'});
                case 1 -> out.writeBytes(new byte[] {'\r'});
                case 2 -> { } // merged with the next line
                case 3 -> out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                default -> out.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    /** A random data-channel or timer event (what a host, or a hostile network, may deliver). */
    static Input randomEvent(SplittableRandom r, int peerIp) {
        // Weighted towards the events a transfer needs, so random streams reach 150/226 often.
        return switch (r.nextInt(15)) {
            case 0, 1 -> new Input.DataListening(1 + r.nextInt(65535));
            case 2 -> new Input.DataListening(r.nextInt());
            case 3, 4 -> new Input.DataConnected(peerIp, 1024 + r.nextInt(60000));
            case 5 -> new Input.DataConnected(r.nextInt(), r.nextInt(65536));
            case 6 -> r.nextBoolean() ? Input.DataReceived.of(new byte[r.nextInt(100)])
                    : new Input.DataReceived(null, r.nextLong(-5, 1L << 40));
            case 7, 8 -> new Input.DataClosed(false);
            case 9 -> new Input.DataClosed(true);
            case 10 -> new Input.DataConnectFailed("refused");
            case 11 -> new Input.DataListenFailed();
            case 12 -> new Input.TimerFired(Timer.values()[r.nextInt(Timer.values().length)]);
            case 13 -> new Input.DataSent(r.nextLong(-5, 1L << 20));
            default -> r.nextInt(20) == 0 ? new Input.ControlClosed() : new Input.DataClosed(false);
        };
    }

    private static final String[] SETUPS = {"PASV", "EPSV", "EPSV 1", "PORT 198,51,100,2,200,10",
            "EPRT |1|198.51.100.2|51210|"};
    private static final String[] TRANSFERS = {"RETR /pub/hello.txt", "RETR /pub/big.bin", "LIST", "NLST /pub",
            "STOR /pub/new.txt", "APPE /pub/hello.txt", "RETR /missing", "MLSD /pub", "MLST /pub/hello.txt"};

    /** The control stream cut into random chunks, with random events between the chunks. */
    static List<Input> session(SplittableRandom r, int lines, int maxLine, int peerIp, boolean events) {
        byte[] all = controlStream(r, lines, maxLine);
        var in = new ArrayList<Input>();
        for (int i = 0; i < all.length; ) {
            int n = Math.min(all.length - i, 1 + r.nextInt(r.nextBoolean() ? 8 : 300));
            in.add(new Input.ControlBytes(java.util.Arrays.copyOfRange(all, i, i + n)));
            i += n;
            while (events && r.nextInt(2) == 0) {
                in.add(randomEvent(r, peerIp));
            }
        }
        return in;
    }

    /** A reply stream for the client: valid replies of random codes, multi-line, garbage. */
    static byte[] replyStream(SplittableRandom r, int replies) {
        var sb = new StringBuilder();
        String[] texts = {"ok", "Entering Passive Mode (192,168,0,1,117,48).", "Entering Extended Passive Mode (|||30000|)",
                "Entering Passive Mode (1,2,3).", "(|||99999|)", "", "Login successful."};
        int[] codes = {220, 331, 230, 200, 227, 229, 150, 125, 226, 250, 425, 426, 421, 500, 502, 530, 550, 120, 350};
        for (int i = 0; i < replies; i++) {
            int c = r.nextInt(8) == 0 ? 100 + r.nextInt(600) : codes[r.nextInt(codes.length)];
            switch (r.nextInt(12)) {
                case 0 -> sb.append(randomText(r, r.nextInt(80)));
                case 1 -> sb.append(c).append("-first\r\n 123 middle\r\n").append(c).append("x\r\n")
                        .append(c).append(" end");
                case 2 -> sb.append(c).append("-never ends");
                default -> sb.append(c).append(' ').append(texts[r.nextInt(texts.length)]);
            }
            sb.append(r.nextInt(6) == 0 ? "\n" : "\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
