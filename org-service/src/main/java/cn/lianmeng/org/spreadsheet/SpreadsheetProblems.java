package cn.lianmeng.org.spreadsheet;

import java.util.List;

import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.ProblemWebExceptionHandler;
import org.springframework.http.HttpStatus;

/** The answers for an upload that cannot be read as a whole (RFC 9457 problems naming the {@code file} field). */
public final class SpreadsheetProblems {

    /** The multipart field uploads use. */
    public static final String FIELD = "file";

    private SpreadsheetProblems() {
    }

    /** 415: the upload is not an .xlsx workbook (whatever its name or declared type says). */
    public static ApiException notXlsx(String detail) {
        return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-spreadsheet", detail);
    }

    /** 413: the upload, its expanded content or its row count exceeds the limits. */
    public static ApiException tooLarge(String detail) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "spreadsheet-too-large", detail);
    }

    /** 400: readable, but not in the expected shape (header row) or empty. */
    public static ApiException badSheet(String detail) {
        return of(HttpStatus.BAD_REQUEST, "spreadsheet-invalid", detail);
    }

    public static ApiException fileMissing() {
        return ApiException.badRequest(FIELD, "请以 multipart/form-data 上传 .xlsx 文件，字段名为 file");
    }

    private static ApiException of(HttpStatus status, String code, String detail) {
        return new ApiException(status, code, ProblemWebExceptionHandler.title(status), detail, List.of(new FieldProblem(FIELD, detail)));
    }
}
