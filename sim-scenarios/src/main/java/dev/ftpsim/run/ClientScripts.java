package dev.ftpsim.run;

import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.ftp.protocol.ClientOp;
import dev.ftpsim.scenario.FtpSpec;
import java.util.ArrayList;
import java.util.List;

/** A client population's script as the FTP engine's operations, upload sizes drawn per session. */
final class ClientScripts {
    private ClientScripts() {}

    /**
     * A session's operations. With {@code tls}, as curl --ssl-reqd does: AUTH TLS first, PBSZ 0 and
     * PROT P right after the login, then CCC with {@code ccc} (curl --ftp-ssl-ccc).
     */
    static List<ClientOp> script(final FtpSpec.Clients spec, final RandomStream sizes) {
        final List<ClientOp> out = new ArrayList<>(spec.script().size() + 3);
        boolean protect = spec.tls();
        if (spec.tls()) {
            out.add(new ClientOp.AuthTls());
        }
        for (final FtpSpec.Step s : spec.script()) {
            if (s instanceof FtpSpec.Login l) {
                out.add(new ClientOp.Login(l.user(), l.password()));
                if (protect) {
                    protect = false;
                    out.add(new ClientOp.Protect(true));
                    if (spec.ccc()) {
                        out.add(new ClientOp.Ccc());
                    }
                }
            } else if (s instanceof FtpSpec.Get g) {
                out.add(new ClientOp.Retr(g.path()));
            } else if (s instanceof FtpSpec.Put p) {
                out.add(new ClientOp.Stor(p.path(), null, Math.max(0, p.size().sample(sizes.provider()::nextLong))));
            } else if (s instanceof FtpSpec.ListDir d) {
                out.add(new ClientOp.List(d.path(), d.namesOnly()));
            } else if (s instanceof FtpSpec.Cwd c) {
                out.add(new ClientOp.Cwd(c.path()));
            } else if (s instanceof FtpSpec.Wait w) {
                out.add(new ClientOp.Wait(w.nanos()));
            }
        }
        return out;
    }
}
