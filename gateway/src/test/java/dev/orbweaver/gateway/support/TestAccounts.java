package dev.orbweaver.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.UUID;

/** Opens accounts on the real auth-service, through the gateway's admin route as operators do. */
public final class TestAccounts {
  private TestAccounts() {}

  /** An account on a plan, with its first key. */
  public record Opened(long accountId, String keyId, String key) {}

  public static Opened open(String plan) {
    JsonPath body =
        given()
            .header("Authorization", "Bearer " + AuthServiceProcess.ADMIN_TOKEN)
            .contentType("application/json")
            .body("{\"name\":\"gateway-test-" + UUID.randomUUID() + "\",\"plan\":\"" + plan + "\"}")
            .when()
            .post("/admin/v1/accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Opened(
        body.getLong("account.id"), body.getString("key.id"), body.getString("key.key"));
  }

  /**
   * A client address from the benchmarking range (198.18.0.0/15): each test its own burst count.
   */
  public static String freshClientAddress() {
    int n = UUID.randomUUID().hashCode() & 0xFFFF;
    return "198.18." + (n >> 8) + "." + (n & 0xFF);
  }
}
