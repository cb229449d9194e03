package dev.ftpsim.ftp.protocol;

/**
 * Rule 1 for the client: how each reply moves each step, as data. Indexed by step and reply
 * class (the first digit, RFC 959 §4.2.1: 1 preliminary, 2 completion, 3 intermediate,
 * 4 transient failure, 5 permanent failure), following RFC 959 §5.4's command-reply sequences.
 */
final class ClientStates {

    private ClientStates() {}

    /** What a reply means for the step that is waiting. */
    enum Next { WAIT, OK, FAIL, FALLBACK, GONE, PROTOCOL_ERROR }

    private static final Next W = Next.WAIT, O = Next.OK, F = Next.FAIL, B = Next.FALLBACK, X = Next.PROTOCOL_ERROR;

    /** EXPECT[step][first digit - 1]: columns 1yz 2yz 3yz 4yz 5yz. */
    private static final Next[][] EXPECT = {
            /* GREETING   */ {W, O, X, F, F},  // 120 "ready in nnn minutes" then 220
            /* USER       */ {X, O, O, F, F},  // 230 (no password) or 331/332
            /* PASS       */ {X, O, F, F, F},  // 332 (ACCT needed) is not supported: a login failure
            /* CWD        */ {X, O, X, F, F},
            /* TYPE       */ {X, O, X, F, F},
            /* LISTENING  */ {X, X, X, X, X},  // no command outstanding
            /* SETUP      */ {X, O, X, F, B},  // 5xx to EPSV/EPRT: fallback (resolved in classify)
            /* CONNECTING */ {X, X, X, X, X},
            /* XFER_CMD   */ {O, O, X, F, F},  // 125/150, or 2yz at once; 425/426/450/550 ...
            /* XFER       */ {X, O, X, F, F},  // 226/250 or 426/451
            /* NOOP_DRAIN */ {O, O, O, O, O},  // late answers to keepalive NOOPs: any reply consumes one
            /* QUIT       */ {O, O, O, O, O},  // whatever comes, we are leaving
            /* AUTH       */ {X, O, X, F, F},  // 234 (RFC 4217 section 4)
            /* PBSZ       */ {X, O, X, F, F},
            /* PROT       */ {X, O, X, F, F},
            /* CCC        */ {X, O, X, F, F},  // 200 (RFC 4217 section 6)
            /* WAITING    */ {X, X, X, X, X},  // a pause: no command outstanding (421 is GONE above)
            /* DONE       */ {X, X, X, X, X},
            /* PWD        */ {X, O, O, O, O},  // curl: any answer but 421 goes on ("Failed to figure out path")
            /* CWD_PART   */ {X, O, X, F, F},  // curl: a refused CWD ends the transfer (exit 9)
            /* TYPE_LATE  */ {X, O, X, F, F},
            /* SIZE       */ {X, O, O, O, O},  // curl ftp_state_size_resp: only 213 is read, anything goes on
            /* FEAT       */ {X, O, O, O, O},  // lftp: a refused FEAT only means no features
            /* TUNE       */ {X, O, O, O, O},  // lftp: CLNT, LANG, OPTS, HOST, answers ignored (Expect::IGNORE)
            /* MDTM       */ {X, O, O, O, O},  // lftp: MDTM_OPT, any answer goes on
            /* UTIME      */ {X, O, O, O, O},  // lftp: setting an upload's time, any answer goes on
            /* RETRY      */ {W, W, W, W, W},  // lftp's 2 s before a retry: only late keepalive NOOP answers can come
            /* LFTP_AUTH  */ {X, O, O, O, O},  // lftp's own AUTH TLS: refused, it goes on in clear text
            /* FZ_AUTH    */ {X, O, O, O, O},  // FileZilla's AUTH TLS / AUTH SSL: refused, it goes on in clear text
            /* FZ_SYST    */ {X, O, O, O, O},  // FileZilla: SYST, any answer goes on
            /* FZ_FEAT    */ {X, O, O, O, O},  // FileZilla: FEAT, any answer goes on
            /* REST       */ {X, O, O, O, O},  // lftp RestCheck: 350 goes on, a 5xx too (NOREST), a 4xx disconnects
    };

    static Next classify(ClientSession.Step step, Reply r) {
        if (r == ReplyDecoder.MALFORMED) {
            return step == ClientSession.Step.QUIT ? Next.OK : Next.PROTOCOL_ERROR;
        }
        if (r.code() == 421) {
            return Next.GONE; // RFC 959: service closing, from any command
        }
        Next n = EXPECT[step.ordinal()][r.code() / 100 - 1];
        return n; // FALLBACK: the session decides whether its command and options allow one
    }

    /** The failure a refusing reply stands for. */
    static FailureReason failure(ClientSession.Step step, Reply r) {
        int c = r.code();
        return switch (step) {
            case GREETING -> FailureReason.SERVICE_UNAVAILABLE;
            case USER, PASS -> FailureReason.LOGIN_FAILED;
            case SETUP -> FailureReason.DATA_SETUP_REFUSED;
            case XFER_CMD, XFER -> c == 425 ? FailureReason.DATA_CONNECT_FAILED
                    : c == 426 || c == 451 ? FailureReason.TRANSFER_FAILED
                    : c == 450 || c == 550 || c == 552 || c == 553 ? FailureReason.FILE_UNAVAILABLE
                    : c == 530 ? FailureReason.LOGIN_FAILED : FailureReason.COMMAND_REFUSED;
            default -> FailureReason.COMMAND_REFUSED;
        };
    }
}
