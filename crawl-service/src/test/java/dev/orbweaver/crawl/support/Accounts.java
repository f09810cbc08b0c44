package dev.orbweaver.crawl.support;

import static io.restassured.RestAssured.given;

import dev.orbweaver.testing.AuthServiceProcess;
import dev.orbweaver.testing.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Accounts opened at the real auth-service, with user tokens the crawl-service under test trusts.
 */
public final class Accounts {
  private Accounts() {}

  public static Account open(String plan) {
    String auth = ConfigProvider.getConfig().getValue("orbweaver.auth.url", String.class);
    JsonPath body =
        given()
            .baseUri(auth)
            .header("Authorization", "Bearer " + AuthServiceProcess.ADMIN_TOKEN)
            .contentType(ContentType.JSON)
            .body("{\"name\":\"crawl test\",\"plan\":\"" + plan + "\"}")
            .post("/admin/v1/accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long id = body.getLong("account.id");
    long project = body.getLong("project_id");
    return new Account(id, project, TestJwt.user(id, project, plan));
  }

  /** The account's credit balance as auth-service keeps it (null when unlimited). */
  public static Long credits(long accountId) {
    String auth = ConfigProvider.getConfig().getValue("orbweaver.auth.url", String.class);
    String service =
        given()
            .baseUri(auth)
            .header("Authorization", "Bearer test-internal-secret")
            .contentType(ContentType.JSON)
            .body("{\"service\":\"crawl-test\"}")
            .post("/internal/v1/service-tokens")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    Number balance =
        given()
            .baseUri(auth)
            .auth()
            .oauth2(service)
            .get("/internal/v1/accounts/" + accountId + "/credits")
            .then()
            .statusCode(200)
            .extract()
            .path("balance");
    return balance == null ? null : balance.longValue();
  }

  /** An account and the JWT the gateway would forward for it. */
  public record Account(long id, long projectId, String token) {}
}
