package cn.lianmeng.activity.settings;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.IncomingEvent;
import cn.lianmeng.platform.events.MalformedEventException;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * activity-service's copy of an alliance's meeting frequencies, owned by org-service ({@code PUT
 * /api/org/alliance-settings/meetings}) and fed by {@code MeetingSettingsChanged} on {@value #TOPIC}. One document per
 * alliance ({@code _id} = alliance id) written by a version-guarded upsert, so redelivered and overtaken events change
 * nothing. No document means org's implicit defaults ({@link MeetingRules#DEFAULTS}, version 0).
 */
@Component
public class MeetingSettingsReadModel {

    public static final String TOPIC = "org.meeting-settings.v1";
    public static final String CHANGED = "MeetingSettingsChanged";
    /** Where the frequencies are changed (org-service, through the gateway). */
    public static final String OWNER_ENDPOINT = "/api/org/alliance-settings/meetings";

    private final ScopedCollection settings;

    public MeetingSettingsReadModel(MongoAccess mongo) {
        this.settings = mongo.collection("meeting_settings", ScopeRule.allianceOwned());
    }

    /** The alliance's rules (the defaults until org-service publishes a change). */
    public Mono<MeetingRules> get(String allianceId) {
        return settings.findById(Scope.system(allianceId, null), allianceId).map(MeetingRules::of).defaultIfEmpty(MeetingRules.DEFAULTS);
    }

    /** Applies one event of {@value #TOPIC}; answers the alliance whose copy changed, empty when nothing changed. */
    public Mono<String> apply(IncomingEvent e) {
        if (!CHANGED.equals(e.type())) {
            return Mono.empty();
        }
        String allianceId = e.text("allianceId");
        long version = e.number("version");
        JsonNode meetings = e.data().get("meetings");
        if (meetings == null || !meetings.isArray()) {
            throw new MalformedEventException("event " + e.id() + " (" + e.type() + ") lacks 'meetings'", null);
        }
        List<MeetingRule> rules = new ArrayList<>();
        for (JsonNode m : meetings) {
            ActivityType type = ActivityType.parse(text(m, "type")).filter(MeetingRules.TYPES::contains).orElse(null);
            Frequency frequency = Frequency.parse(text(m, "frequency")).orElse(null);
            if (type == null || frequency == null) {
                continue; // a type or frequency this version does not know: ignored, the rest still applies
            }
            Set<String> kinds = new HashSet<>();
            JsonNode k = m.get("kinds");
            if (k != null && k.isArray()) {
                k.forEach(n -> kinds.add(n.asString()));
            }
            JsonNode committee = m.get("committeeOnly");
            rules.add(new MeetingRule(type, frequency, kinds, committee != null && committee.asBoolean()));
        }
        JsonNode threshold = e.data().get("committeeFullMembers");
        Document fields = new Document("allianceId", allianceId)
                .append("meetings", MeetingRules.toDocuments(new MeetingRules(version, rules, 0, null).rules()))
                .append("committeeFullMembers", threshold != null && threshold.isNumber() ? threshold.asInt() : MeetingRules.COMMITTEE_FULL_MEMBERS)
                .append("updatedAt", date(e.optionalText("updatedAt")))
                .append("eventId", e.id());
        return settings.upsertIfNewer(Scope.system(allianceId, null), allianceId, version, fields)
                .flatMap(changed -> changed ? Mono.just(allianceId) : Mono.empty());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Date date(String iso) {
        try {
            return iso == null ? null : Date.from(Instant.parse(iso));
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
