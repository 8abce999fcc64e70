package cn.lianmeng.org.enterprise;

import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z); the last is a
 * check character over the first 17 with weights 3^i mod 31.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Upper-cases and trims user input. */
    public static String normalise(String code) {
        return code == null ? null : code.strip().toUpperCase();
    }

    /** Empty when valid, else the reason in Chinese. */
    public static Optional<String> problem(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of("不能为空");
        }
        String c = normalise(code);
        if (c.length() != 18) {
            return Optional.of("应为 18 位");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(c.charAt(i)) < 0) {
                return Optional.of("第 " + (i + 1) + " 位字符“" + c.charAt(i) + "”不合法");
            }
        }
        if (c.charAt(17) != checkCharacter(c.substring(0, 17))) {
            return Optional.of("校验位不正确");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** A valid code from a 17-character body (for demo data and tests). */
    public static String withCheck(String first17) {
        return first17 + checkCharacter(first17);
    }
}
