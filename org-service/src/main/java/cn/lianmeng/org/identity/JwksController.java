package cn.lianmeng.org.identity;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify access tokens; the gateway and every service read them. */
@RestController
@Tag(name = "认证")
public class JwksController {

    private final Map<String, Object> jwks;

    public JwksController(JwtKeys keys) {
        this.jwks = keys.publicJwkSet().toJSONObject();
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(summary = "令牌验签公钥（JWK Set，无需令牌）")
    public Map<String, Object> jwks() {
        return jwks;
    }
}
