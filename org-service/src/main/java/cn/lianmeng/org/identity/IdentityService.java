package cn.lianmeng.org.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Logins with lockout, password changes and account provisioning. Every outcome is audited. */
public class IdentityService {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final AccountStore accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final AuditLog audit;
    private final TenantLoginGuard tenants;
    private final LockoutPolicy lockout;
    private final Clock clock;
    /** Compared against when the username is unknown, so both paths cost one hash (no user enumeration by timing). */
    private final String dummyHash;

    public IdentityService(AccountStore accounts, PasswordEncoder passwords, TokenIssuer tokens, AuditLog audit,
                           TenantLoginGuard tenants, LockoutPolicy lockout, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
        this.tenants = tenants;
        this.lockout = lockout;
        this.clock = clock;
        this.dummyHash = passwords.encode("dummy-Password#1");
    }

    public record LoginResult(String accessToken, String tokenType, long expiresIn, boolean passwordChangeRequired) {
    }

    public record Provisioned(String accountId, String username, String initialPassword, boolean passwordChangeRequired) {
    }

    private Mono<Boolean> matches(String raw, String hash) {
        return Mono.fromCallable(() -> passwords.matches(raw, hash)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<String> hash(String raw) {
        return Mono.fromCallable(() -> passwords.encode(raw)).subscribeOn(Schedulers.boundedElastic());
    }

    private static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials", "登录失败", "用户名或密码错误", List.of());
    }

    private Mono<Void> auditLogin(Account a, String login, String clientIp, Result result, String reason) {
        return audit.record(a == null ? null : a.id(), login, a == null ? null : a.allianceId(), a == null ? null : a.tenantId(),
                "LOGIN", "account", a == null ? null : a.id(), result,
                reason == null ? Map.of("ip", String.valueOf(clientIp)) : Map.of("ip", String.valueOf(clientIp), "reason", reason));
    }

    public Mono<LoginResult> login(String login, String password, String clientIp) {
        Instant now = clock.instant();
        return accounts.findByLogin(login)
                .flatMap(account -> checkAndAuthenticate(account, login, password, clientIp, now))
                .switchIfEmpty(Mono.defer(() -> matches(password, dummyHash)
                        .then(auditLogin(null, login, clientIp, Result.FAILURE, "unknown account"))
                        .then(Mono.error(badCredentials()))));
    }

    private Mono<LoginResult> checkAndAuthenticate(Account account, String login, String password, String clientIp, Instant now) {
        if (account.status() == AccountStatus.DISABLED) {
            return auditLogin(account, login, clientIp, Result.FAILURE, "disabled")
                    .then(Mono.error(ApiException.forbidden("账户已停用，请联系管理员")));
        }
        if (lockout.isLocked(account.lockedUntil(), now)) {
            return auditLogin(account, login, clientIp, Result.FAILURE, "locked")
                    .then(Mono.error(locked(account.lockedUntil())));
        }
        return matches(password, account.passwordHash()).flatMap(ok -> ok
                ? succeed(account, login, clientIp, now)
                : fail(account, login, clientIp, now));
    }

    private Mono<LoginResult> succeed(Account account, String login, String clientIp, Instant now) {
        Mono<String> tenantRefusal = account.tenantId() == null ? Mono.empty() : tenants.refusal(account.allianceId(), account.tenantId());
        return tenantRefusal
                .flatMap(reason -> auditLogin(account, login, clientIp, Result.FAILURE, "tenant: " + reason)
                        .then(Mono.<LoginResult>error(ApiException.forbidden(reason))))
                .switchIfEmpty(Mono.defer(() -> {
                    Mono<Void> unlockAudit = account.lockedUntil() != null
                            ? audit.record(account.id(), account.username(), account.allianceId(), account.tenantId(),
                            "ACCOUNT_UNLOCKED", "account", account.id(), Result.SUCCESS, Map.of("by", "lock expired"))
                            : Mono.empty();
                    return accounts.recordSuccess(account.id(), now)
                            .then(unlockAudit)
                            .then(auditLogin(account, login, clientIp, Result.SUCCESS, null))
                            .thenReturn(new LoginResult(tokens.issue(account), "Bearer", tokens.lifetime().toSeconds(),
                                    account.mustChangePassword()));
                }));
    }

    private Mono<LoginResult> fail(Account account, String login, String clientIp, Instant now) {
        return accounts.recordFailure(account.id()).flatMap(after -> {
            if (!lockout.locksAfter(after.failedAttempts())) {
                return auditLogin(account, login, clientIp, Result.FAILURE, "bad password")
                        .then(Mono.error(badCredentials()));
            }
            Instant until = lockout.lockUntil(now);
            return accounts.lock(account.id(), until, now)
                    .flatMap(lockedNow -> (lockedNow
                            ? audit.record(account.id(), account.username(), account.allianceId(), account.tenantId(), "ACCOUNT_LOCKED",
                            "account", account.id(), Result.SUCCESS, Map.of("until", until.toString(), "failures", lockout.maxFailures()))
                            : Mono.<Void>empty())
                            .then(auditLogin(account, login, clientIp, Result.FAILURE, "bad password; locked")))
                    .then(Mono.error(locked(until)));
        });
    }

    private ApiException locked(Instant until) {
        return new ApiException(HttpStatus.LOCKED, "account-locked", "账户已锁定",
                "连续 " + lockout.maxFailures() + " 次密码错误，账户已锁定，请于 " + HH_MM.format(until) + " 后再试或联系管理员解锁", List.of());
    }

    public Mono<Void> changePassword(Caller caller, String oldPassword, String newPassword) {
        return accounts.findById(Scope.unrestricted("own account"), caller.accountId())
                .switchIfEmpty(Mono.error(ApiException.unauthenticated()))
                .flatMap(account -> matches(oldPassword, account.passwordHash()).flatMap(ok -> {
                    if (!ok) {
                        return audit.record(caller, "PASSWORD_CHANGED", "account", account.id(), account.tenantId(), Result.FAILURE,
                                Map.of("reason", "wrong old password")).then(Mono.error(ApiException.badRequest("oldPassword", "原密码不正确")));
                    }
                    var problem = PasswordPolicy.problem(newPassword, account.username());
                    if (problem.isPresent()) {
                        return Mono.error(ApiException.badRequest("newPassword", problem.get()));
                    }
                    if (newPassword.equals(oldPassword)) {
                        return Mono.error(ApiException.badRequest("newPassword", "新密码不能与原密码相同"));
                    }
                    return hash(newPassword)
                            .flatMap(h -> accounts.changePassword(account.id(), h, clock.instant()))
                            .then(audit.record(caller, "PASSWORD_CHANGED", "account", account.id(), account.tenantId(), Result.SUCCESS, Map.of()));
                }));
    }

    /**
     * Creates an account. With no password given, one is generated and must be changed at first login; it is returned
     * once, here, and never stored in clear.
     */
    public Mono<Provisioned> provision(Scope scope, Caller actor, String username, String displayName, String phone, Role role,
                                       String allianceId, String tenantId, String password) {
        boolean generated = password == null;
        String initial = generated ? PasswordPolicy.generate() : password;
        return hash(initial)
                .flatMap(h -> accounts.insert(scope, new AccountStore.NewAccount(username, phone, displayName, h, List.of(role),
                        allianceId, tenantId, generated), clock.instant()))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("adminUsername", "用户名“" + username + "”已被占用"))
                .flatMap(id -> (actor == null
                        ? audit.record(null, "system", allianceId, tenantId, "ACCOUNT_PROVISIONED", "account", id, Result.SUCCESS,
                        Map.of("username", username, "role", role.name()))
                        : audit.record(actor, "ACCOUNT_PROVISIONED", "account", id, tenantId, Result.SUCCESS,
                        Map.of("username", username, "role", role.name())))
                        .thenReturn(new Provisioned(id, username, generated ? initial : null, generated)));
    }

