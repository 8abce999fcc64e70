package cn.lianmeng.org.dormancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How an ActivityHeld body becomes per-organisation participation and meeting validity (the quorum rule). */
class ParticipationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Document> of(String json, String type) {
        return DormancyConsumer.participation(JSON.readTree(json), type);
    }

    @Test
    void aBranchAssemblyCountsOnlyForOrganisationsWhoseQuorumWasMet() {
        List<Document> orgs = of("""
                {"organisations": [
                  {"orgId": "a", "present": 5, "late": 1, "fullMembers": 9, "fullPresent": 6, "quorumMet": true},
                  {"orgId": "b", "present": 3, "late": 0, "fullMembers": 9, "fullPresent": 3, "quorumMet": false},
                  {"orgId": "c", "present": 5, "fullMembers": 10, "fullPresent": 5},
                  {"orgId": "d", "present": 6, "fullMembers": 10, "fullPresent": 6},
                  {"orgId": "e", "present": 4}
                ]}""", "BRANCH_ASSEMBLY");
        assertThat(orgs).extracting(d -> d.getString("orgId") + ":" + d.getBoolean("participated") + ":" + d.getBoolean("valid"))
                .containsExactly("a:true:true", "b:true:false", "c:true:false", "d:true:true", "e:true:false");
    }

    @Test
    void otherMeetingsNeedNoQuorumButSomeoneMustHaveCome() {
        List<Document> orgs = of("""
                {"organisations": [
                  {"orgId": "a", "present": 2, "late": 0, "quorumMet": false},
                  {"orgId": "b", "present": 0, "late": 1},
                  {"orgId": "c", "present": 0, "late": 0, "onLeave": 3, "absent": 4},
                  {"orgId": "d"},
                  {"orgId": "d", "present": 9},
                  {"present": 3}
                ]}""", "THEME_DAY");
        assertThat(orgs).extracting(d -> d.getString("orgId") + ":" + d.getBoolean("participated") + ":" + d.getBoolean("valid"))
                .containsExactly("a:true:true", "b:true:true", "c:false:false", "d:true:true");
    }

    @Test
    void withoutOrganisationsTheHostTookPart() {
        List<Document> orgs = of("""
                {"hostOrgId": "h", "participatingOrgIds": ["p", "h"]}""", "PARTY_LESSON");
        assertThat(orgs).extracting(d -> d.getString("orgId") + ":" + d.getBoolean("valid")).containsExactly("h:true", "p:true");
        assertThat(of("""
                {"hostOrgId": "h"}""", "BRANCH_ASSEMBLY")).extracting(d -> d.getBoolean("valid")).containsExactly(false);
    }
}
