package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * crawlcrawl's webhook_url end to end: crawl-service's outbox, the Redis Stream, webhook-service's
 * retries, and the delivery state on GET /v1/crawls/{id}; and a webhook-service killed with SIGKILL
 * in the middle of a retry series, which carries on after a restart with the same event.
 */
@ExtendWith(PlatformExtension.class)
class WebhookIT {

  @Test
  void aRunsWebhookIsDeliveredAndItsStateShowsOnTheRun(Platform platform) throws IOException {
    Platform.Account account = platform.createAccount("webhooks", "selfhost");
    try (FixtureSite site = Sites.web("127.0.0.23", 3).start();
        Receiver receiver = new Receiver(500)) {
      long id = startRun(platform, account, site, receiver);
      JsonPath run =
          CrawlDialectsIT.poll(
              () -> Gateway.as(platform, account.key()),
              "/v1/crawls/" + id,
              r -> "delivered".equals(r.getString("webhook_status")),
              Duration.ofSeconds(60));
      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("webhook_attempts")).isEqualTo(2);
      assertThat(run.getString("webhook_last_error")).isNull();

      assertThat(receiver.hits).hasSize(2);
      Hit delivered = receiver.hits.get(1);
      assertThat(delivered.runId()).isEqualTo(Long.toString(id));
      JsonPath body = JsonPath.from(delivered.body());
      assertThat(body.getLong("id")).isEqualTo(id);
      assertThat(body.getString("status")).isEqualTo("done");
      assertThat(body.getInt("page_count")).isEqualTo(4);
      assertThat(body.getString("delivered_at")).isNotNull();
    }
  }

  @Test
  void aRetrySeriesSurvivesWebhookServiceKilledMidway(Platform platform) throws IOException {
    Platform.Account account = platform.createAccount("webhook-crash", "selfhost");
    try (FixtureSite site = Sites.web("127.0.0.24", 2).start();
        Receiver receiver = new Receiver(500, 500, 500)) {
      long id = startRun(platform, account, site, receiver);
      waitFor(() -> receiver.hits.size() >= 2, Duration.ofSeconds(60));
      platform.kill("webhook-service");
      platform.upAgain();

      JsonPath run =
          CrawlDialectsIT.poll(
              () -> Gateway.as(platform, account.key()),
              "/v1/crawls/" + id,
              r -> "delivered".equals(r.getString("webhook_status")),
              Duration.ofSeconds(90));
      // An attempt in flight when the service died reached the receiver but was never recorded:
      // the run counts the attempts whose outcome it knows, the receiver saw every one.
      assertThat(run.getInt("webhook_attempts")).isGreaterThanOrEqualTo(3);
      List<String> ids = receiver.hits.stream().map(Hit::eventId).distinct().toList();
      assertThat(ids).as("one event, the same id at every attempt").hasSize(1);
      assertThat(receiver.hits).hasSizeGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void anAlterLabWebhookIsFilteredSignedAndItsStreamGetsEveryPage(Platform platform)
      throws Exception {
    Platform.Account account = platform.createAccount("alterlab-hooks", "lifetime");
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder().encodeToString(new byte[] {7, 1, 9, 4, 2, 8, 5, 3});
    try (FixtureSite site = Sites.web("127.0.0.25", 4).start();
        Receiver hooks = new Receiver();
        Receiver stream = new Receiver()) {
      String id =
          Gateway.anonymous(platform)
              .header("X-API-Key", account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url", site.url("/"),
                      "max_pages", 5,
                      "webhook",
                          Map.of(
                              "url", hooks.url(),
                              "events", List.of("crawl.completed"),
                              "secret", secret,
                              "headers", Map.of("X-Project-Id", "proj_123"),
                              "metadata", Map.of("source", "nightly-crawl")),
                      "output", Map.of("type", "webhook_stream", "url", stream.url())))
              .post("/api/v1/crawl")
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      waitFor(() -> hooks.hits.size() == 1 && stream.hits.size() == 5, Duration.ofSeconds(60));
      Thread.sleep(1000);

      assertThat(hooks.hits).as("only the event asked for").hasSize(1);
      Hit completed = hooks.hits.get(0);
      JsonPath event = JsonPath.from(completed.body());
      assertThat(event.getString("event")).isEqualTo("crawl.completed");
      assertThat(event.getString("crawl_id")).isEqualTo(id);
      assertThat(event.getString("metadata.source")).isEqualTo("nightly-crawl");
      assertThat(completed.headers().getFirst("X-Project-Id")).isEqualTo("proj_123");
      String timestamp = completed.headers().getFirst("webhook-timestamp");
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              java.util.Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      String expected =
          "v1,"
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal(
                          (completed.eventId() + "." + timestamp + "." + completed.body())
                              .getBytes(StandardCharsets.UTF_8)));
      assertThat(completed.headers().getFirst("webhook-signature")).isEqualTo(expected);

      assertThat(stream.hits).hasSize(5);
      assertThat(stream.hits)
          .allSatisfy(
              h ->
                  assertThat(JsonPath.from(h.body()).getString("event"))
                      .isEqualTo("crawl.page.completed"));
      assertThat(
              stream.hits.stream()
                  .map(h -> JsonPath.from(h.body()).getString("data.url"))
                  .distinct())
          .hasSize(5);
    }
  }

  /**
   * A Firecrawl v2 crawl's webhook through the gateway, in Firecrawl's shape: the chosen events
   * only, crawl.page carrying the page's document, metadata echoed, the caller's headers, and
   * X-Firecrawl-Signature over the raw body.
   */
  @Test
  void aFirecrawlWebhookIsWordedFilteredAndSignedAsFirecrawls(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("firecrawl-hooks", "lifetime");
    String secret = "fc-e2e-secret";
    try (FixtureSite site = Sites.web("127.0.0.31", 2).start();
        Receiver hooks = new Receiver()) {
      String id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url", site.url("/"),
                      "limit", 3,
                      "webhook",
                          Map.of(
                              "url", hooks.url(),
                              "events", List.of("page", "completed"),
                              "secret", secret,
                              "headers", Map.of("X-Team", "blue"),
                              "metadata", Map.of("run", "nightly"))))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      waitFor(
          () ->
              hooks.hits.stream()
                  .anyMatch(
                      h -> JsonPath.from(h.body()).getString("type").equals("crawl.completed")),
          Duration.ofSeconds(60));
      Thread.sleep(1000);

      List<String> types =
          hooks.hits.stream().map(h -> JsonPath.from(h.body()).getString("type")).toList();
      assertThat(types).containsOnly("crawl.page", "crawl.completed");
      assertThat(types).filteredOn("crawl.page"::equals).hasSize(3);
      for (Hit hit : hooks.hits) {
        JsonPath body = JsonPath.from(hit.body());
        assertThat(body.getString("id")).isEqualTo(id);
        assertThat(body.getBoolean("success")).isTrue();
        assertThat(body.getString("metadata.run")).isEqualTo("nightly");
        assertThat(body.getString("webhookId")).isEqualTo(hit.eventId());
        assertThat(hit.headers().getFirst("X-Team")).isEqualTo("blue");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(hit.headers().getFirst("X-Firecrawl-Signature"))
            .isEqualTo(
                "sha256="
                    + java.util.HexFormat.of()
                        .formatHex(mac.doFinal(hit.body().getBytes(StandardCharsets.UTF_8))));
        if (body.getString("type").equals("crawl.page")) {
          assertThat(body.getList("data")).hasSize(1);
          assertThat(body.getString("data[0].metadata.sourceURL")).startsWith(site.url("/"));
          assertThat(body.getString("data[0].markdown")).isNotBlank();
        } else {
          assertThat(body.getList("data")).isEmpty();
        }
      }
    }
  }

  /**
   * Events that were on the stream when Redis lost it (webhook-service down, so nobody had stored
   * them yet) reach the receiver after Redis and webhook-service are back: the relay republishes
   * what webhook-service never confirmed, under the ids the outbox gave them.
   */
  @Test
  void eventsLostWithRedisAreRepublishedUnderTheirOwnIds(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("redis-loss", "lifetime");
    try (FixtureSite site = Sites.web("127.0.0.26", 4);
        Receiver stream = new Receiver()) {
      site.slow("/", Duration.ofSeconds(2), Sites.page("Home", homeLinks(4)));
      site.start();
      String id = startStreamedCrawl(platform, account, site, stream, 5);
      platform.kill("webhook-service");
      try {
        waitFor(() -> unpublishedOrRunning(platform, id) == 0, Duration.ofSeconds(60));
        List<String> committed = pageEvents(platform, id);
        assertThat(committed).as("every page's event committed and published").hasSize(5);
        assertThat(stream.hits).as("nobody delivered while webhook-service was down").isEmpty();

        platform.stopRedis();
        platform.startRedis();
        platform.upAgain();

        waitFor(() -> stream.hits.size() >= 5, Duration.ofSeconds(150));
        Thread.sleep(1000);
        assertThat(stream.hits.stream().map(Hit::eventId).distinct())
            .as("each page once, under the id its outbox row was given")
            .containsExactlyInAnyOrderElementsOf(committed);
        assertThat(
                stream.hits.stream()
                    .map(h -> JsonPath.from(h.body()).getString("data.url"))
                    .distinct())
            .hasSize(5);
      } finally {
        platform.startRedis();
        platform.upAgain();
      }
    }
  }

  /**
   * crawl-service killed with SIGKILL in the middle of a crawl whose pages stream to a receiver:
   * after a restart the crawl completes, and every page arrives once, under one event id. (Short
   * leases, so that what the killed process held comes back within the test.)
   */
  @Test
  void aCrawlServiceKilledMidCrawlLosesNoPageEventAndSendsNoneTwice(Platform platform)
      throws Exception {
    Map<String, String> shortLeases = Map.of("ORBWEAVER_CRAWL_LEASE", "PT10S");
    Platform.Account account = platform.createAccount("crawl-crash-hooks", "lifetime");
    platform.kill("crawl-service");
    platform.launcher(shortLeases, Duration.ofMinutes(3), "up");
    try (FixtureSite site = FixtureSite.on("127.0.0.27");
        Receiver stream = new Receiver()) {
      site.page("/", Sites.page("Home", homeLinks(12)));
      for (int i = 0; i < 12; i++) {
        site.slow("/p/" + i, Duration.ofMillis(700), Sites.page("Page " + i, ""));
      }
      site.start();
      String id = startStreamedCrawl(platform, account, site, stream, 13);
      waitFor(() -> stream.hits.size() >= 2, Duration.ofSeconds(60));
      platform.kill("crawl-service");
      platform.launcher(shortLeases, Duration.ofMinutes(3), "up");

      waitFor(() -> unpublishedOrRunning(platform, id) == 0, Duration.ofSeconds(120));
      List<String> committed = pageEvents(platform, id);
      assertThat(committed).as("one committed event per page").hasSize(13);
      waitFor(() -> stream.hits.size() >= 13, Duration.ofSeconds(60));
      Thread.sleep(1000);
      assertThat(stream.hits.stream().map(Hit::eventId).distinct())
          .containsExactlyInAnyOrderElementsOf(committed);
      assertThat(
              stream.hits.stream()
                  .map(h -> JsonPath.from(h.body()).getString("data.url"))
                  .distinct())
          .hasSize(13);
    } finally {
      platform.kill("crawl-service");
      platform.upAgain();
    }
  }

  /** An AlterLab crawl of the site whose page results stream to {@code stream}; its crawl_id. */
  private static String startStreamedCrawl(
      Platform platform,
      Platform.Account account,
      FixtureSite site,
      Receiver stream,
      int maxPages) {
    return Gateway.anonymous(platform)
        .header("X-API-Key", account.key())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "url", site.url("/"),
                "max_pages", maxPages,
                "output", Map.of("type", "webhook_stream", "url", stream.url())))
        .post("/api/v1/crawl")
        .then()
        .statusCode(202)
        .extract()
        .path("crawl_id");
  }

  private static String homeLinks(int n) {
    StringBuilder links = new StringBuilder();
    for (int i = 0; i < n; i++) {
      links.append("<a href=\"/p/").append(i).append("\">p").append(i).append("</a> ");
    }
    return links.toString();
  }

  /** Outbox rows of the crawl not yet on the stream, or 1 while the crawl still runs. */
  private static int unpublishedOrRunning(Platform platform, String crawlId) {
    try (Connection db = platform.database();
        PreparedStatement query =
            db.prepareStatement(
                "select (select count(*) from crawl.outbox o where o.crawl_id = c.id"
                    + " and o.published_at is null) + (case when c.finished_at is null then 1"
                    + " else 0 end) from crawl.crawl c where c.public_id = ?::uuid")) {
      query.setString(1, crawlId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event ids the outbox gave the crawl's page results. */
  private static List<String> pageEvents(Platform platform, String crawlId) throws SQLException {
    try (Connection db = platform.database();
        PreparedStatement query =
            db.prepareStatement(
                "select o.event_id from crawl.outbox o join crawl.crawl c on c.id = o.crawl_id"
                    + " where c.public_id = ?::uuid and o.type = 'crawl.page.completed'")) {
      query.setString(1, crawlId);
      List<String> ids = new java.util.ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  private static long startRun(
      Platform platform, Platform.Account account, FixtureSite site, Receiver receiver) {
    return Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body(Map.of("url", site.url("/"), "delay_ms", 0, "webhook_url", receiver.url()))
        .post("/v1/crawls")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static void waitFor(java.util.function.BooleanSupplier done, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", patience).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  record Hit(String eventId, String runId, String body, com.sun.net.httpserver.Headers headers) {}

  /** A receiver on loopback answering the scripted statuses, then 200. */
  static final class Receiver implements AutoCloseable {
    final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script;
    private final HttpServer server;

    Receiver(Integer... statuses) throws IOException {
      script = new ArrayDeque<>(List.of(statuses));
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hits.add(
                new Hit(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("X-Crawler-Run-Id"),
                    body,
                    exchange.getRequestHeaders()));
            int status;
            synchronized (script) {
              status = script.isEmpty() ? 200 : script.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/crawl-done";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
