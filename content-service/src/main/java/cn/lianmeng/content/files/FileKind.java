package cn.lianmeng.content.files;

/** What a stored file is, decided by its first bytes (never by its name or the declared type). */
public enum FileKind {
    IMAGE("图片"),
    DOCUMENT("文档"),
    VIDEO("视频");

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
