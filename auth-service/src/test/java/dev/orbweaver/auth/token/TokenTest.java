package dev.orbweaver.auth.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.auth.AuthTestFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenTest {
  @TestHTTPResource("/.well-known/jwks.json")
  URL jwksUrl;

  @Test
  void anotherServiceVerifiesTokensAgainstTheJwksUrlAsItsConfigurationSays() throws Exception {
    var account = AuthTestFixtures.open("lifetime");
    String userToken = AuthTestFixtures.userToken(account.key());
    String serviceToken = AuthTestFixtures.serviceToken();
    JWTAuthContextInfo verifier = new JWTAuthContextInfo(jwksUrl.toString(), "orbweaver");
    verifier.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    DefaultJWTParser parser = new DefaultJWTParser(verifier);

    JsonWebToken user = parser.parse(userToken);
    JsonWebToken service = parser.parse(serviceToken);

    assertThat(user.getSubject()).isEqualTo(Long.toString(account.accountId()));
    assertThat(user.getGroups()).containsExactly("user");
    assertThat(user.<String>getClaim("plan")).isEqualTo("lifetime");
    assertThat(user.<String>getClaim("key_id")).startsWith("key_");
    assertThat(service.getSubject()).isEqualTo("service:gateway");
    assertThat(service.getGroups()).containsExactly("service");
    assertThat(service.getExpirationTime() - service.getIssuedAtTime()).isEqualTo(3600);
  }

  @Test
  void theJwksVerifiesATokenMintedForAKey() throws Exception {
    var account = AuthTestFixtures.open("lifetime");
    String token = AuthTestFixtures.userToken(account.key());
    JsonPath jwks =
        given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath();

    String[] parts = token.split("\\.");
    JsonPath header =
        JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonPath claims =
        JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("kid")).isEqualTo(jwks.getString("keys[0].kid"));
    assertThat(claims.getString("sub")).isEqualTo(Long.toString(account.accountId()));
    assertThat(claims.getString("iss")).isEqualTo("orbweaver");
    assertThat(claims.getList("groups")).containsExactly("user");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(300);

    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].n"))),
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].e")))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void theServiceTokenExchangeRefusesAWrongSecret() {
    given()
        .header("Authorization", "Bearer not-the-secret")
        .contentType(ContentType.JSON)
        .body("{\"service\":\"gateway\"}")
        .when()
        .post("/internal/v1/service-tokens")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"service\":\"gateway\"}")
        .when()
        .post("/internal/v1/service-tokens")
        .then()
        .statusCode(401);
  }

  @Test
  void aServiceTokenOpensInternalCallsButNotAnAccountsOwn() {
    String service = AuthTestFixtures.serviceToken();
    given().auth().oauth2(service).when().get("/api/v1/keys").then().statusCode(403);
    given()
        .auth()
        .oauth2(service)
        .when()
        .get("/internal/v1/accounts/1/usage")
        .then()
        .statusCode(200);
  }
}
