package cn.lianmeng.content.search;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Verifies and highlights matches: finds each query term in the text (after the same normalisation the index uses)
 * and answers the text HTML-escaped with {@code <em>…</em>} around the matched parts — the only markup in the answer.
 */
public final class Highlighter {

    private Highlighter() {
    }

    /** Whether every term occurs in at least one of the texts. */
    public static boolean matchesAll(List<String> terms, List<String> texts) {
        for (String term : terms) {
            boolean found = false;
            for (String text : texts) {
                if (text != null && fold(text).folded().contains(term)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The text escaped for HTML with every occurrence of any term wrapped in {@code <em>}; null stays null. */
    public static String highlight(String text, List<String> terms) {
        if (text == null) {
            return null;
        }
        Folded f = fold(text);
        boolean[] marked = new boolean[text.length()];
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            int from = 0;
            int at;
            while ((at = f.folded().indexOf(term, from)) >= 0) {
                int start = f.origin()[at];
                int end = f.origin()[at + term.length() - 1] + f.width()[at + term.length() - 1];
                for (int i = start; i < end; i++) {
                    marked[i] = true;
                }
                from = at + 1;
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (marked[i] && !open) {
                out.append("<em>");
                open = true;
            } else if (!marked[i] && open) {
                out.append("</em>");
                open = false;
            }
            escape(text.charAt(i), out);
        }
        if (open) {
            out.append("</em>");
        }
        return out.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
        }
    }

    /**
     * The text folded char by char (NFKC, lower case) with, for every folded char, the index and width of the original
     * char it came from — so matches found in the folded text map back to the original for highlighting.
     */
    record Folded(String folded, int[] origin, int[] width) {
    }

    static Folded fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 4 + 4];
        int[] width = new int[text.length() * 4 + 4];
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int w = Character.charCount(cp);
            String f = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            for (int k = 0; k < f.length(); k++) {
                int pos = folded.length();
                if (pos >= origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                    width = java.util.Arrays.copyOf(width, width.length * 2);
                }
                origin[pos] = i;
                width[pos] = w;
                folded.append(f.charAt(k));
            }
            i += w;
        }
        return new Folded(folded.toString(), origin, width);
    }
}
