package dev.ftpsim.ftp.protocol;

import java.util.random.RandomGenerator;

/** The orders in which servers try passive ports once their first choice is in use ({@link ServerOptions.PasvPortChoice}). */
final class PassivePorts {

    private PassivePorts() {}

    /** vsftpd: a few more random ports of the range, then give up (privops.c vsf_privop_pasv_listen). */
    static final class RandomTries implements Action.PortSearch {
        private final RandomGenerator rng;
        private final int lo, hi;
        private int left;

        RandomTries(RandomGenerator rng, int lo, int hi, int tries) {
            this.rng = rng;
            this.lo = lo;
            this.hi = hi;
            this.left = tries;
        }

        @Override
        public int next() {
            return left-- > 0 ? rng.nextInt(lo, hi + 1) : -1;
        }
    }

    /**
     * proftpd: every port of the range once, in random order (inet.c pr_inet_create_conn_portrange
     * shuffles the range; its later passes retry the same ports, which cannot free up within the
     * same instant), then any port (mod_core core_pasv: INPORT_ANY).
     */
    static final class RangeThenAny implements Action.PortSearch {
        private final RandomGenerator rng;
        private final int lo;
        private int[] rest; // built on the first call: most PASVs never need it
        private int left;
        private final int first;

        RangeThenAny(RandomGenerator rng, int lo, int hi, int first) {
            this.rng = rng;
            this.lo = lo;
            this.first = first;
            this.left = hi - lo + 1;
        }

        @Override
        public int next() {
            if (rest == null) {
                rest = new int[left];
                for (int i = 0; i < rest.length; i++) {
                    rest[i] = lo + i;
                }
                rest[first - lo] = rest[--left]; // the first choice was tried already
            }
            if (left > 0) {
                int i = rng.nextInt(left); // Fisher-Yates, one draw per port tried
                int p = rest[i];
                rest[i] = rest[--left];
                return p;
            }
            if (left == 0) {
                left = -1;
                return 0;
            }
            return -1;
        }
    }
}
