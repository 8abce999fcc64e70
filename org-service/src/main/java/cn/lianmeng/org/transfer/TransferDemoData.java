package cn.lianmeng.org.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import cn.lianmeng.org.member.Member;
import cn.lianmeng.org.member.MemberService;
import cn.lianmeng.org.member.Organisation;
import cn.lianmeng.org.member.OrganisationDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Demo transfers for local runs, after {@code MemberDemoData.seed}: one pending cross-tenant transfer (requested
 * today) and one overdue one (requested 35 days ago through a back-dated clock, then flagged by the real sweep),
 * both between branches of different tenants. Skipped when the alliance already has transfers.
 */
public final class TransferDemoData {

    private static final Logger log = LoggerFactory.getLogger(TransferDemoData.class);

    private TransferDemoData() {
    }

    public static Mono<Void> seed(TransferService transfers, TransferStore store, MemberService members, OrganisationDirectory organisations,
                                  Outbox outbox, OutboxRelay relay, AuditLog audit, Clock clock, String allianceId, List<String> memberIds) {
        Caller allianceAdmin = new Caller("demo-loader", "demo-loader", "演示数据", allianceId, null, Set.of(Role.ALLIANCE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
        TransferService backDated = new TransferService(store, members, organisations, outbox, relay, audit,
                Clock.offset(clock, Duration.ofDays(-35)), Duration.ofDays(30));
        return transfers.list(allianceAdmin, new TransferService.ListFilter(null, null, null),
                        PageQuery.of(0, 1, null, TransferService.SORTABLE, "requestedAt")).flatMap(existing -> {
                    if (existing.totalElements() > 0 || memberIds.size() < 8) {
                        return Mono.empty();
                    }
                    return organisations.active(allianceId)
                            .filter(o -> "BRANCH".equals(o.kind()) && "SINGLE".equals(o.formation()) && o.tenantId() != null)
                            .collectList()
                            .flatMap(branches -> request(transfers, members, branches, allianceId, memberIds.get(memberIds.size() - 1))
                                    .then(request(backDated, members, branches, allianceId, memberIds.get(memberIds.size() - 5)))
                                    .then(transfers.flagOverdue()))
                            .doOnSuccess(n -> log.info("Demo transfers ready: one pending, one overdue"))
                            .then();
                });
    }

    private static Mono<Void> request(TransferService service, MemberService members, List<Organisation> branches, String allianceId,
                                      String memberId) {
        return members.byId(allianceId, memberId).flatMap((Member m) -> {
            Organisation to = branches.stream().filter(b -> !b.tenantId().equals(m.tenantId())).findFirst().orElse(null);
            if (to == null || m.tenantId() == null) {
                return Mono.empty();
            }
            Caller sender = new Caller("demo-loader", "demo-loader", "演示数据", allianceId, m.tenantId(), Set.of(Role.ENTERPRISE_ADMIN),
                    Set.of(), Set.of(), Set.of(), null, false);
            return service.request(sender, new TransferRequests.Request(m.id(), to.id(), null, "工作调动，转入新单位党支部"))
                    .onErrorResume(ApiException.class, e -> Mono.empty()).then();
        });
    }
}
