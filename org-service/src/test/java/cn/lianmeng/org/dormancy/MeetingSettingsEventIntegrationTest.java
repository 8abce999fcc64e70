package cn.lianmeng.org.dormancy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.KafkaRecords;
import cn.lianmeng.org.OrgIntegrationTest;
import cn.lianmeng.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * org-service owns the alliance's meeting frequencies: every accepted change publishes {@code MeetingSettingsChanged}
 * (the complete rule list and the version) on {@code org.meeting-settings.v1}, keyed by the alliance; refused changes
 * publish nothing.
 */
@OrgIntegrationTest
class MeetingSettingsEventIntegrationTest {

    private static final String URI = "/api/org/alliance-settings/meetings";

    @Autowired
    WebTestClient web;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;

    @Test
    void everyChangeIsPublishedWithItsVersion() {
        String alliance = "al-" + Long.toString(System.nanoTime(), 36);
        String admin = TestTokens.allianceAdmin(alliance);
        Api.put(web, admin, URI, Map.of("version", 0, "meetings",
                List.of(Map.of("type", "THEME_DAY", "frequency", "QUARTERLY", "kinds", List.of("BRANCH", "JOINT_BRANCH"))))).expectStatus().isOk();
        Api.put(web, admin, URI, Map.of("version", 0, "meetings",
                List.of(Map.of("type", "THEME_DAY", "frequency", "MONTHLY", "kinds", List.of("BRANCH"))))).expectStatus().isEqualTo(409);
        Api.put(web, admin, URI, Map.of("version", 1, "meetings", List.of(Map.of("type", "GROUP_MEETING", "frequency", "NONE",
                "kinds", List.of()), Map.of("type", "BRANCH_COMMITTEE", "frequency", "MONTHLY", "kinds", List.of("BRANCH", "COMMITTEE"),
                "committeeOnly", true)))).expectStatus().isOk();

        List<ConsumerRecord<String, byte[]>> records = records(alliance, 2);
        assertThat(records).hasSize(2);
        ConsumerRecord<String, byte[]> first = records.get(0);
        assertThat(header(first, "ce_type")).isEqualTo("MeetingSettingsChanged");
        assertThat(header(first, "allianceid")).isEqualTo(alliance);
        JsonNode v1 = json.readTree(first.value());
        assertThat(v1.get("allianceId").asString()).isEqualTo(alliance);
        assertThat(v1.get("version").asLong()).isEqualTo(1);
        assertThat(v1.get("committeeFullMembers").asInt()).isEqualTo(7);
        assertThat(v1.get("meetings")).hasSize(7);
        assertThat(rule(v1, "THEME_DAY").get("frequency").asString()).isEqualTo("QUARTERLY");
        assertThat(rule(v1, "BRANCH_ASSEMBLY").get("frequency").asString()).as("unchanged types carry their defaults").isEqualTo("QUARTERLY");
        assertThat(rule(v1, "BRANCH_COMMITTEE").get("committeeOnly").asBoolean()).isTrue();
        assertThat(rule(v1, "GROUP_MEETING").get("kinds").get(0).asString()).isEqualTo("GROUP");

        JsonNode v2 = json.readTree(records.get(1).value());
        assertThat(v2.get("version").asLong()).isEqualTo(2);
        assertThat(rule(v2, "THEME_DAY").get("frequency").asString()).as("the full list, not just the change").isEqualTo("QUARTERLY");
        assertThat(rule(v2, "GROUP_MEETING").get("frequency").asString()).isEqualTo("NONE");
        assertThat(rule(v2, "BRANCH_COMMITTEE").get("kinds").toString()).isEqualTo("[\"COMMITTEE\",\"BRANCH\"]");
    }

    private static JsonNode rule(JsonNode body, String type) {
        for (JsonNode r : body.get("meetings")) {
            if (type.equals(r.get("type").asString())) {
                return r;
            }
        }
        throw new AssertionError(type);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> records(String key, int expected) {
        return KafkaRecords.withKey(broker, MeetingSettingsService.TOPIC, key, expected);
    }
}
