package cn.lianmeng.content.item;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of content (DESIGN §1). */
public enum ContentKind {
    NEWS("党建动态"),
    NOTICE("通知公告"),
    DISCLOSURE("党务公开"),
    ARTICLE("文章"),
    COURSE("课程");

    private final String label;

    ContentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ContentKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(v) || k.label.equals(v)).findFirst();
    }
}
