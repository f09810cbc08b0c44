package dev.orbweaver.scrape.extract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.scrape.support.FakeLlm;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.scrape.support.WithFakeLlm;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The json and summary formats with an OpenAI-compatible LLM (a fake on loopback). */
@QuarkusTest
@TestProfile(WithFakeLlm.class)
@QuarkusTestResource(TestJwt.class)
class LlmExtractionTest {
  private static final String TOKEN = TestJwt.user(801, 1, "lifetime");
  private static final String SCHEMA =
      "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
          + " \"price\": {\"type\": \"number\"}}, \"required\": [\"name\", \"price\"]}";
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void clearLlm() {
    FakeLlm.get().reset();
  }

  private static ValidatableResponse scrape(String extra) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + site.url("/shop/trailrunner") + "\"" + extra + "}")
        .post("/v1/scrape")
        .then();
  }

  @Test
  void theModelFillsTheSchemaFromThePageMarkdown() {
    FakeLlm.get().answer("```json\n{\"name\": \"Trailrunner 3\", \"price\": 129}\n```");

    scrape(
            ", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": "
                + SCHEMA
                + ", \"prompt\": \"the shoe\"}")
        .statusCode(200)
        .body("data.json.name", equalTo("Trailrunner 3"))
        .body("data.json.price", equalTo(129))
        .body("data", not(hasKey("warning")))
        .body("data", not(hasKey("unfilledFields")));

    FakeLlm.Call call = FakeLlm.get().calls().get(0);
    assertThat(call.authorization()).isEqualTo("Bearer " + FakeLlm.SERVER_KEY);
    assertThat(call.body().get("model").asText()).isEqualTo("test-model");
    assertThat(call.body().get("response_format").get("type").asText()).isEqualTo("json_object");
    assertThat(call.lastUserMessage())
        .contains("\"required\":[\"name\",\"price\"]")
        .contains("Instructions: the shoe")
        .contains("# Trailrunner 3")
        .contains("€129.00");
  }

  @Test
  void anAnswerThatBreaksTheSchemaGetsOneRepairRound() {
    FakeLlm.get()
        .answer("{\"name\": \"Trailrunner 3\", \"price\": \"129 EUR\"}")
        .answer("{\"name\": \"Trailrunner 3\", \"price\": 129.0}");

    scrape(", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": " + SCHEMA + "}")
        .statusCode(200)
        .body("data.json.price", equalTo(129.0f))
        .body("data", not(hasKey("warning")));

    assertThat(FakeLlm.get().calls()).hasSize(2);
    assertThat(FakeLlm.get().calls().get(1).lastUserMessage())
        .contains("does not match the schema")
        .contains("price");
  }

  @Test
  void anAnswerThatStillBreaksTheSchemaIsReturnedWithTheViolations() {
    FakeLlm.get().answer("{\"name\": \"Trailrunner 3\"}").answer("{\"name\": \"Trailrunner 3\"}");

    scrape(", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": " + SCHEMA + "}")
        .statusCode(200)
        .body("data.json.name", equalTo("Trailrunner 3"))
        .body("warning", containsString("does not match the schema"))
        .body("warning", containsString("price"));
  }

  @Test
  void aCallersKeyGoesToTheProviderAndNeverComesBack() {
    String key = "sk-request-0123456789abcdef";
    FakeLlm.get()
        .fail(401, "Incorrect API key provided: " + key + ". You can find your key at ...");

    String body =
        scrape(
                ", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": "
                    + SCHEMA
                    + "}, \"llmApiKey\": \""
                    + key
                    + "\"")
            .statusCode(502)
            .body("error", equalTo("llm_error"))
            .body("message", containsString("HTTP 401"))
            .body("message", containsString("Check llmApiKey"))
            .extract()
            .asString();

    assertThat(body).doesNotContain(key).doesNotContain("sk-request-012").doesNotContain("cdef");
    assertThat(FakeLlm.get().calls().get(0).authorization()).isEqualTo("Bearer " + key);
  }

  @Test
  void severalPagesGoToTheModelTogether() {
    FakeLlm.get().answer("{\"name\": \"Trailrunner 3\", \"price\": 129}");

    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(
            "{\"urls\": [\""
                + site.url("/shop/trailrunner")
                + "\", \""
                + site.url("/shop/trailrunner?color=red")
                + "\"], \"schema\": "
                + SCHEMA
                + "}")
        .post("/v2/extract")
        .then()
        .statusCode(200)
        .body("data.name", equalTo("Trailrunner 3"));

    assertThat(FakeLlm.get().calls()).hasSize(1);
    assertThat(FakeLlm.get().calls().get(0).lastUserMessage())
        .contains("Page: " + site.url("/shop/trailrunner") + "\n")
        .contains("Page: " + site.url("/shop/trailrunner?color=red") + "\n");
  }

  @Test
  void theSummaryComesFromTheModel() {
    FakeLlm.get().answer("  A light trail shoe with a rock plate, sold for 129 euros.  ");

    scrape(", \"formats\": [\"summary\"]")
        .statusCode(200)
        .body("data.summary", equalTo("A light trail shoe with a rock plate, sold for 129 euros."))
        .body("data", not(hasKey("warning")));
    assertThat(FakeLlm.get().calls().get(0).body().has("response_format")).isFalse();
  }
}
