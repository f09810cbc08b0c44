package dev.orbweaver.auth;

import dev.orbweaver.auth.token.TokenIssuer;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;

/** The shared service contract, with tokens signed by auth-service's own key. */
@QuarkusTest
class AuthServiceContractTest extends ServiceContractTest {
  @Inject TokenIssuer issuer;

  @Override
  protected String userToken(long accountId) {
    Principal principal =
        new Principal(accountId, 7, "key_contract", "lifetime", Set.of(Principal.ROLE_USER));
    return issuer.user(principal, Instant.now()).token();
  }
}
