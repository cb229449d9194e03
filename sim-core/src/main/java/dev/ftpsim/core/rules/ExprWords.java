package dev.ftpsim.core.rules;

import java.util.stream.Collectors;

/** An expression named for a user in an error: nft's words, never the loader's class names or positions. */
public final class ExprWords {
    private ExprWords() {
    }

    /** What {@code e} is: {@code 'ip saddr'}, {@code 'ip saddr . tcp dport'}, {@code a range}... */
    public static String of(final Expr e) {
        if (e instanceof Expr.Load || e instanceof Expr.Concat c && c.parts().stream().allMatch(p -> p instanceof Expr.Load)) {
            return "'" + text(e) + "'";
        }
        if (e instanceof Expr.Concat) {
            return "a concatenation";
        } else if (e instanceof Expr.Num n) {
            return "the number " + n.value();
        } else if (e instanceof Expr.Ip4 || e instanceof Expr.Ip6 || e instanceof Expr.Mac) {
            return "an address";
        } else if (e instanceof Expr.Str s) {
            return "the name \"" + NftCursor.excerpt(s.value()) + "\"";
        } else if (e instanceof Expr.Prefix) {
            return "a prefix";
        } else if (e instanceof Expr.Range) {
            return "a range";
        } else if (e instanceof Expr.AnonSet) {
            return "an anonymous set";
        } else if (e instanceof Expr.SetRef r) {
            return "@" + r.name();
        } else if (e instanceof Expr.MapLookup) {
            return "a map lookup";
        } else if (e instanceof Expr.Binop) {
            return "bitwise arithmetic";
        } else if (e instanceof Expr.VerdictValue) {
            return "a verdict";
        } else if (e instanceof Expr.Numgen) {
            return "numgen";
        } else if (e instanceof Expr.Jhash) {
            return "jhash";
        } else if (e instanceof Expr.Fib) {
            return "a fib (routing lookup) expression";
        } else if (e instanceof Expr.CtCount) {
            return "ct count";
        }
        return "this expression";
    }

    private static String text(final Expr e) {
        if (e instanceof Expr.Concat c) {
            return c.parts().stream().map(ExprWords::text).collect(Collectors.joining(" . "));
        }
        return ((Expr.Load) e).field().toString();
    }
}
