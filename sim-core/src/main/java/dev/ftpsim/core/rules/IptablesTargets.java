package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.IptablesRule.Group;
import dev.ftpsim.core.rules.IptablesRule.Opt;
import java.util.List;
import java.util.Map;

/** xtables targets ({@code -j NAME --option ...}) as IR statements and verdicts. */
final class IptablesTargets {
    /** --reject-with names (libipt_REJECT.c) to icmp codes; tcp-reset is separate. */
    private static final Map<String, Integer> REJECT = Map.ofEntries(
            Map.entry("icmp-net-unreachable", 0), Map.entry("net-unreach", 0),
            Map.entry("icmp-host-unreachable", 1), Map.entry("host-unreach", 1),
            Map.entry("icmp-proto-unreachable", 2), Map.entry("proto-unreach", 2),
            Map.entry("icmp-port-unreachable", 3), Map.entry("port-unreach", 3),
            Map.entry("icmp-net-prohibited", 9), Map.entry("net-prohib", 9),
            Map.entry("icmp-host-prohibited", 10), Map.entry("host-prohib", 10),
            Map.entry("icmp-admin-prohibited", 13), Map.entry("admin-prohib", 13));
    /** ip6tables' --reject-with names (libip6t_REJECT.c) to icmpv6 codes. */
    private static final Map<String, Integer> REJECT6 = Map.ofEntries(
            Map.entry("icmp6-no-route", 0), Map.entry("no-route", 0),
            Map.entry("icmp6-adm-prohibited", 1), Map.entry("adm-prohibited", 1),
            Map.entry("icmp6-addr-unreachable", 3), Map.entry("addr-unreach", 3),
            Map.entry("icmp6-port-unreachable", 4), Map.entry("port-unreach", 4));
    private static final List<String> LEVELS = List.of("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug");

    private IptablesTargets() {
    }

    static void add(final IptablesRule r, final Group g, final boolean isGoto, final List<Stmt> items) {
        final Pos pos = r.pos(g.at());
        final String t = g.name();
        switch (t) {
            case "ACCEPT": case "DROP": case "RETURN":
                noOptions(r, g);
                items.add(new Stmt.Verdict(Stmt.VerdictKind.valueOf(t), null, pos));
                return;
            default:
                break;
        }
        if (!IptablesRule.OPTIONS.containsKey(t) || Character.isLowerCase(t.charAt(0))) {
            if (!r.table.chains().containsKey(t) || r.table.chains().get(t).base() != null) {
                throw r.fail(g.at(), "Couldn't load target `" + NftCursor.excerpt(t) + "': no such chain in table "
                        + r.tableName + " and no such target modelled");
            }
            noOptions(r, g);
            items.add(new Stmt.Verdict(isGoto ? Stmt.VerdictKind.GOTO : Stmt.VerdictKind.JUMP, t, pos));
            return;
        }
        if (isGoto) {
            throw r.fail(g.at(), "-g takes a chain, not the target " + t);
        }
        for (final Opt o : g.opts()) {
            if (!IptablesRule.OPTIONS.get(t).contains(o.name())) {
                throw r.fail(o.at(), "unknown option \"--" + o.name() + "\" of target " + t);
            }
        }
        switch (t) {
            case "REJECT": reject(r, g, items, pos); return;
            case "LOG": log(r, g, items, pos); return;
            case "MASQUERADE": case "SNAT": case "DNAT": case "REDIRECT": IptablesNat.add(r, g, items, pos); return;
            case "NOTRACK":
                raw(r, g);
                items.add(new Stmt.Notrack(pos));
                return;
            case "CT": ct(r, g, items, pos); return;
            case "MARK": case "CONNMARK": IptablesNat.mark(r, g, items, pos); return;
            case "TCPMSS": {
                if (r.proto != 6 || r.protoInvert) {
                    throw r.fail(g.at(), "TCPMSS target: only valid for TCP (-p tcp)");
                }
                final Opt set = opt(g, "set-mss");
                final Expr v;
                if (set != null) {
                    final Long mss = Values.number(set.arg());
                    if (mss == null || mss > 65535) {
                        throw r.fail(set.args().get(0), "bad TCP MSS value `" + NftCursor.excerpt(set.arg()) + "'");
                    }
                    v = new Expr.Num(DataType.INTEGER, mss, pos);
                } else if (opt(g, "clamp-mss-to-pmtu") != null) {
                    v = new Expr.Load(Field.RT_MTU, pos);
                } else {
                    throw r.fail(g.at(), "TCPMSS target: --set-mss or --clamp-mss-to-pmtu is needed");
                }
                items.add(new Stmt.Assign(Field.TCP_OPTION_MAXSEG_SIZE, v, pos));
                return;
            }
            default: // CHECKSUM
                if (opt(g, "checksum-fill") == null) {
                    throw r.fail(g.at(), "CHECKSUM target: --checksum-fill is needed");
                }
                items.add(new Stmt.ChecksumFill(pos));
        }
    }

