package cn.lianmeng.platform.testing;

import java.util.Map;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Callers;
import cn.lianmeng.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Test-only endpoint: a validated write that leaves through the outbox. */
@RestController
class ThingController {

    static final String TOPIC = "test.thing.v1";

    private final ScopedCollection things;
    private final Outbox outbox;
    private final OutboxRelay relay;

    ThingController(MongoAccess mongo, Outbox outbox, OutboxRelay relay) {
        this.things = mongo.collection("things", ScopeRule.tenantOwned());
        this.outbox = outbox;
        this.relay = relay;
        relay.register(things);
    }

    record NewThing(@NotBlank(message = "不能为空") String name, @Min(value = 1, message = "须大于 0") int count) {
    }

    @PostMapping("/api/test/things")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> create(@Valid @RequestBody NewThing body) {
        return Callers.require(Role.ENTERPRISE_ADMIN).flatMap(caller -> {
            String id = new ObjectId().toHexString();
            OutboxMessage event = outbox.message(TOPIC, "ThingCreated", id, caller.allianceId(), caller.tenantId(),
                    Map.of("thingId", id, "name", body.name(), "version", 1));
            Document doc = Outbox.withOutbox(new Document("_id", id).append("allianceId", caller.allianceId())
                    .append("tenantId", caller.tenantId()).append("name", body.name()).append("count", body.count()), event);
            return things.insert(Scope.of(caller), doc)
                    .doOnSuccess(d -> relay.relaySoon(things, id))
                    .thenReturn(Map.<String, Object>of("id", id));
        });
    }
}
