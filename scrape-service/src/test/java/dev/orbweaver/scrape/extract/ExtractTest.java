package dev.orbweaver.scrape.extract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/extract} and {@code /v2/extract} without an LLM: the page data fills the schema. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class ExtractTest {
  private static final String TOKEN = TestJwt.user(1101, 1, "lifetime");
  private static final String SCHEMA =
      "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
          + " \"headline\": {\"type\": \"string\"}, \"price\": {\"type\": \"number\"},"
          + " \"warranty\": {\"type\": \"string\"}}}";
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .page("/shop/trailrunner/", Fixtures.text("site/product.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static ValidatableResponse extract(String version, String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/extract")
        .then();
  }

  @Test
  void v1ExtractsOnePageAndNamesWhatItCouldNotFill() {
    extract(
            "v1",
            "{\"url\": \"" + site.url("/shop/trailrunner") + "\", \"schema\": " + SCHEMA + "}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("data.name", equalTo("Trailrunner 3"))
        .body("data.price", equalTo(129.0f))
        .body("data.warranty", equalTo(null))
        .body("data.headline", equalTo("Trailrunner 3"))
        .body("unfilledFields", equalTo(List.of("warranty")))
        .body("warning", containsString("could not fill: warranty."))
        .body("warning", not(containsString("does not match the schema")));
  }

  @Test
  void v1NeedsASchemaOrAPromptAndAUrl() {
    extract("v1", "{\"url\": \"" + site.url("/shop/trailrunner") + "\"}")
        .statusCode(400)
        .body("message", containsString("'schema'"));
    extract("v1", "{\"schema\": " + SCHEMA + "}")
        .statusCode(400)
        .body("message", containsString("'url'"));
    extract("v1", "{\"url\": \"" + site.url("/") + "\", \"schema\": {\"type\": 5}}")
        .statusCode(400)
        .body("message", containsString("'schema'"));
  }

  @Test
  void v2ReadsSeveralPagesAndTheFirstPageThatGivesAFieldWins() {
    extract(
            "v2",
            "{\"urls\": [\""
                + site.url("/news/bridge")
                + "\", \""
                + site.url("/shop/trailrunner")
                + "/*\"], \"schema\": "
                + SCHEMA
                + ", \"showSources\": true, \"origin\": \"js-sdk@4.42.0\"}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("status", equalTo("completed"))
        .body("$", not(hasKey("id")))
        .body("data.headline", equalTo("Harbour bridge reopens after repairs"))
        .body("data.price", equalTo(129.0f))
        .body("sources.price", equalTo(List.of(site.url("/shop/trailrunner/"))))
        .body("warning", containsString("needs a crawl"))
        .body("warning", containsString("could not fill: warranty"));
  }

  @Test
  void v2LimitsTheUrls() {
    StringBuilder urls = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      urls.append(i == 0 ? "" : ",").append("\"").append(site.url("/p" + i)).append("\"");
    }
    extract("v2", "{\"urls\": [" + urls + "], \"prompt\": \"x\"}")
        .statusCode(400)
        .body("message", containsString("'urls'"));
    extract("v2", "{\"urls\": [], \"prompt\": \"x\"}")
        .statusCode(400)
        .body("message", containsString("'urls'"));
  }
}
