package cn.lianmeng.org.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Role;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Accounts in MongoDB ({@code accounts}); the login lookup is the one unrestricted read, as it precedes any caller. */
@Component
public class AccountStore {

    private static final Scope LOGIN = Scope.unrestricted("login lookup and login bookkeeping");

    private final ScopedCollection accounts;

    public AccountStore(MongoAccess mongo) {
        this.accounts = mongo.collection("accounts", ScopeRule.tenantOwned());
        accounts.ensureIndexInBackground(Indexes.ascending("username"), new IndexOptions().unique(true).name("username_unique"));
        accounts.ensureIndexInBackground(Indexes.ascending("phone"), new IndexOptions().unique(true).sparse(true).name("phone_unique"));
        accounts.ensureIndexInBackground(Indexes.ascending("allianceId", "tenantId"), new IndexOptions().name("tenancy"));
    }

    public record NewAccount(String username, String phone, String displayName, String passwordHash, Collection<Role> roles,
                             String allianceId, String tenantId, boolean mustChangePassword) {
    }

    public Mono<Account> findByLogin(String login) {
        return accounts.findOne(LOGIN, Filters.or(Filters.eq("username", login), Filters.eq("phone", login))).map(Account::fromDocument);
    }

    public Mono<Account> findById(Scope scope, String id) {
        return accounts.findById(scope, id).map(Account::fromDocument);
    }

    public Mono<Boolean> usernameTaken(String username) {
        return accounts.count(LOGIN, Filters.eq("username", username)).map(n -> n > 0);
    }

    public Mono<Boolean> anyWithRole(Role role) {
        return accounts.count(LOGIN, Filters.eq("roles", role.name())).map(n -> n > 0);
    }

    /** Inserts an account within the scope; a taken username or phone fails with a duplicate key. */
    public Mono<String> insert(Scope scope, NewAccount a, Instant now) {
        String id = new ObjectId().toHexString();
        Document doc = new Document("_id", id)
                .append("username", a.username())
                .append("displayName", a.displayName())
                .append("passwordHash", a.passwordHash())
                .append("roles", a.roles().stream().map(Enum::name).sorted().toList())
                .append("allianceId", a.allianceId())
                .append("tenantId", a.tenantId())
                .append("orgIds", List.of()).append("parkIds", List.of()).append("buildingIds", List.of())
                .append("status", AccountStatus.ACTIVE.name())
                .append("failedAttempts", 0)
                .append("mustChangePassword", a.mustChangePassword())
                .append("createdAt", Date.from(now))
                .append("version", 1L);
        if (a.phone() != null && !a.phone().isBlank()) {
            doc.append("phone", a.phone());
        }
        return accounts.insert(scope, doc).thenReturn(id);
    }

    /** Counts one more failed login; answers the account after the increment. */
    public Mono<Account> recordFailure(String id) {
        return accounts.updateAndGet(LOGIN, Filters.eq("_id", id), Updates.inc("failedAttempts", 1)).map(Account::fromDocument);
    }

    /** Locks the account until the given time, unless another request already did. Answers whether this call locked it. */
    public Mono<Boolean> lock(String id, Instant until, Instant now) {
        return accounts.updateOne(LOGIN, Filters.and(Filters.eq("_id", id),
                        Filters.or(Filters.eq("lockedUntil", null), Filters.lte("lockedUntil", Date.from(now)))),
                Updates.combine(Updates.set("lockedUntil", Date.from(until)), Updates.set("failedAttempts", 0)))
                .map(r -> r.getModifiedCount() > 0);
    }

    public Mono<Void> recordSuccess(String id, Instant now) {
        return accounts.updateOne(LOGIN, Filters.eq("_id", id), Updates.combine(Updates.set("failedAttempts", 0),
                Updates.unset("lockedUntil"), Updates.set("lastLoginAt", Date.from(now)))).then();
    }

    /** Clears a lock within the scope; answers whether an account in scope was found. */
    public Mono<Boolean> unlock(Scope scope, String id) {
        return accounts.updateOne(scope, Filters.eq("_id", id), Updates.combine(Updates.set("failedAttempts", 0), Updates.unset("lockedUntil")))
                .map(r -> r.getMatchedCount() > 0);
    }

    public Mono<Void> changePassword(String id, String hash, Instant now) {
        return accounts.updateOne(LOGIN, Filters.eq("_id", id), Updates.combine(Updates.set("passwordHash", hash),
                Updates.set("mustChangePassword", false), Updates.set("passwordChangedAt", Date.from(now)),
                Updates.inc("version", 1L))).then();
    }

    /**
     * Inserts an account administering the given organisations (ORG_ADMIN): the organisation ids go into the token's
     * {@code orgs} claim. One insert, so the account never exists without its organisations.
     */
    public Mono<String> insertWithOrgs(Scope scope, NewAccount a, List<String> orgIds, Instant now) {
        return insertLinked(scope, a, List.copyOf(orgIds), null, now);
    }

    /** Inserts a MEMBER login linked to its member record ({@code memberId}, carried in tokens as {@code mid}). */
    public Mono<String> insertForMember(Scope scope, NewAccount a, String memberId, Instant now) {
        return insertLinked(scope, a, List.of(), memberId, now);
    }

    private Mono<String> insertLinked(Scope scope, NewAccount a, List<String> orgIds, String memberId, Instant now) {
        String id = new ObjectId().toHexString();
        Document doc = new Document("_id", id)
                .append("username", a.username())
                .append("displayName", a.displayName())
                .append("passwordHash", a.passwordHash())
                .append("roles", a.roles().stream().map(Enum::name).sorted().toList())
                .append("allianceId", a.allianceId())
                .append("tenantId", a.tenantId())
                .append("orgIds", orgIds).append("parkIds", List.of()).append("buildingIds", List.of())
                .append("status", AccountStatus.ACTIVE.name())
                .append("failedAttempts", 0)
                .append("mustChangePassword", a.mustChangePassword())
                .append("createdAt", Date.from(now))
                .append("version", 1L);
        if (memberId != null) {
            doc.append("memberId", memberId);
        }
        if (a.phone() != null && !a.phone().isBlank()) {
            doc.append("phone", a.phone());
        }
        return accounts.insert(scope, doc).thenReturn(id);
    }

    /** Accounts within the scope that administer the organisation (its {@code orgIds} contain it). */
    public reactor.core.publisher.Flux<Account> findByOrg(Scope scope, String orgId) {
        return accounts.find(scope, Filters.eq("orgIds", orgId), com.mongodb.client.model.Sorts.ascending("username"), 0, 200)
                .map(Account::fromDocument);
    }

    /** Disables an account (logins refused); answers whether an account in scope was found. Idempotent. */
    public Mono<Boolean> disable(Scope scope, String id, String reason, Instant now) {
        return accounts.updateOne(scope, Filters.eq("_id", id), Updates.combine(Updates.set("status", AccountStatus.DISABLED.name()),
                        Updates.set("disabledReason", reason), Updates.set("disabledAt", Date.from(now)), Updates.inc("version", 1L)))
                .map(r -> r.getMatchedCount() > 0);
    }

    /** Moves an account to another tenant (a member transferred across tenants); idempotent. */
    public Mono<Boolean> moveTenant(Scope scope, String id, String tenantId) {
        return accounts.updateOne(scope, Filters.and(Filters.eq("_id", id), Filters.ne("tenantId", tenantId)),
                        Updates.combine(Updates.set("tenantId", tenantId), Updates.inc("version", 1L)))
                .map(r -> r.getModifiedCount() > 0);
    }
}
