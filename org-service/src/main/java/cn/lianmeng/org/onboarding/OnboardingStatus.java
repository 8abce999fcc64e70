package cn.lianmeng.org.onboarding;

import java.util.Arrays;
import java.util.Optional;

/** 入盟申请 status: decided once, from SUBMITTED only. */
public enum OnboardingStatus {
    SUBMITTED("待审核"),
    APPROVED("已通过"),
    REJECTED("已驳回");

    private final String label;

    OnboardingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OnboardingStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(v) || s.label.equals(v)).findFirst();
    }
}
