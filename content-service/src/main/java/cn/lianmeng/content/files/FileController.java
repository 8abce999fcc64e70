package cn.lianmeng.content.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import cn.lianmeng.content.audience.Reader;
import cn.lianmeng.content.audience.Readers;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ContentStatus;
import cn.lianmeng.platform.data.ScopedFiles;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Upload (raw request body, type sniffed) and streamed download with HTTP range requests. A file is served to the
 * managers of its owner (the uploading tenant, or the alliance) and to the audience of any published item that
 * references it (cover, attachment, body image, lesson video or attachment); to everyone else it does not exist (404).
 */
@RestController
@RequestMapping("/api/content/files")
@Tag(name = "文件", description = "图片、PDF 与视频（GridFS）；按文件内容识别类型；支持断点与拖动播放（Range 请求）")
public class FileController {

    private final FileStore files;
    private final Readers readers;
    private final ContentItems items;

    public FileController(FileStore files, Readers readers, ContentItems items) {
        this.files = files;
        this.readers = readers;
        this.items = items;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "上传文件（请求体即文件内容，name 为原文件名）；类型由文件头识别，图片与文档不超过 20 MiB，视频不超过 500 MiB", responses = {
            @ApiResponse(responseCode = "201", description = "已保存"),
            @ApiResponse(responseCode = "400", description = "文件为空"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "403", description = "仅管理员可上传"),
            @ApiResponse(responseCode = "413", description = "超过该类文件的大小上限"),
            @ApiResponse(responseCode = "415", description = "不支持的类型，或文件名/声明类型与内容不符")})
    public Mono<FileStore.FileView> upload(@Parameter(description = "原文件名，如 党课.mp4") @RequestParam(required = false) String name,
                                           ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        long length = request.getHeaders().getContentLength();
        return Callers.current().flatMap(c -> files.upload(c, name, type == null ? null : type.toString(), length, request.getBody()));
    }

    @GetMapping("/{id}/info")
    @Operation(summary = "文件信息", responses = {
            @ApiResponse(responseCode = "200", description = "文件信息"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或无权查看")})
    public Mono<FileStore.FileView> info(@PathVariable String id) {
        return Callers.current().flatMap(c -> accessible(c, id)).map(f -> new FileStore.FileView(f.id(), f.filename(),
                f.metadata().getString("mediaType"), FileKind.valueOf(f.metadata().getString("kind")),
                FileKind.valueOf(f.metadata().getString("kind")).label(), f.length(), f.uploadDate()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "下载或在线播放：支持 Range（206、Content-Range），范围无效时 416", responses = {
            @ApiResponse(responseCode = "200", description = "整个文件"),
            @ApiResponse(responseCode = "206", description = "所请求的字节范围"),
            @ApiResponse(responseCode = "401", description = "未登录"),
            @ApiResponse(responseCode = "404", description = "不存在或无权查看"),
            @ApiResponse(responseCode = "416", description = "请求的范围无法满足")})
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String id,
                                                           @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
                                                           @RequestHeader(value = HttpHeaders.IF_RANGE, required = false) String ifRange) {
        return Callers.current().flatMap(c -> accessible(c, id)).map(f -> {
            String etag = "\"" + f.id() + "\"";
            ByteRange r = ifRange != null && !ifRange.strip().equals(etag) ? new ByteRange.Whole() : ByteRange.parse(range, f.length());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
            headers.setETag(etag);
            headers.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline; filename*=UTF-8''"
                    + URLEncoder.encode(f.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
            MediaType type = MediaType.parseMediaType(f.metadata().getString("mediaType"));
            if (r instanceof ByteRange.Unsatisfiable) {
                headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + f.length());
                return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).headers(headers).<Flux<DataBuffer>>body(Flux.empty());
            }
            headers.setContentType(type);
            if (r instanceof ByteRange.Part part) {
                headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + part.start() + "-" + part.end() + "/" + f.length());
                headers.setContentLength(part.length());
                return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).headers(headers).body(bytes(f, part.start(), part.end()));
            }
            headers.setContentLength(f.length());
            return ResponseEntity.ok().headers(headers).body(bytes(f, 0, f.length() - 1));
        });
    }

    private Flux<DataBuffer> bytes(ScopedFiles.StoredFile f, long start, long end) {
        return files.read(f, start, end).map(DefaultDataBufferFactory.sharedInstance::wrap);
    }

    /** The file, if the caller manages its owner or is in the audience of a published item referencing it; else 404. */
    private Mono<ScopedFiles.StoredFile> accessible(Caller caller, String id) {
        return readers.of(caller).flatMap(reader -> files.find(reader.scope(), id)
                        .filterWhen(f -> managesOwner(caller, f) ? Mono.just(true) : referencedForReader(reader, id)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("文件")));
    }

    private static boolean managesOwner(Caller caller, ScopedFiles.StoredFile f) {
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            return true;
        }
        String tenant = f.metadata().getString("tenantId");
        return caller.hasAny(Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN) && tenant != null && tenant.equals(caller.tenantId());
    }

    private Mono<Boolean> referencedForReader(Reader reader, String id) {
        return items.collection().find(reader.scope(), Filters.and(Filters.eq("fileIds", id),
                        Filters.in("status", List.of(ContentStatus.PUBLISHED.name(), ContentStatus.ARCHIVED.name())), reader.visibility()),
                        new org.bson.Document("_id", 1), null, 0, 1)
                .hasElements();
    }
}
