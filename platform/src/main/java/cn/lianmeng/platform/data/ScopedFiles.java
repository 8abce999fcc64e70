package cn.lianmeng.platform.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * GridFS files through the reactive driver, with the same tenancy discipline as {@link ScopedCollection}: every file
 * carries {@code metadata.allianceId}/{@code metadata.tenantId}, uploads outside the caller's scope are refused, and
 * a file is found only within a scope. Reads are by byte range straight from the chunks (for HTTP range requests and
 * video seeking), fetched a couple of chunks at a time so memory per stream stays bounded.
 */
public final class ScopedFiles {

    private static final String META = "metadata.";

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final MongoCollection<Document> chunks;
    private final ScopeRule rule = ScopeRule.tenantOwned();

    ScopedFiles(MongoDatabase database, String bucketName) {
        this.bucket = GridFSBuckets.create(database, bucketName);
        this.files = database.getCollection(bucketName + ".files");
        this.chunks = database.getCollection(bucketName + ".chunks");
    }

    /** A stored file's description; {@code metadata} holds the tenancy keys and whatever the service stored. */
    public record StoredFile(String id, String filename, long length, int chunkSize, Date uploadDate, Document metadata) {

        static StoredFile of(Document d) {
            Object id = d.get("_id");
            Document metadata = d.get("metadata", Document.class);
            return new StoredFile(id instanceof BsonString s ? s.getValue() : String.valueOf(id), d.getString("filename"),
                    d.get("length", Number.class).longValue(), d.get("chunkSize", Number.class).intValue(),
                    d.getDate("uploadDate"), metadata == null ? new Document() : metadata);
        }
    }

    /** The scope restriction, applied to the tenancy keys inside {@code metadata}. */
    private Bson scoped(Scope scope, Bson filter) {
        List<Bson> parts = new ArrayList<>();
        switch (scope.kind()) {
            case UNRESTRICTED -> {
                return filter;
            }
            case ALLIANCE -> parts.add(Filters.eq(META + ScopeRule.ALLIANCE, scope.allianceId()));
            case STAFF -> {
                parts.add(Filters.eq(META + ScopeRule.ALLIANCE, scope.allianceId()));
                parts.add(Filters.or(Filters.in(META + ScopeRule.PARK, scope.parkIds()),
                        Filters.in(META + ScopeRule.BUILDING, scope.buildingIds())));
            }
            case TENANT -> {
                parts.add(Filters.eq(META + ScopeRule.ALLIANCE, scope.allianceId()));
                parts.add(Filters.eq(META + ScopeRule.TENANT, scope.tenantId()));
            }
            case SYSTEM -> {
                parts.add(Filters.eq(META + ScopeRule.ALLIANCE, scope.allianceId()));
                if (scope.tenantId() != null) {
                    parts.add(Filters.eq(META + ScopeRule.TENANT, scope.tenantId()));
                }
            }
        }
        parts.add(filter);
        return Filters.and(parts);
    }

    /**
     * Stores the bytes under the given id. The metadata must lie within the scope (else refused, nothing written).
     * When {@code content} fails (e.g. a size limit was passed), whatever chunks were written are removed again.
     */
    public Mono<StoredFile> upload(Scope scope, String id, String filename, Document metadata, Publisher<ByteBuffer> content,
                                   int chunkSizeBytes) {
        if (!rule.admits(scope, metadata)) {
            return Mono.error(new IllegalArgumentException("file outside " + scope + " refused"));
        }
        BsonString fileId = new BsonString(id);
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(chunkSizeBytes).metadata(metadata);
        return Mono.from(bucket.uploadFromPublisher(fileId, filename, content, options))
                .onErrorResume(e -> Mono.from(chunks.deleteMany(Filters.eq("files_id", fileId)))
                        .then(Mono.from(files.deleteOne(Filters.eq("_id", fileId))))
                        .onErrorResume(cleanup -> Mono.empty())
                        .then(Mono.error(e)))
                .then(Mono.defer(() -> Mono.from(files.find(Filters.eq("_id", fileId)).first())))
                .map(StoredFile::of);
    }

    /** The file if it exists within the scope. */
    public Mono<StoredFile> find(Scope scope, String id) {
        return Mono.from(files.find(scoped(scope, Filters.eq("_id", new BsonString(id)))).first()).map(StoredFile::of);
    }

    /** Files within the scope that match a filter on their fields (use {@code metadata.*} for stored metadata). */
    public Mono<Long> count(Scope scope, Bson filter) {
        return Mono.from(files.countDocuments(scoped(scope, filter)));
    }

    /**
     * Bytes {@code start..endInclusive} of a file found with {@link #find}; streamed chunk by chunk with back-pressure.
     */
    public Flux<ByteBuffer> read(StoredFile file, long start, long endInclusive) {
        if (file.length() == 0 || start > endInclusive) {
            return Flux.empty();
        }
        long chunkSize = file.chunkSize();
        long first = start / chunkSize;
        long last = endInclusive / chunkSize;
        return Flux.from(chunks.find(Filters.and(Filters.eq("files_id", new BsonString(file.id())),
                                Filters.gte("n", first), Filters.lte("n", last)))
                        .sort(Sorts.ascending("n")).batchSize(2))
                .index()
                .map(t -> {
                    Document chunk = t.getT2();
                    long n = chunk.get("n", Number.class).longValue();
                    if (n != first + t.getT1()) {
                        throw new IllegalStateException("file " + file.id() + " lacks chunk " + (first + t.getT1()));
                    }
                    byte[] data = chunk.get("data", Binary.class).getData();
                    long chunkStart = n * chunkSize;
                    int from = (int) Math.max(0, start - chunkStart);
                    int to = (int) Math.min(data.length, endInclusive - chunkStart + 1);
                    return ByteBuffer.wrap(data, from, to - from);
                });
    }

    /** Removes a file within the scope; answers whether one was removed. */
    public Mono<Boolean> delete(Scope scope, String id) {
        return find(scope, id).flatMap(f -> Mono.from(bucket.delete(new BsonString(id))).thenReturn(true)).defaultIfEmpty(false);
    }
}
