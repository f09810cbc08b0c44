package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input that answered 500 (or a bare 404) before, through the gateway as a customer sends it: NUL
 * and CR/LF in fields, ids that cannot be ids, a negative offset, query parameters of the wrong
 * type, and the diff of two 20,000-line texts that took seconds of a core.
 */
@ExtendWith(PlatformExtension.class)
class HostileInputIT {
  private static String lines(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.joining("\\n"));
  }

  /**
   * Two texts of 20,000 different lines: 7 s of a core for 16,000 before the diff was bounded. The
   * platform has answered one such request before the clock runs, as a running one would have.
   */
  @Test
  void theDiffOfTwoTwentyThousandLineTextsAnswersWithinTheTimeout(Platform platform) {
    String body =
        "{\"previous\": {\"markdown\": \""
            + lines("old line ", 20_000)
            + "\"}, \"current\": {\"markdown\": \""
            + lines("new line ", 20_000)
            + "\"}}";
    diff(platform, body);
    Response response =
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> diff(platform, body));
    assertThat(response.statusCode()).isIn(200, 413);
    assertThat(response.asString()).startsWith("{\"success\":");
  }

  private static Response diff(Platform platform, String body) {
    return Gateway.as(platform, platform.firstKey())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/change-tracking/diff");
  }

  @Test
  void aNulInAKeyLabelIsA400AndANulKeyIdA404(Platform platform) {
    Platform.Account account = platform.createAccount("hostile-keys", "free");
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body("{\"label\": \"bot\\u0000\"}")
        .post("/api/v1/keys")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("message", containsString("'label'"));
    Gateway.as(platform, account.key())
        .delete("/api/v1/keys/%00")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  @Test
  void crawlInputThatCannotBeSentIsA400InEachDialect(Platform platform) {
    Platform.Account account = platform.createAccount("hostile-crawls", "lifetime");
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body(
            "{\"url\": \"https://example.com/\", \"headers\": {\"X-A\": \"a\\r\\nX-Injected: 1\"}}")
        .post("/v1/crawls")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("invalid_input"))
        .body("error.message", containsString("headers"));
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://example.com/\", \"include_patterns\": [\"/a\\u0000\"]}")
        .post("/api/v1/crawl")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("detail", containsString("include_patterns"));
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://example.com/\", \"includePaths\": [\"\\u0001\"]}")
        .post("/v2/crawl")
        .then()
        .statusCode(400)
        .body("success", equalTo(false))
        .body("message", containsString("includePaths"));
  }

  @Test
  void aNegativeOffsetAndAWrongTypedParameterAre400s(Platform platform) {
    Platform.Account account = platform.createAccount("hostile-params", "lifetime");
    String crawl =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body("{\"url\": \"http://127.0.0.1:9/\", \"max_pages\": 1}")
            .post("/api/v1/crawl")
            .then()
            .statusCode(202)
            .extract()
            .path("crawl_id");
    Gateway.as(platform, account.key())
        .get("/api/v1/crawl/" + crawl + "?include_results=true&offset=-1")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("detail", containsString("offset"));
    Gateway.as(platform, account.key())
        .get("/v1/crawls?limit=abc")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("invalid_input"))
        .body("error.message", containsString("limit"));
    Gateway.as(platform, account.key())
        .get("/api/v1/gap-analysis/%00")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }
}
