package cn.lianmeng.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PageQueryTest {

    private static final Set<String> SORTABLE = Set.of("name", "createdAt");

    @Test
    void defaultsToFirstPageOfTwentySortedByTheDefault() {
        PageQuery q = PageQuery.of(null, null, null, SORTABLE, "name");
        assertThat(q.page()).isZero();
        assertThat(q.size()).isEqualTo(20);
        assertThat(q.sortField()).isEqualTo("name");
        assertThat(q.ascending()).isTrue();
        assertThat(q.skip()).isZero();
    }

    @Test
    void parsesDirectionAndComputesSkip() {
        PageQuery q = PageQuery.of(3, 50, "createdAt,desc", SORTABLE, "name");
        assertThat(q.ascending()).isFalse();
        assertThat(q.skip()).isEqualTo(150);
    }

    @Test
    void rejectsSizeAboveHundredAndNegativePageNamingTheFields() {
        assertThatThrownBy(() -> PageQuery.of(-1, 101, null, SORTABLE, "name"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("page", "size"));
    }

    @Test
    void rejectsSortFieldsOutsideTheAllowList() {
        assertThatThrownBy(() -> PageQuery.of(0, 10, "$where", SORTABLE, "name"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("sort"));
        assertThatThrownBy(() -> PageQuery.of(0, 10, "name,sideways", SORTABLE, "name")).isInstanceOf(ApiException.class);
    }

    @Test
    void pageResultCountsPages() {
        PageResult<String> r = PageResult.of(java.util.List.of("a"), PageQuery.of(0, 10, null, SORTABLE, "name"), 21);
        assertThat(r.totalPages()).isEqualTo(3);
    }
}
