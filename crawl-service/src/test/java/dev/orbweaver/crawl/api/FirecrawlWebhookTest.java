package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.events.Bodies;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.lifecycle.CrawlService;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.Pages;
import dev.orbweaver.crawl.pages.StoredPage;
import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Firecrawl crawl's webhook bodies are worded as Firecrawl's: the event bodies of a real crawl of
 * a loopback site, and the webhook object's checks. Delivery (the events filter, metadata,
 * webhookId, headers and X-Firecrawl-Signature) is webhook-service's DeliveryTest.
 */
@QuarkusTest
class FirecrawlWebhookTest {
  @Inject Bodies bodies;
  @Inject CrawlService crawls;
  @Inject Pages pages;
  @Inject ObjectMapper json;

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void aFirecrawlCrawlsEventsAreWordedAsFirecrawlsWebhooks() throws Exception {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.46", 1).start()) {
      String id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "limit", 10))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      Crawls.pollUntil(
          account.token(), "/v2/crawl/" + id, r -> r.getString("status").equals("completed"));
      Crawl crawl = crawls.find(account.id(), UUID.fromString(id));
      StoredPage home =
          pages.list(crawl.id(), null, 0, 10).stream()
              .filter(p -> p.url().endsWith("/"))
              .findFirst()
              .orElseThrow();

      assertThat(bodies.crawlEvent(Outbox.STARTED, crawl))
          .isEqualTo(
              json.readTree(
                  "{\"success\":true,\"type\":\"crawl.started\",\"id\":\""
                      + id
                      + "\",\"data\":[],\"metadata\":{}}"));
      assertThat(bodies.crawlEvent(Outbox.COMPLETED, crawl))
          .isEqualTo(
              json.readTree(
                  "{\"success\":true,\"type\":\"crawl.completed\",\"id\":\""
                      + id
                      + "\",\"data\":[],\"metadata\":{}}"));
      assertThat(bodies.crawlEvent(Outbox.CANCELLED, crawl))
          .as("a cancelled crawl is a failed one to Firecrawl's receivers")
          .isEqualTo(
              json.readTree(
                  "{\"success\":false,\"type\":\"crawl.failed\",\"id\":\""
                      + id
                      + "\",\"data\":[],\"metadata\":{},"
                      + "\"error\":\"The crawl was cancelled.\"}"));

      ObjectNode page = bodies.pageEvent(Outbox.PAGE_COMPLETED, crawl, home, null, null);
      assertThat(page.fieldNames())
          .toIterable()
          .containsExactly("success", "type", "id", "data", "metadata");
      assertThat(page.get("type").asText()).isEqualTo("crawl.page");
      assertThat(page.get("success").asBoolean()).isTrue();
      JsonNode listed =
          json.readTree(
                  given()
                      .auth()
                      .oauth2(account.token())
                      .get("/v2/crawl/" + id)
                      .then()
                      .statusCode(200)
                      .extract()
                      .asString())
              .get("data");
      JsonNode asListed = null;
      for (JsonNode d : listed) {
        if (d.path("metadata").path("sourceURL").asText().equals(home.url())) {
          asListed = d;
        }
      }
      assertThat(page.get("data"))
          .as("the page's document as the crawl's results have it")
          .isEqualTo(json.createArrayNode().add(asListed));
      assertThat(page.at("/data/0/markdown").asText()).contains("# Home");
    }
  }

  @Test
  void anUnknownEventAMisshapenFieldOrAnOverlongSecretIsAFirecrawlBadRequest() {
    var account = Accounts.open("selfhost");
    for (var bad :
        List.of(
            Map.of(
                "webhook",
                Map.of("url", "https://hooks.example.com/h", "events", List.of("page", "done")),
                "says",
                "'done' is not one of started, page, completed, failed"),
            Map.of(
                "webhook",
                Map.of("url", "https://hooks.example.com/h", "metadata", "x"),
                "says",
                "webhook.metadata must be an object"),
            Map.of(
                "webhook",
                Map.of("url", "https://hooks.example.com/h", "events", "page"),
                "says",
                "webhook.events must be an array"),
            Map.of(
                "webhook",
                Map.of("url", "https://hooks.example.com/h", "secret", "s".repeat(257)),
                "says",
                "webhook.secret is 257 characters long; at most 256"))) {
      given()
          .auth()
          .oauth2(account.token())
          .contentType(ContentType.JSON)
          .body(Map.of("url", "https://example.com", "webhook", bad.get("webhook")))
          .post("/v2/crawl")
          .then()
          .statusCode(400)
          .body("success", equalTo(false))
          .body(containsString((String) bad.get("says")));
    }
  }
}
