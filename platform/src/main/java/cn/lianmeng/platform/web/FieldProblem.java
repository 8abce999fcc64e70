package cn.lianmeng.platform.web;

/** One field-level problem inside a problem-details answer: {@code errors[]}. */
public record FieldProblem(String field, String message) {
}
