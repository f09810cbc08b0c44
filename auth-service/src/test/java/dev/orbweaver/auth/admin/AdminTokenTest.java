package dev.orbweaver.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.common.error.ErrorKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenTest {
  private final AdminToken token = new AdminToken(Optional.of("s3cret-operator-token"));

  @Test
  void theTokenIsAcceptedInEitherHeader() {
    assertThat(token.check("s3cret-operator-token", null)).isEmpty();
    assertThat(token.check(null, "Bearer s3cret-operator-token")).isEmpty();
    assertThat(token.check(null, "bearer s3cret-operator-token")).isEmpty();
  }

  @Test
  void aMissingTokenAndAWrongTokenAreToldApart() {
    assertThat(token.check(null, null))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.AUTH_MISSING);
    assertThat(token.check(null, "Bearer "))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.AUTH_MISSING);
    assertThat(token.check(null, "Basic czNjcmV0"))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.AUTH_MISSING);
    assertThat(token.check("s3cret-operator-tokeN", null))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.AUTH_INVALID);
    assertThat(token.check(null, "Bearer s3cret-operator-token-and-more"))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.AUTH_INVALID);
  }

  @Test
  void withoutAConfiguredTokenTheAdminApiIsClosedToEveryone() {
    AdminToken unset = new AdminToken(Optional.empty());
    AdminToken blank = new AdminToken(Optional.of("  "));

    assertThat(unset.check("", "Bearer "))
        .map(AdminToken.Refusal::kind)
        .hasValue(ErrorKind.DISABLED);
    assertThat(blank.check("  ", null)).map(AdminToken.Refusal::kind).hasValue(ErrorKind.DISABLED);
  }
}
