package cn.lianmeng.content.comment;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The forbidden-word check applied to a comment before anything is stored or shown. Text and words are compared
 * after folding (NFKC, lower case) with whitespace, punctuation and symbols removed, so "违 禁-词" still matches "违禁词".
 */
public final class ForbiddenWords {

    private ForbiddenWords() {
    }

    static String fold(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The first forbidden word the text contains, if any. */
    public static Optional<String> find(String text, Collection<String> words) {
        String folded = fold(text);
        return words.stream().filter(w -> w != null && !fold(w).isEmpty() && folded.contains(fold(w))).findFirst();
    }
}
