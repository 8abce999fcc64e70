package cn.lianmeng.content.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Character n-grams for Chinese search without a word segmenter (MongoDB's {@code $text} does not segment Chinese and
 * is not available everywhere). Text is normalised (NFKC, lower case) and cut into runs of letters and digits (Han
 * characters are letters); every run contributes its single characters and its character bigrams. A query's runs give
 * the tokens a match must contain ({@code $all}): bigrams, or the single character of a one-character run.
 * Matches are then verified on the real text, because n-gram containment is necessary, not sufficient.
 */
public final class Bigrams {

    /** A query contributes at most this many tokens (long queries are cut; the verification still checks all of it). */
    public static final int MAX_QUERY_TOKENS = 16;

    private Bigrams() {
    }

    public static String normalise(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Maximal runs of letters/digits of the normalised text, as code-point arrays. */
    public static List<int[]> runs(String text) {
        List<int[]> runs = new ArrayList<>();
        int[] cps = normalise(text).codePoints().toArray();
        int start = -1;
        for (int i = 0; i <= cps.length; i++) {
            boolean word = i < cps.length && Character.isLetterOrDigit(cps[i]);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                int[] run = new int[i - start];
                System.arraycopy(cps, start, run, 0, run.length);
                runs.add(run);
                start = -1;
            }
        }
        return runs;
    }

    /** The tokens to index for the given texts: every single character and every bigram of every run, deduplicated. */
    public static List<String> index(Collection<String> texts) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String text : texts) {
            for (int[] run : runs(text)) {
                for (int i = 0; i < run.length; i++) {
                    tokens.add(new String(run, i, 1));
                    if (i + 1 < run.length) {
                        tokens.add(new String(run, i, 2));
                    }
                }
            }
        }
        return List.copyOf(tokens);
    }

    /** The tokens a document must contain to match the query; empty when the query has no letters or digits. */
    public static List<String> query(String query) {
        Set<String> tokens = new LinkedHashSet<>();
        for (int[] run : runs(query)) {
            if (run.length == 1) {
                tokens.add(new String(run, 0, 1));
            }
            for (int i = 0; i + 1 < run.length; i++) {
                tokens.add(new String(run, i, 2));
            }
        }
        return tokens.stream().limit(MAX_QUERY_TOKENS).toList();
    }

    /** The query's runs as normalised strings: each must occur in the matched text. */
    public static List<String> terms(String query) {
        return runs(query).stream().map(r -> new String(r, 0, r.length)).distinct().toList();
    }
}
