package cn.lianmeng.org.member;

import reactor.core.publisher.Mono;

/** Whether a member has a transfer under way (implemented by the transfer package; a member with one cannot leave). */
public interface OpenTransfers {

    Mono<Boolean> isOpen(String allianceId, String memberId);
}
