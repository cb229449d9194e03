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

    /**
     * Tokens made on demand, for a parser that only moves forward: a file is split as far as it
     * is read, and tokens behind the parser are dropped, so a file that fails at its first word is
     * not split to the end, and a large one is never held as tokens all at once.
     */
    static final class Stream {
        private static final String[] PUNCT = {"{", "}", ",", ";"};
        private static final Kind[] PUNCT_KIND = {Kind.LBRACE, Kind.RBRACE, Kind.COMMA, Kind.SEMI};
        private final String text;
        private final String source;
        private final List<Token> window = new ArrayList<>();
        /** Index of {@code window}'s first token. */
        private int base;
        private int i;
        private int line;
        private int col = 1;
        private boolean done;

        Stream(final String text, final String source, final int firstLine) {
            this.text = text;
            this.source = source;
            this.line = firstLine;
        }

        /** Token {@code index} (not below the last {@link #release}), or EOF beyond the end. */
        Token get(final int index) {
            while (index - base >= window.size() && !done) {
                window.add(lex());
            }
            return window.get(Math.min(index - base, window.size() - 1));
        }

        /** The parser will not look at tokens before {@code index} again. */
        void release(final int index) {
            if (index - base >= 1024 && index - base <= window.size()) {
                window.subList(0, index - base).clear();
                base = index;
            }
        }

        private Token lex() {
            final int n = text.length();
            while (i < n) {
                final char c = text.charAt(i);
                if (c == '\n') {
                    final Token t = new Token(Kind.NEWLINE, "\n", line, col);
                    line++;
                    col = 1;
                    i++;
                    return t;
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
                    final int k = "{},;".indexOf(c);
                    final Token t = new Token(PUNCT_KIND[k], PUNCT[k], line, col);
                    i++;
                    col++;
                    return t;
                } else if (c == '"') {
                    final int startCol = col;
                    final int start = i + 1;
                    i++;
                    col++;
                    while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                        i++;
                        col++;
                    }
                    if (i >= n || text.charAt(i) != '"') {
                        throw new RuleSyntaxException(source, line, startCol,
                                "unterminated string: a closing '\"' is missing");
                    }
                    final Token t = new Token(Kind.STRING, text.substring(start, i), line, startCol);
                    i++;
                    col++;
                    return t;
                } else {
                    final int startCol = col;
                    final int start = i;
                    while (i < n && " \t\r\n{},;\"#".indexOf(text.charAt(i)) < 0) {
                        i++;
                        col++;
                    }
                    return new Token(Kind.WORD, text.substring(start, i), line, startCol);
                }
            }
            done = true;
            return new Token(Kind.EOF, "", line, col);
        }
    }
}
