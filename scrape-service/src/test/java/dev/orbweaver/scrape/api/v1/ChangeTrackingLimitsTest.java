package dev.orbweaver.scrape.api.v1;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The diff endpoint's bounds: a side of at most 2 MiB and 20,000 lines, a 413 in Firecrawl's
 * envelope beyond, and a bounded time for the largest texts it accepts.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class ChangeTrackingLimitsTest {
  private static final String TOKEN = TestJwt.user(502, 1, "lifetime");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.joining("\n"));
  }

  private static String single(String previous, String current) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("modes").add("gitDiff");
    body.putObject("previous").put("markdown", previous);
    body.putObject("current").put("markdown", current);
    return body.toString();
  }

  private static ValidatableResponse diff(String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/change-tracking/diff")
        .then();
  }

  private static void tooLarge(ValidatableResponse response, String field) {
    response
        .statusCode(413)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"))
        .body("message", containsString("'" + field + "'"));
  }

  /**
   * The case at the largest accepted size: 7 s for 16,000 lines before the bound. The
   * service has answered one such request before the clock runs: the timeout is about the work a
   * request may cause, not about a cold JIT.
   */
  @Test
  void twentyThousandDifferentLinesAnswerWithinTheTimeout() {
    String largest = single(lines("old line ", 20_000), lines("new line ", 20_000));
    diff(largest).statusCode(200);
    Response response =
        assertTimeoutPreemptively(
            Duration.ofSeconds(3),
            () ->
                given()
                    .auth()
                    .oauth2(TOKEN)
                    .contentType(ContentType.JSON)
                    .body(largest)
                    .post("/v1/change-tracking/diff"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString())
        .contains(
            "\"text\":\"--- previous\\n+++ current\\n@@ -1,20000 +1,20000 @@\\n-old line 0\\n");
  }

  @Test
  void aSideOfMoreThanTwentyThousandLinesIsA413() {
    tooLarge(diff(single("a", lines("x", 20_001))), "current.markdown");
  }

  @Test
  void aSideOfMoreThanTwoMebibytesIsA413() {
    tooLarge(diff(single("é".repeat(1_048_577), "b")), "previous.markdown");
  }

  @Test
  void aBatchNamesTheItemThatIsTooLarge() {
    ObjectNode body = JSON.createObjectNode();
    var batch = body.putArray("batch");
    batch.addObject().putObject("current").put("markdown", "small");
    ObjectNode big = batch.addObject();
    big.putObject("current").put("markdown", "b");
    big.putObject("previous").put("markdown", lines("x", 20_001));
    tooLarge(diff(body.toString()), "batch[1].previous.markdown");
  }

  @Test
  void controlCharactersAreA400NamingTheField() {
    diff("{\"current\": {\"markdown\": \"a\\u0000b\"}}")
        .statusCode(400)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"))
        .body("message", containsString("'current.markdown'"));
  }
}
