package cn.lianmeng.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;

/**
 * Validated paging and sorting (DESIGN §5): {@code page} from 0, {@code size} 1..100, {@code sort} as
 * {@code field[,asc|desc]} with the field taken from an allow-list only.
 */
public record PageQuery(int page, int size, String sortField, boolean ascending) {

    public static final int MAX_SIZE = 100;

    public static PageQuery of(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        List<FieldProblem> errors = new ArrayList<>();
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            errors.add(new FieldProblem("page", "页码不能小于 0"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new FieldProblem("size", "每页条数须在 1 到 " + MAX_SIZE + " 之间"));
        }
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = spec.split(",", 2);
        String field = parts[0].trim();
        boolean asc = parts.length < 2 || !"desc".equalsIgnoreCase(parts[1].trim());
        if (parts.length == 2 && !"asc".equalsIgnoreCase(parts[1].trim()) && !"desc".equalsIgnoreCase(parts[1].trim())) {
            errors.add(new FieldProblem("sort", "排序方向只能是 asc 或 desc"));
        }
        if (!sortable.contains(field)) {
            errors.add(new FieldProblem("sort", "不支持按该字段排序，可选：" + String.join("、", sortable.stream().sorted().toList())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new PageQuery(p, s, field, asc);
    }

    public long skip() {
        return (long) page * size;
    }

    /** The sort as a MongoDB sort document, with {@code _id} as a tie-breaker so pages are stable. */
    public Bson mongoSort() {
        return ascending ? Sorts.ascending(sortField, "_id") : Sorts.orderBy(Sorts.descending(sortField), Sorts.ascending("_id"));
    }
}
