package cn.lianmeng.content.school;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.platform.web.FieldProblem;
import org.bson.Document;

/**
 * Scores a quiz on the server: single-choice questions are right with exactly the right option, multiple-choice ones
 * with exactly the set of right options; unanswered questions are wrong. The score is the percentage of right answers.
 */
public final class QuizScoring {

    private QuizScoring() {
    }

    public record QuestionResult(String questionId, boolean correct, List<String> chosen, List<String> correctOptions) {
    }

    public record Result(int score, boolean passed, int passPercent, List<QuestionResult> questions) {
    }

    /** Problems with the answers' shape (unknown questions or options, several options for a single-choice question). */
    public static List<FieldProblem> problems(Document quiz, Map<String, List<String>> answers) {
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Document> byId = new java.util.HashMap<>();
        quiz.getList("questions", Document.class, List.of()).forEach(q -> byId.put(q.getString("id"), q));
        for (Map.Entry<String, List<String>> a : answers.entrySet()) {
            Document q = byId.get(a.getKey());
            if (q == null) {
                errors.add(new FieldProblem("answers." + a.getKey(), "没有这道题"));
                continue;
            }
            Set<String> options = new HashSet<>();
            q.getList("options", Document.class, List.of()).forEach(o -> options.add(o.getString("id")));
            List<String> chosen = a.getValue() == null ? List.of() : a.getValue();
            if (!options.containsAll(chosen)) {
                errors.add(new FieldProblem("answers." + a.getKey(), "没有这个选项"));
            } else if ("SINGLE".equals(q.getString("type")) && chosen.size() > 1) {
                errors.add(new FieldProblem("answers." + a.getKey(), "单选题只能选一个选项"));
            }
        }
        return errors;
    }

    public static Result score(Document quiz, Map<String, List<String>> answers) {
        List<Document> questions = quiz.getList("questions", Document.class, List.of());
        List<QuestionResult> results = new ArrayList<>();
        int right = 0;
        for (Document q : questions) {
            List<String> correct = q.getList("correct", String.class, List.of());
            List<String> chosen = answers.getOrDefault(q.getString("id"), List.of());
            chosen = chosen == null ? List.of() : chosen;
            boolean ok = !chosen.isEmpty() && new HashSet<>(chosen).equals(new HashSet<>(correct)) && chosen.size() == new HashSet<>(chosen).size();
            if (ok) {
                right++;
            }
            results.add(new QuestionResult(q.getString("id"), ok, List.copyOf(chosen), correct));
        }
        int score = questions.isEmpty() ? 0 : (int) Math.round(right * 100.0 / questions.size());
        int pass = quiz.getInteger("passPercent", 60);
        return new Result(score, score >= pass, pass, results);
    }
}
