package dev.ftpsim.core.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nftables text into tokens with 1-based line and column: words, quoted strings, braces,
 * commas, semicolons and newlines (which end statements in a ruleset file). {@code #} starts a
 * comment to the end of the line.
 */
final class Lexer {
    enum Kind { WORD, STRING, LBRACE, RBRACE, COMMA, SEMI, NEWLINE, EOF }

    record Token(Kind kind, String text, int line, int column) {
        boolean is(final String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        String describe() {
            return switch (kind) {
                case WORD -> "'" + text + "'";
                case STRING -> "\"" + text + "\"";
                case LBRACE -> "'{'";
                case RBRACE -> "'}'";
                case COMMA -> "','";
                case SEMI -> "';'";
                case NEWLINE -> "the end of the line";
                case EOF -> "the end of the text";
            };
        }
    }

    private Lexer() {}

    static List<Token> tokenize(final String text, final String source, final int firstLine) {
        final List<Token> out = new ArrayList<>();
        int line = firstLine;
        int col = 1;
        int i = 0;
        final int n = text.length();
        while (i < n) {
            final char c = text.charAt(i);
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", line, col));
                line++;
                col = 1;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                col++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                // Line continuation, as nft accepts.
                i += 2;
                line++;
                col = 1;
            } else if (c == '{' || c == '}' || c == ',' || c == ';') {
                final Kind k = c == '{' ? Kind.LBRACE : c == '}' ? Kind.RBRACE : c == ',' ? Kind.COMMA : Kind.SEMI;
                out.add(new Token(k, String.valueOf(c), line, col));
                i++;
                col++;
            } else if (c == '"') {
                final int startCol = col;
                final StringBuilder sb = new StringBuilder();
                i++;
                col++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    sb.append(text.charAt(i));
                    i++;
                    col++;
                }
                if (i >= n || text.charAt(i) != '"') {
                    throw new RuleSyntaxException(source, line, startCol, "unterminated string: a closing '\"' is missing");
                }
                i++;
                col++;
                out.add(new Token(Kind.STRING, sb.toString(), line, startCol));
            } else {
                final int startCol = col;
                final int start = i;
                while (i < n && " \t\r\n{},;\"#".indexOf(text.charAt(i)) < 0) {
                    i++;
                    col++;
                }
                out.add(new Token(Kind.WORD, text.substring(start, i), line, startCol));
            }
        }
        out.add(new Token(Kind.EOF, "", line, col));
        return out;
    }
}