    static Opt opt(final Group g, final String name) {
        for (final Opt o : g.opts()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    private static void noOptions(final IptablesRule r, final Group g) {
        if (!g.opts().isEmpty()) {
            throw r.fail(g.opts().get(0).at(), "unknown option \"--" + g.opts().get(0).name() + "\"");
        }
    }

    /** NOTRACK and CT live in the raw table (kernel xt_CT.c: .table = "raw"). */
    private static void raw(final IptablesRule r, final Group g) {
        if (!r.tableName.equals("raw")) {
            throw r.fail(g.at(), "the " + g.name() + " target is only valid in the raw table");
        }
    }

    private static void reject(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final Opt with = opt(g, "reject-with");
        final Stmt.RejectKind kind = r.v6() ? Stmt.RejectKind.ICMPV6 : Stmt.RejectKind.ICMP;
        if (with == null) {
            items.add(new Stmt.Reject(kind, r.v6() ? 4 : 3, pos));
        } else if (with.arg().equals("tcp-reset") || with.arg().equals("tcp-rst")) {
            if (r.proto != 6 || r.protoInvert) {
                // iptables-restore --test accepts this, the kernel does not (ipt_REJECT.c reject_tg_check)
                throw r.fail(with.args().get(0), "--reject-with tcp-reset needs -p tcp");
            }
            items.add(new Stmt.Reject(Stmt.RejectKind.TCP_RESET, -1, pos));
        } else {
            final Integer code = (r.v6() ? REJECT6 : REJECT).get(with.arg());
            if (code == null) {
                throw r.fail(with.args().get(0), "unknown reject type \"" + NftCursor.excerpt(with.arg()) + "\"");
            }
            items.add(new Stmt.Reject(kind, code, pos));
        }
    }

    private static void log(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final Opt prefix = opt(g, "log-prefix");
        String text = prefix == null ? null : prefix.arg();
        // 29 bytes plus NUL (libxt_LOG.c): iptables 1.8.9 cuts a longer one there and takes the rule
        // (xtables.c, xtopt_parse_string copies size - 1 bytes), as iptables-save then shows
        while (text != null && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 29) {
            text = text.substring(0, text.length() - 1);
        }
        String level = "warn";
        final Opt lv = opt(g, "log-level");
        if (lv != null) {
            final Long n = Values.number(lv.arg());
            final String name = lv.arg().equals("warning") ? "warn" : lv.arg().equals("error") ? "err" : lv.arg();
            if (n != null && n < 8) {
                level = LEVELS.get(n.intValue());
            } else if (LEVELS.contains(name)) {
                level = name;
            } else {
                throw r.fail(lv.args().get(0), "log-level `" + NftCursor.excerpt(lv.arg()) + "' unknown");
            }
        }
        int flags = 0;
        flags |= opt(g, "log-tcp-sequence") != null ? Stmt.LOG_TCPSEQ : 0;
        flags |= opt(g, "log-tcp-options") != null ? Stmt.LOG_TCPOPT : 0;
        flags |= opt(g, "log-ip-options") != null ? Stmt.LOG_IPOPT : 0;
        flags |= opt(g, "log-uid") != null ? Stmt.LOG_UID : 0;
        flags |= opt(g, "log-macdecode") != null ? Stmt.LOG_MACDECODE : 0;
        items.add(new Stmt.Log(text, level, flags, -1, pos));
    }

    private static void ct(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        raw(r, g);
        if (opt(g, "notrack") != null) {
            if (g.opts().size() > 1) {
                throw r.fail(g.at(), "CT --notrack takes no other option");
            }
            items.add(new Stmt.Notrack(pos));
            return;
        }
        final Opt helper = opt(g, "helper");
        final Opt zone = opt(g, "zone");
        if (zone != null) {
            final Long z = Values.number(zone.arg());
            if (z == null || z > 65535) {
                throw r.fail(zone.args().get(0), "bad zone `" + NftCursor.excerpt(zone.arg()) + "'");
            }
            items.add(new Stmt.Assign(Field.CT_ZONE, new Expr.Num(DataType.INTEGER, z, pos), pos));
        }
        if (helper != null) {
            // xt_CT attaches the helper by name; in the IR a ct helper object of that name stands for it
            final String name = helper.arg();
            final int l4 = r.proto == 17 ? 17 : 6;
            if (r.table.object(Stmt.ObjKind.CT_HELPER, name) == null) {
                r.table.objects().put(Stmt.ObjKind.CT_HELPER + " " + name,
                        new NamedObject.CtHelperObj(name, name, l4, r.v6() ? 10 : 2, pos));
            }
            items.add(new Stmt.ObjRef(Stmt.ObjKind.CT_HELPER, new Expr.Str(name, pos), pos));
        }
        if (helper == null && zone == null) {
            throw r.fail(g.at(), "CT target: --notrack, --helper or --zone is needed");
        }
    }
}
