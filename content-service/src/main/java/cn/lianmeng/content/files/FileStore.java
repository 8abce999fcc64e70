package cn.lianmeng.content.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import cn.lianmeng.content.config.ContentProperties;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedFiles;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Images, PDFs and videos in GridFS (bucket {@code files}) through the platform's {@link ScopedFiles}. Uploads are
 * streamed: the first bytes decide the type (sniffed, never trusted from the name), the kind's size limit is enforced
 * on the declared length and again while the bytes flow (413, and whatever was written is removed), and nothing is
 * stored for a refused file.
 */
@Component
public class FileStore {

    public static final Pattern ID = Pattern.compile("^[a-f0-9]{24}$");
    private static final Set<Role> UPLOADERS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN);

    private final ScopedFiles files;
    private final ContentProperties.Files limits;
    private final AuditLog audit;

    public FileStore(MongoAccess mongo, ContentProperties properties, AuditLog audit) {
        this.files = mongo.files("files");
        this.limits = properties.getFiles();
        this.audit = audit;
    }

    /** A stored file as the API shows it. */
    public record FileView(String id, String filename, String mediaType, FileKind kind, String kindLabel, long size, Date uploadedAt) {

        static FileView of(ScopedFiles.StoredFile f) {
            Document m = f.metadata();
            FileKind kind = FileKind.valueOf(m.getString("kind"));
            return new FileView(f.id(), f.filename(), m.getString("mediaType"), kind, kind.label(), f.length(), f.uploadDate());
        }
    }

    public long limit(FileKind kind) {
        return switch (kind) {
            case IMAGE -> limits.getMaxImage().toBytes();
            case DOCUMENT -> limits.getMaxDocument().toBytes();
            case VIDEO -> limits.getMaxVideo().toBytes();
        };
    }

    private long largestLimit() {
        return Math.max(limit(FileKind.VIDEO), Math.max(limit(FileKind.IMAGE), limit(FileKind.DOCUMENT)));
    }

    /** Stores an upload of an author (alliance, enterprise or organisation admin) within their scope. */
    public Mono<FileView> upload(Caller caller, String filename, String declaredType, long declaredLength, Flux<DataBuffer> body) {
        if (!caller.hasAny(UPLOADERS)) {
            return Mono.error(ApiException.forbidden("仅管理员可上传文件"));
        }
        String name = cleanName(filename);
        if (declaredLength > largestLimit()) {
            return Mono.error(tooLarge(largestLimit(), null));
        }
        String id = new ObjectId().toHexString();
        AtomicInteger seen = new AtomicInteger();
        Flux<byte[]> chunks = body.map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .filter(b -> b.length > 0)
                // the first element gathers at least Sniffer.HEAD bytes, so the type can be decided on it
                .bufferUntil(b -> seen.addAndGet(b.length) >= Sniffer.HEAD)
                .map(FileStore::concat);
        return chunks.switchOnFirst((first, all) -> {
                    if (!first.hasValue()) {
                        return first.hasError() ? Mono.error(first.getThrowable())
                                : Mono.error(ApiException.badRequest("file", "文件为空"));
                    }
                    byte[] head = first.get();
                    Sniffer.Detected detected = Sniffer.detect(head).orElse(null);
                    if (detected == null) {
                        return Mono.error(unsupported("无法识别的文件类型：仅接受 JPEG、PNG、GIF、WebP 图片，PDF 文档，MP4、WebM 视频"));
                    }
                    if (Sniffer.mislabelled(detected, name, declaredType)) {
                        return Mono.error(unsupported("文件名或声明的类型与文件内容（" + detected.mediaType() + "）不符"));
                    }
                    long max = limit(detected.kind());
                    if (declaredLength > max) {
                        return Mono.error(tooLarge(max, detected.kind()));
                    }
                    AtomicLong total = new AtomicLong();
                    Flux<ByteBuffer> limited = all.handle((bytes, sink) -> {
                        if (total.addAndGet(bytes.length) > max) {
                            sink.error(tooLarge(max, detected.kind()));
                        } else {
                            sink.next(ByteBuffer.wrap(bytes));
                        }
                    });
                    Document metadata = new Document("allianceId", caller.allianceId())
                            .append("tenantId", caller.has(Role.ALLIANCE_ADMIN) ? null : caller.tenantId())
                            .append("kind", detected.kind().name())
                            .append("mediaType", detected.mediaType())
                            .append("uploadedBy", caller.accountId());
                    String storedName = name == null ? id + "." + detected.extension() : name;
                    return files.upload(Scope.of(caller), id, storedName, metadata, limited, (int) limits.getChunkSize().toBytes());
                })
                .next()
                .map(FileView::of)
                .flatMap(v -> audit.record(caller, "FILE_UPLOADED", "file", v.id(), caller.tenantId(), AuditLog.Result.SUCCESS,
                        Map.of("filename", v.filename(), "mediaType", v.mediaType(), "size", v.size())).thenReturn(v));
    }

    /** Metadata of a file within the scope. */
    public Mono<ScopedFiles.StoredFile> find(Scope scope, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Mono.empty();
        }
        return files.find(scope, id);
    }

    public Mono<FileView> view(Scope scope, String id) {
        return find(scope, id).map(FileView::of);
    }

    /** The ids among {@code ids} that are not files within the scope (for validating references). */
    public Mono<List<String>> unknown(Scope scope, Collection<String> ids) {
        return Flux.fromIterable(ids).distinct()
                .filterWhen(id -> find(scope, id).hasElement().map(found -> !found))
                .collectList();
    }

    /** Bytes {@code start..end} (inclusive) of a file found with {@link #find}. */
    public Flux<ByteBuffer> read(ScopedFiles.StoredFile file, long start, long end) {
        return files.read(file, start, end);
    }

    /** Number of stored files within the scope (tests prove refused uploads store nothing). */
    public Mono<Long> count(Scope scope) {
        return files.count(scope, Filters.exists("_id"));
    }

    static String cleanName(String filename) {
        if (filename == null || filename.isBlank()) {
            return null;
        }
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
        if (base.isEmpty()) {
            return null;
        }
        return base.length() > 100 ? base.substring(base.length() - 100) : base;
    }

    private static byte[] concat(List<byte[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static ApiException unsupported(String detail) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "文件类型不受支持", detail,
                List.of(new FieldProblem("file", detail)));
    }

    static ApiException tooLarge(long max, FileKind kind) {
        String what = kind == null ? "文件" : kind.label();
        String size = max >= 1024 * 1024 && max % (1024 * 1024) == 0 ? max / (1024 * 1024) + " MiB"
                : max >= 1024 && max % 1024 == 0 ? max / 1024 + " KiB" : max + " 字节";
        String detail = what + "不能超过 " + size;
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "请求体超过允许的大小", detail,
                List.of(new FieldProblem("file", detail)));
    }
}
