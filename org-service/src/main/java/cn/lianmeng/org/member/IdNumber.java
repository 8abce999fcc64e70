package cn.lianmeng.org.member;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * 公民身份号码 (GB 11643-1999): 6-digit administrative region, 8-digit birth date (yyyyMMdd), 3-digit sequence (odd
 * for men, even for women) and a check character by ISO 7064 MOD 11-2 over the first 17 digits ({@code X} = 10).
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    /** Province-level codes of GB/T 2260, plus 71 (Taiwan) and 81–83 (residence permits of HK, Macao, Taiwan residents). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
            "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private IdNumber() {
    }

    /** Trims and upper-cases ({@code x} → {@code X}). */
    public static String normalise(String id) {
        return id == null ? null : id.strip().toUpperCase();
    }

    /** Empty when valid on {@code today}, else the reason in Chinese. */
    public static Optional<String> problem(String id, LocalDate today) {
        if (id == null || id.isBlank()) {
            return Optional.of("不能为空");
        }
        String s = normalise(id);
        if (s.length() != 18) {
            return Optional.of("应为 18 位");
        }
        for (int i = 0; i < 17; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return Optional.of("前 17 位须为数字");
            }
        }
        char last = s.charAt(17);
        if ((last < '0' || last > '9') && last != 'X') {
            return Optional.of("末位须为数字或 X");
        }
        if (!PROVINCES.contains(s.substring(0, 2))) {
            return Optional.of("行政区划代码无效");
        }
        LocalDate birth = parseBirth(s);
        if (birth == null || birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            return Optional.of("其中的出生日期无效");
        }
        if (last != checkCharacter(s.substring(0, 17))) {
            return Optional.of("校验位不正确");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** A valid number from its first 17 digits (demo data and tests). */
    public static String withCheck(String first17) {
        return first17 + checkCharacter(first17);
    }

    /** The birth date inside a valid number. */
    public static LocalDate birthDate(String validId) {
        LocalDate birth = parseBirth(normalise(validId));
        if (birth == null) {
            throw new IllegalArgumentException("not a valid ID number");
        }
        return birth;
    }

    /** The sex the number encodes: the 17th digit is odd for men, even for women. */
    public static Gender gender(String validId) {
        return (normalise(validId).charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    private static LocalDate parseBirth(String s) {
        try {
            return LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
