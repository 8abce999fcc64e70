package cn.lianmeng.platform.web;

import java.util.List;

/** One page of a listing. */
public record PageResult<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <T> PageResult<T> of(List<T> content, PageQuery query, long total) {
        return new PageResult<>(content, query.page(), query.size(), total, (int) ((total + query.size() - 1) / query.size()));
    }
}
