package cn.lianmeng.org.dormancy;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;

import cn.lianmeng.platform.data.Scope;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads an alliance's meeting frequencies: the stored document ({@code _id} = alliance id), else the defaults. */
@Component
public class SettingsStore {

    private final DormancyStore store;

    public SettingsStore(DormancyStore store) {
        this.store = store;
    }

    /** The stored settings document with its version, or a version-0 document of the defaults. */
    public record Stored(MeetingSettings settings, long version, Date updatedAt, String updatedBy) {
    }

    public Mono<Stored> stored(Scope scope, String allianceId) {
        return store.settings.findById(scope, allianceId)
                .map(SettingsStore::fromDocument)
                .defaultIfEmpty(new Stored(MeetingSettings.DEFAULTS, 0, null, null));
    }

    public Mono<MeetingSettings> settings(String allianceId) {
        return stored(Scope.system(allianceId, null), allianceId).map(Stored::settings);
    }

    static Stored fromDocument(Document d) {
        List<MeetingRule> rules = new ArrayList<>();
        for (Document r : d.getList("meetings", Document.class, List.of())) {
            MeetingType type = MeetingType.parse(r.getString("type")).orElse(null);
            Frequency frequency = Frequency.parse(r.getString("frequency")).orElse(null);
            if (type != null && frequency != null) {
                rules.add(new MeetingRule(type, frequency, new HashSet<>(r.getList("kinds", String.class, List.of())),
                        Boolean.TRUE.equals(r.getBoolean("committeeOnly"))));
            }
        }
        Number version = d.get("version", Number.class);
        return new Stored(new MeetingSettings(rules), version == null ? 0 : version.longValue(), d.getDate("updatedAt"), d.getString("updatedBy"));
    }

    static List<Document> toDocuments(MeetingSettings settings) {
        return settings.rules().stream().map(r -> new Document("type", r.type().name()).append("frequency", r.frequency().name())
                .append("kinds", MeetingSettings.KINDS.stream().filter(r.kinds()::contains).toList())
                .append("committeeOnly", r.committeeOnly())).toList();
    }
}