    public Mono<Void> unlock(Caller caller, String accountId) {
        if (!caller.hasAny(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.PLATFORM_ADMIN)) {
            return Mono.error(ApiException.forbidden());
        }
        return accounts.unlock(Scope.of(caller), accountId)
                .flatMap(found -> found
                        ? audit.record(caller, "ACCOUNT_UNLOCKED", "account", accountId, null, Result.SUCCESS, Map.of("by", "administrator"))
                        : Mono.error(ApiException.notFound("账户")));
    }

    public Mono<Account> account(Caller caller) {
        return accounts.findById(Scope.unrestricted("own account"), caller.accountId());
    }

    /**
     * Creates an account for administrators of organisations (ORG_ADMIN) with the organisation ids it may manage. With
     * no password given, one is generated, returned once and must be changed at first login. A taken username or
     * phone is a 409 naming {@code username} or {@code phone}.
     */
    public Mono<Provisioned> provisionWithOrgs(Scope scope, Caller actor, String username, String displayName, String phone, Role role,
                                               String allianceId, String tenantId, List<String> orgIds, String password) {
        boolean generated = password == null;
        String initial = generated ? PasswordPolicy.generate() : password;
        return hash(initial)
                .flatMap(h -> accounts.insertWithOrgs(scope, new AccountStore.NewAccount(username, phone, displayName, h, List.of(role),
                        allianceId, tenantId, generated), orgIds, clock.instant()))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> String.valueOf(e.getMessage()).contains("phone")
                        ? ApiException.conflict("phone", "手机号“" + phone + "”已被其他账户使用")
                        : ApiException.conflict("username", "用户名“" + username + "”已被占用"))
                .flatMap(id -> audit.record(actor, "ACCOUNT_PROVISIONED", "account", id, tenantId, Result.SUCCESS,
                                Map.of("username", username, "role", role.name(), "orgIds", String.join(",", orgIds)))
                        .thenReturn(new Provisioned(id, username, generated ? initial : null, generated)));
    }

    /**
     * Creates the MEMBER login of a member record with a generated initial password that must be changed at first
     * login; the password is answered once, here. A taken username is 409 naming {@code username}.
     */
    public Mono<Provisioned> provisionMember(Scope scope, Caller actor, String username, String displayName, String allianceId,
                                             String tenantId, String memberId) {
        String initial = PasswordPolicy.generate();
        return hash(initial)
                .flatMap(h -> accounts.insertForMember(scope, new AccountStore.NewAccount(username, null, displayName, h,
                        List.of(Role.MEMBER), allianceId, tenantId, true), memberId, clock.instant()))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("username", "用户名“" + username + "”已被占用"))
                .flatMap(id -> audit.record(actor, "ACCOUNT_PROVISIONED", "account", id, tenantId, Result.SUCCESS,
                                Map.of("username", username, "role", Role.MEMBER.name(), "memberId", memberId))
                        .thenReturn(new Provisioned(id, username, initial, true)));
    }

    /** Disables an account (e.g. its member left); audited as the given actor (a caller, or a system process). */
    public Mono<Boolean> disable(String actorId, String actorName, String allianceId, String tenantId, String accountId, String reason) {
        return accounts.disable(Scope.system(allianceId, null), accountId, reason, clock.instant())
                .flatMap(found -> audit.record(actorId, actorName, allianceId, tenantId, "ACCOUNT_DISABLED", "account", accountId,
                        found ? Result.SUCCESS : Result.FAILURE, Map.of("reason", reason)).thenReturn(found));
    }

    /** Moves an account to another tenant (its member was transferred there); audited as a system action. */
    public Mono<Void> moveToTenant(String allianceId, String accountId, String tenantId, String reason) {
        return accounts.moveTenant(Scope.system(allianceId, null), accountId, tenantId)
                .flatMap(moved -> moved
                        ? audit.record(null, "system", allianceId, tenantId, "ACCOUNT_TENANT_CHANGED", "account", accountId,
                        Result.SUCCESS, Map.of("reason", reason))
                        : Mono.empty());
    }

    /** Whether a login name is already in use, as a username or as another account's phone (logins accept both). */
    public Mono<Boolean> loginTaken(String login) {
        return accounts.findByLogin(login).hasElement();
    }
}
