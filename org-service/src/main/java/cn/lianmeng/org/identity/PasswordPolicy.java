package cn.lianmeng.org.identity;

import java.util.Optional;

/** Passwords: at least 8 characters with letters, digits and a symbol; at most 64; not containing the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;

    private PasswordPolicy() {
    }

    /** Empty when acceptable, else the reason in Chinese. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("密码至少 " + MIN_LENGTH + " 位");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("密码不能超过 " + MAX_LENGTH + " 位");
        }
        boolean letter = password.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        boolean digit = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean symbol = password.chars().anyMatch(c -> c > 32 && c < 127 && !Character.isLetterOrDigit(c));
        if (!letter || !digit || !symbol) {
            return Optional.of("密码须同时包含字母、数字和符号");
        }
        if (password.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("密码不能包含空白字符");
        }
        if (username != null && !username.isBlank() && password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of("密码不能包含用户名");
        }
        return Optional.empty();
    }

    /** A random password that satisfies the policy, for provisioned accounts (changed at first login). */
    public static String generate() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String symbols = "@#%+=!";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append(letters.charAt(random.nextInt(letters.length())));
        }
        for (int i = 0; i < 3; i++) {
            sb.append(digits.charAt(random.nextInt(digits.length())));
        }
        sb.append(symbols.charAt(random.nextInt(symbols.length())));
        char[] chars = sb.toString().toCharArray();
        for (int i = chars.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = chars[i];
            chars[i] = chars[j];
            chars[j] = t;
        }
        return new String(chars);
    }
}
