package cn.lianmeng.org.dormancy;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;

/**
 * The dormancy package's collections, all tenant-owned ({@code allianceId}, {@code tenantId}, and {@code parkId} /
 * {@code buildingId} of the enterprise where known, so district staff see their patch), and their indexes.
 * <ul>
 *   <li>{@value #ORGS}: one document per organisation — the read model kept from {@code org.organisation.v1}, its
 *       assessment (level, reasons) and the outbox of {@code org.warning.v1};</li>
 *   <li>{@value #MEMBERS}: members from {@code org.member.v1} with their member-level assessment;</li>
 *   <li>{@value #ENTERPRISES}: enterprises from {@code org.enterprise.v1} (location, status) and their last activity;</li>
 *   <li>{@value #ACTIVITIES}: one fact per activity from {@code activity.activity.v1} (held or not, when, which
 *       organisations took part and whether it counts as their required meeting);</li>
 *   <li>{@value #ATTENDANCE}: one fact per member and activity from {@code activity.attendance.v1};</li>
 *   <li>{@value #SETTINGS}: meeting frequencies per alliance (alliance-owned), with the outbox of
 *       {@code org.meeting-settings.v1}.</li>
 * </ul>
 */
@Component
public class DormancyStore {

    static final String ORGS = "dormancy_orgs";
    static final String MEMBERS = "dormancy_members";
    static final String ENTERPRISES = "dormancy_enterprises";
    static final String ACTIVITIES = "dormancy_activities";
    static final String ATTENDANCE = "dormancy_attendance";
    static final String SETTINGS = "dormancy_settings";

    final ScopedCollection orgs;
    final ScopedCollection members;
    final ScopedCollection enterprises;
    final ScopedCollection activities;
    final ScopedCollection attendance;
    final ScopedCollection settings;

    public DormancyStore(MongoAccess mongo, OutboxRelay relay) {
        orgs = mongo.collection(ORGS, ScopeRule.tenantOwned());
        members = mongo.collection(MEMBERS, ScopeRule.tenantOwned());
        enterprises = mongo.collection(ENTERPRISES, ScopeRule.tenantOwned());
        activities = mongo.collection(ACTIVITIES, ScopeRule.tenantOwned());
        attendance = mongo.collection(ATTENDANCE, ScopeRule.tenantOwned());
        settings = mongo.collection(SETTINGS, ScopeRule.allianceOwned());
        relay.register(orgs);
        relay.register(settings); // MeetingSettingsChanged (org.meeting-settings.v1)

        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "levelRank", "name"), new IndexOptions().name("alliance_tenant_level"));
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "levelRank", "name"), new IndexOptions().name("alliance_level"));
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "parkId"), new IndexOptions().name("alliance_park"));
        orgs.ensureIndexInBackground(Indexes.ascending("allianceId", "buildingId"), new IndexOptions().name("alliance_building"));
        orgs.ensureIndexInBackground(Indexes.ascending("ancestors"), new IndexOptions().name("ancestors"));

        members.ensureIndexInBackground(Indexes.ascending("allianceId", "orgId", "active", "status"), new IndexOptions().name("alliance_org"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "enterpriseId"), new IndexOptions().name("alliance_enterprise"));
        members.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId", "warned"), new IndexOptions().name("alliance_tenant_warned"));
        members.ensureIndexInBackground(Indexes.ascending("orgAncestors"), new IndexOptions().name("org_ancestors"));

        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "participantOrgIds", "heldAt"), new IndexOptions().name("alliance_participant_held"));
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "orgIds", "heldAt"), new IndexOptions().name("alliance_org_held"));
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "reachedEnterpriseIds", "heldAt"), new IndexOptions().name("alliance_reached_held"));

        attendance.ensureIndexInBackground(Indexes.ascending("allianceId", "memberId", "counts", "at"), new IndexOptions().name("alliance_member_at"));
    }
}
