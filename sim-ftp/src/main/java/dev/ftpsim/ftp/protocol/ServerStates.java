package dev.ftpsim.ftp.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rule 1 (as in h11's _state.py): everything that decides the server's login state lives here,
 * as data. {@link #GATE} says whether a verb class may run in a state; {@link #NEXT} is the one
 * transition function, indexed by state and the effect a handler reported.
 */
public final class ServerStates {

    private ServerStates() {}

    /** The login state machine of RFC 959 §5.4 (USER, PASS, then the session). */
    public enum Login { NEED_USER, NEED_PASS, READY, CLOSED }

    /** What a command handler reports, after emitting its actions. */
    public enum Effect { NONE, USER_OK, LOGIN_OK, LOGIN_FAILED, CLOSE }

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

    /** NEXT[login][effect]: columns NONE, USER_OK, LOGIN_OK, LOGIN_FAILED, CLOSE. */
    private static final Login[][] NEXT = {
            /* NEED_USER */ {U, P, Y, U, C},
            /* NEED_PASS */ {P, P, Y, U, C},  // a failed PASS needs a new USER (RFC 959 §5.4 diagram)
            /* READY     */ {Y, Y, Y, Y, C},
            /* CLOSED    */ {C, C, C, C, C},
    };

    /** The one transition function. */
    public static Login next(Login s, Effect e) {
        return NEXT[s.ordinal()][e.ordinal()];
    }

    /** Verbs that set up or use the data connection: refused while a transfer runs. */
    static final Set<Verb> DATA_VERBS = EnumSet.of(Verb.PORT, Verb.PASV, Verb.EPRT, Verb.EPSV, Verb.RETR,
            Verb.STOR, Verb.APPE, Verb.LIST, Verb.NLST, Verb.MLSD, Verb.REST);
}
