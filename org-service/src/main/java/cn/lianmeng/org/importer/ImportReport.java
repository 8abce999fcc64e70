package cn.lianmeng.org.importer;

import java.util.List;

/**
 * The answer of an import: how many rows were imported and rejected, and every problem per row (row, column,
 * message). {@code jobId} names the import job whose progress was visible while it ran.
 */
public record ImportReport(int imported, int rejected, List<ImportError> errors, String jobId, int total) {
}
