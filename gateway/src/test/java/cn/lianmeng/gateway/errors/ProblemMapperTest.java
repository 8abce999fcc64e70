package cn.lianmeng.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

import cn.lianmeng.gateway.limits.PayloadTooLargeException;
import cn.lianmeng.gateway.limits.RateLimitExceededException;

class ProblemMapperTest {

    final ProblemMapper mapper = new ProblemMapper();

    @Test
    void gatewayProblemsKeepTheirStatusAndHeaders() {
        ProblemMapper.Mapped mapped = mapper.map(new RateLimitExceededException(7, "您的请求过于频繁"), "GET", "/api/x");
        assertThat(mapped.problem().status()).isEqualTo(429);
        assertThat(mapped.problem().headers()).containsEntry("Retry-After", "7");
        assertThat(mapped.problem().detail()).contains("7 秒");
        assertThat(mapper.map(new PayloadTooLargeException(1024 * 1024), "POST", "/x").problem().status()).isEqualTo(413);
    }

    @Test
    void connectionFailuresAnywhereInTheCauseChainAre503() {
        Throwable wrapped = new IllegalStateException("routing failed", new ConnectException("Connection refused"));
        ProblemMapper.Mapped mapped = mapper.map(wrapped, "GET", "/api/org/x");
        assertThat(mapped.problem().status()).isEqualTo(503);
        assertThat(mapped.severity()).isEqualTo(ProblemMapper.Severity.WARN);
    }

    @Test
    void aDownstreamThatDiesMidExchangeIs503NotA500() {
        // what a SIGKILLed service looks like on a pooled keep-alive connection
        Throwable reset = new IllegalStateException("routing failed", new java.io.IOException("recvAddress(..) failed: Connection reset by peer"));
        assertThat(mapper.map(reset, "GET", "/api/content/x").problem().status()).isEqualTo(503);
        assertThat(mapper.map(new IllegalStateException("x", new java.nio.channels.ClosedChannelException()), "GET", "/api/content/x")
                .problem().status()).isEqualTo(503);
    }

    @Test
    void noInstanceAndTimeoutsMapTo503And504() {
        assertThat(mapper.map(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Unable to find instance"), "GET", "/")
                .problem().status()).isEqualTo(503);
        assertThat(mapper.map(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT), "GET", "/").problem().status()).isEqualTo(504);
        assertThat(mapper.map(new TimeoutException(), "GET", "/").problem().status()).isEqualTo(504);
    }

    @Test
    void unavailableTokenVerificationIs503() {
        assertThat(mapper.map(new AuthenticationServiceException("jwks down"), "GET", "/").problem().status()).isEqualTo(503);
    }

    @Test
    void methodNotAllowedCarriesAllow() {
        Problem problem = mapper.map(new MethodNotAllowedException(HttpMethod.POST, java.util.List.of(HttpMethod.GET)), "POST", "/a")
                .problem();
        assertThat(problem.status()).isEqualTo(405);
        assertThat(problem.headers()).containsEntry("Allow", "GET");
        assertThat(problem.detail()).contains("POST");
    }

    @Test
    void anythingElseIsALogged500() {
        ProblemMapper.Mapped mapped = mapper.map(new NullPointerException(), "GET", "/a");
        assertThat(mapped.problem().status()).isEqualTo(500);
        assertThat(mapped.problem().title()).isEqualTo("服务器内部错误");
        assertThat(mapped.severity()).isEqualTo(ProblemMapper.Severity.ERROR);
    }

    @Test
    void bodyFollowsTheContract() {
        Map<String, Object> body = Problem.of(404, "资源不存在", "请求的路径不存在：/x").body("/x", "rid-1");
        assertThat(body.keySet()).containsExactly("type", "title", "status", "detail", "instance", "requestId");
        assertThat(body).containsEntry("type", "about:blank").containsEntry("requestId", "rid-1");
    }
}
