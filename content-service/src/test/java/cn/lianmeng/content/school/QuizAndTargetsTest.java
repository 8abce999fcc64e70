package cn.lianmeng.content.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class QuizAndTargetsTest {

    static final Document QUIZ = new Document("passPercent", 60).append("questions", List.of(
            new Document("id", "Q1").append("type", "SINGLE").append("correct", List.of("B"))
                    .append("options", List.of(new Document("id", "A"), new Document("id", "B"), new Document("id", "C"))),
            new Document("id", "Q2").append("type", "MULTIPLE").append("correct", List.of("A", "C"))
                    .append("options", List.of(new Document("id", "A"), new Document("id", "B"), new Document("id", "C")))));

    @Test
    void scoresSingleAndMultipleChoiceExactly() {
        assertThat(QuizScoring.score(QUIZ, Map.of("Q1", List.of("B"), "Q2", List.of("C", "A"))).score()).isEqualTo(100);
        QuizScoring.Result half = QuizScoring.score(QUIZ, Map.of("Q1", List.of("B"), "Q2", List.of("A")));
        assertThat(half.score()).isEqualTo(50);
        assertThat(half.passed()).isFalse();
        assertThat(half.questions().get(1).correctOptions()).containsExactly("A", "C");
        assertThat(QuizScoring.score(QUIZ, Map.of()).score()).isZero();
        assertThat(QuizScoring.score(QUIZ, Map.of("Q2", List.of("A", "B", "C"))).score()).isZero();
    }

    @Test
    void unknownQuestionsOrOptionsAreProblems() {
        assertThat(QuizScoring.problems(QUIZ, Map.of("Q9", List.of("A")))).extracting(p -> p.field()).containsExactly("answers.Q9");
        assertThat(QuizScoring.problems(QUIZ, Map.of("Q1", List.of("Z")))).hasSize(1);
        assertThat(QuizScoring.problems(QUIZ, Map.of("Q1", List.of("A", "B")))).hasSize(1);
        assertThat(QuizScoring.problems(QUIZ, Map.of("Q2", List.of("A", "B")))).isEmpty();
    }

    @Test
    void targetsFollowDesignAndSpreadOverTheYear() {
        StudyTargets t = new StudyTargets(32, 56);
        assertThat(t.target(false)).isEqualTo(32);
        assertThat(t.target(true)).isEqualTo(56);
        assertThat(t.expectedBy(32, 2025, LocalDate.of(2026, 3, 1))).isEqualTo(32);
        assertThat(t.expectedBy(32, 2027, LocalDate.of(2026, 3, 1))).isZero();
        assertThat(t.expectedBy(32, 2026, LocalDate.of(2026, 7, 2))).isEqualTo(16.0);
    }
}
