package dev.ftpsim.ftp.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rule 1 (as in h11's _state.py): everything that decides the server's login and data-channel
 * states lives here, as data. {@link #GATE} says whether a verb class may run in a state;
 * {@link #NEXT} is the login machine's one transition function, indexed by state and the effect a
 * handler reported; {@link #DATA_NEXT} is the data channel's, indexed by state and event. A
 * missing cell is our bug and throws, as h11's missing key does.
 */
public final class ServerStates {

    private ServerStates() {}

    /** The login state machine of RFC 959 §5.4 (USER, PASS, then the session). */
    public enum Login { NEED_USER, NEED_PASS, READY, CLOSED }

    /**
     * What a command handler or the data channel reports, after emitting its actions. The last two
     * leave the login state alone: RESUME (a passive listen was answered: run pipelined commands)
     * and TRANSFER_ENDED (its reply sent: a pending QUIT runs, timers restart).
     */
    public enum Effect { NONE, USER_OK, LOGIN_OK, LOGIN_FAILED, CLOSE, RESUME, TRANSFER_ENDED }

    /** What the gate decides before a handler runs. */
    enum Gate { RUN, NOT_LOGGED_IN }

    private static final Gate R = Gate.RUN, N = Gate.NOT_LOGGED_IN;

    /** GATE[login][access]: columns ANY, LOGIN, SESSION (Verb.Access order). */
    static final Gate[][] GATE = {
            /* NEED_USER */ {R, R, N},  // RFC 959: 530 for a command that needs login
            /* NEED_PASS */ {R, R, N},  // vsftpd keeps the USER until PASS or another USER
            /* READY     */ {R, R, R},  // USER after login: handler answers 530 (vsftpd)
            /* CLOSED    */ {N, N, N},  // never consulted: input is ignored once closed
    };

    private static final Login U = Login.NEED_USER, P = Login.NEED_PASS, Y = Login.READY, C = Login.CLOSED;

    /** NEXT[login][effect]: columns NONE, USER_OK, LOGIN_OK, LOGIN_FAILED, CLOSE, RESUME, TRANSFER_ENDED. */
    private static final Login[][] NEXT = {
            /* NEED_USER */ {U, P, Y, U, C, U, U},
            /* NEED_PASS */ {P, P, Y, U, C, P, P},  // a failed PASS needs a new USER (RFC 959 §5.4 diagram)
            /* READY     */ {Y, Y, Y, Y, C, Y, Y},
            /* CLOSED    */ {C, C, C, C, C, C, C},
    };

    /** The one transition function. */
    public static Login next(Login s, Effect e) {
        return NEXT[s.ordinal()][e.ordinal()];
    }

    /**
     * The data channel (RFC 959 §3.2-3.3, RFC 2428): what the last PORT/EPRT/PASV/EPSV set up and
     * where its one transfer is (as in vsftpd, a setup serves one transfer). Each state says whether
     * a transfer runs (data verbs get 503, no idle timeout), whether a socket is open or being
     * opened, whether one is held (listening or connected: closed when a new setup replaces it), and
     * whether RETR/STOR/LIST may start.
     */
    public enum Data {
        /** No setup. */
        IDLE(false, false, false, false),
        /** PORT/EPRT accepted: the server connects when a transfer starts. */
        ACTIVE(false, false, false, true),
        /** PASV/EPSV asked the host to listen; commands pause until it answers (227/229 or 425). */
        PASV_OPENING(false, true, false, false),
        /** Listening, no connection yet. */
        PASV_LISTENING(false, true, true, true),
        /** The client connected before its transfer command (as curl does). */
        PASV_ACCEPTED(false, true, true, true),
        /** Active transfer asked for: connecting to the client. */
        CONNECTING(true, true, false, false),
        /** Passive transfer asked for: waiting for the client's connection. */
        ACCEPTING(true, true, true, false),
        /** 150 sent, bytes moving; 226/426 when the data connection closes. */
        TRANSFERRING(true, true, true, false);

        /** A transfer runs. */
        public final boolean busy;
        /** A data socket is open or being opened. */
        public final boolean open;
        /** A listening or connected data socket is held. */
        final boolean holdsSocket;
        /** RETR/STOR/LIST/NLST/MLSD may start (otherwise RFC 959's 425). */
        final boolean ready;

        Data(boolean busy, boolean open, boolean holdsSocket, boolean ready) {
            this.busy = busy;
            this.open = open;
            this.holdsSocket = holdsSocket;
            this.ready = ready;
        }
    }

    /** What happens on the data channel: a command, a host report, a timer, or the end of it all. */
    enum DataEvent {
        /** PORT/EPRT accepted. */
        SETUP_ACTIVE,
        /** PASV/EPSV: listen asked for. */
        SETUP_PASSIVE,
        /** The host listens on a valid port. */
        LISTENING,
        /** The host could not listen. */
        LISTEN_FAILED,
        /** RETR/STOR/APPE/LIST/NLST/MLSD with a setup. */
        TRANSFER,
        /** A data connection came up (ours, or a stray one). */
        CONNECTED,
        /** The active connect failed. */
        CONNECT_FAILED,
        /** The connect or accept timer fired. */
        CONNECT_TIMEOUT,
        /** The data connection closed. */
        CLOSED,
        /** Transfer ended, stalled, aborted or refused; setup dropped; session closed. */
        END
    }

    private static final Data I = Data.IDLE, A = Data.ACTIVE, O = Data.PASV_OPENING, L = Data.PASV_LISTENING,
            E = Data.PASV_ACCEPTED, K = Data.CONNECTING, W = Data.ACCEPTING, T = Data.TRANSFERRING, X = null;

    /**
     * DATA_NEXT[data][event]: columns SETUP_ACTIVE, SETUP_PASSIVE, LISTENING, LISTEN_FAILED, TRANSFER,
     * CONNECTED, CONNECT_FAILED, CONNECT_TIMEOUT, CLOSED, END. X: cannot happen (data verbs are
     * refused while busy, and no command runs while PASV_OPENING pauses the session). A cell equal to
     * its row ignores a late or stray report.
     */
    private static final Data[][] DATA_NEXT = {
            /* IDLE           */ {A, O, I, I, X, I, I, I, I, I},  // CONNECTED: a stray one is closed
            /* ACTIVE         */ {A, O, A, A, K, I, A, A, A, I},  // CONNECTED: a stray one also drops the setup
            /* PASV_OPENING   */ {X, X, L, I, X, O, O, O, O, I},  // LISTEN_FAILED: 425 (or vsftpd's 500 OOPS, then END)
            /* PASV_LISTENING */ {A, O, L, L, W, E, L, L, L, I},  // a new setup closes the listener
            /* PASV_ACCEPTED  */ {A, O, E, E, T, I, E, E, I, I},  // TRANSFER: 150 at once; CLOSED: client gave up early
            /* CONNECTING     */ {X, X, K, K, X, T, I, I, K, I},  // CONNECT_FAILED/TIMEOUT: 425
            /* ACCEPTING      */ {X, X, W, W, X, T, W, I, W, I},  // vsftpd accept_timeout: 425
            /* TRANSFERRING   */ {X, X, T, T, X, T, T, T, I, I},  // CONNECTED: a stray one is closed, ours kept
    };

    /** The data channel's one transition function; a missing cell is our bug. */
    static Data next(Data s, DataEvent e) {
        Data n = DATA_NEXT[s.ordinal()][e.ordinal()];
        if (n == null) {
            throw new IllegalStateException("can't handle data event " + e + " in state " + s);
        }
        return n;
    }

    /** Verbs that set up or use the data connection: refused while a transfer runs. */
    static final Set<Verb> DATA_VERBS = EnumSet.of(Verb.PORT, Verb.PASV, Verb.EPRT, Verb.EPSV, Verb.RETR,
            Verb.STOR, Verb.APPE, Verb.LIST, Verb.NLST, Verb.MLSD, Verb.REST);
}
