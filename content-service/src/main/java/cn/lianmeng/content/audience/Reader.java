package cn.lianmeng.content.audience;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A caller as a reader of published content: their alliance, their audience keys, and — when the token's {@code mid}
 * names an active member of the read model — that member. Alliance administrators see every item of their alliance.
 *
 * <p>Published content crosses tenants (alliance news reaches every enterprise), so reads use the alliance-wide
 * {@link #scope()} and are restricted by {@link #visibility()}, the audience-key filter; the alliance always comes from
 * the verified token.
 */
public record Reader(Caller caller, String allianceId, boolean allSeeing, Set<String> keys, Document member) {

    public Scope scope() {
        return Scope.system(allianceId, null);
    }

    /** The filter on {@code audienceKeys} this reader's queries must carry. */
    public Bson visibility() {
        return allSeeing ? new Document() : Filters.in("audienceKeys", keys);
    }

    public boolean sees(Collection<String> itemKeys) {
        return allSeeing || itemKeys.stream().anyMatch(keys::contains);
    }

    public boolean isMember() {
        return member != null;
    }

    public String memberId() {
        return member == null ? null : member.getString("_id");
    }

    public String memberTenantId() {
        return member == null ? null : member.getString("tenantId");
    }

    public String memberOrgId() {
        return member == null ? null : member.getString("orgId");
    }

    public List<String> keyList() {
        return List.copyOf(keys);
    }
}
