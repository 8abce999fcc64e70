package cn.lianmeng.org.spreadsheet;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An uploaded spreadsheet taken from a {@code multipart/form-data} request's {@code file} part, at most
 * {@link SpreadsheetLimits#maxBytes()} bytes. Read it only after the caller's role was checked, so a forbidden
 * caller is answered 403 without the upload being read.
 *
 * @param fileName as the client named it (for job records and messages only; the content decides the format)
 */
public record SpreadsheetUpload(String fileName, byte[] content) {

    /** Multipart framing around the file (boundaries, part headers) allowed on top of the file limit. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /**
     * The {@code file} part of the request. 415 unless the request is multipart, 400 without a {@code file} part,
     * 413 when the declared length or the part exceeds the limit (nothing is kept then).
     */
    public static Mono<SpreadsheetUpload> from(ServerWebExchange exchange, SpreadsheetLimits limits) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return Mono.error(SpreadsheetProblems.notXlsx("请以 multipart/form-data 上传 .xlsx 文件，字段名为 file"));
        }
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limits.maxBytes() + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge(limits));
        }
        return exchange.getMultipartData()
                .onErrorMap(e -> causedBy(e, DataBufferLimitException.class), e -> tooLarge(limits))
                .flatMap(parts -> {
                    Part part = parts.getFirst(SpreadsheetProblems.FIELD);
                    if (part == null) {
                        return Mono.error(SpreadsheetProblems.fileMissing());
                    }
                    String name = part instanceof FilePart file ? file.filename() : null;
                    return DataBufferUtils.join(part.content(), (int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                            .map(buffer -> {
                                byte[] bytes = new byte[buffer.readableByteCount()];
                                buffer.read(bytes);
                                DataBufferUtils.release(buffer);
                                return new SpreadsheetUpload(name, bytes);
                            })
                            .switchIfEmpty(Mono.error(() -> SpreadsheetProblems.badSheet("上传的文件是空的")))
                            .onErrorMap(e -> causedBy(e, DataBufferLimitException.class), e -> tooLarge(limits));
                });
    }

    private static RuntimeException tooLarge(SpreadsheetLimits limits) {
        return SpreadsheetProblems.tooLarge("文件超过 " + limits.describeBytes() + "，未导入任何数据；请拆分后分批导入");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
