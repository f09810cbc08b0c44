package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.e2e.HostileRequests.Auth;
import dev.orbweaver.e2e.HostileRequests.Expect;
import dev.orbweaver.e2e.HostileRequests.Hostile;
import dev.orbweaver.e2e.OpenApiOperations.Operation;
import dev.orbweaver.e2e.RouteEnvelopes.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks the merged OpenAPI document the gateway serves and sends every operation malformed input
 * derived from its schema ({@link HostileRequests}): with the account's key, without one and with
 * broken ones. Every answer must be below 500 and, when it is an error, in the envelope of the
 * route's dialect ({@link RouteEnvelopes}); values every route must refuse (control characters,
 * bodies that are not JSON) must get a 4xx. All violations are collected and reported at once.
 */
@ExtendWith(PlatformExtension.class)
class MalformedInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

  /** Requests in flight at once: enough to finish in time, few enough for a 2-core machine. */
  private static final int IN_FLIGHT = 4;

  /**
   * A valid body per operation, on which one thing at a time is spoiled; {@code ${site}} is the
   * loopback fixture site. Every job it starts is small (one page) and cancelled when accepted.
   */
  private static final Map<String, String> BASELINES =
      Map.ofEntries(
          Map.entry(
              "POST /admin/v1/accounts", "{\"name\": \"malformed-walk\", \"plan\": \"free\"}"),
          Map.entry("PATCH /admin/v1/accounts/{id}", "{\"status\": \"active\"}"),
          Map.entry(
              "POST /admin/v1/accounts/{id}/credits",
              "{\"amount\": 1, \"ref\": \"malformed-walk\"}"),
          Map.entry("PUT /admin/v1/accounts/{id}/plan", "{\"plan\": \"free\"}"),
          Map.entry("POST /api/v1/backlinks", "{\"domain\": \"google.com\", \"limit\": 5}"),
          Map.entry("POST /api/v1/crawl", "{\"url\": \"${site}/\", \"max_pages\": 1}"),
          Map.entry(
              "POST /api/v1/gap-analysis",
              "{\"my_domain\": \"google.com\", \"competitor_domains\": [\"facebook.com\"]}"),
          Map.entry("POST /api/v1/keys", "{\"label\": \"malformed-walk\"}"),
          Map.entry(
              "POST /api/v1/outreach-targets",
              "{\"my_domain\": \"google.com\", \"competitor_domains\": [\"facebook.com\","
                  + " \"youtube.com\"], \"limit\": 5}"),
          Map.entry(
              "POST /mcp",
              "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\":"
                  + " {\"name\": \"releases\", \"arguments\": {}}}"),
          Map.entry("POST /v1/batch/scrape", "{\"urls\": [\"${site}/a\"]}"),
          Map.entry("POST /v2/batch/scrape", "{\"urls\": [\"${site}/a\"]}"),
          Map.entry(
              "POST /v1/change-tracking/diff",
              "{\"previous\": {\"markdown\": \"# A\\nold\"}, \"current\": {\"markdown\":"
                  + " \"# A\\nnew\"}}"),
          Map.entry("POST /v1/crawl", "{\"url\": \"${site}/\", \"maxPages\": 1}"),
          Map.entry("POST /v2/crawl", "{\"url\": \"${site}/\", \"limit\": 1}"),
          Map.entry("POST /v1/crawls", "{\"url\": \"${site}/\", \"max_pages\": 1}"),
          Map.entry(
              "POST /v1/extract",
              "{\"url\": \"${site}/news/bridge\", \"schema\": {\"type\": \"object\","
                  + " \"properties\": {\"title\": {\"type\": \"string\"}}}}"),
          Map.entry(
              "POST /v2/extract",
              "{\"urls\": [\"${site}/news/bridge\"], \"schema\": {\"type\": \"object\","
                  + " \"properties\": {\"title\": {\"type\": \"string\"}}}}"),
          Map.entry("POST /v1/map", "{\"url\": \"${site}/\", \"limit\": 5}"),
          Map.entry("POST /v2/map", "{\"url\": \"${site}/\", \"limit\": 5}"),
          Map.entry("POST /v1/scrape", "{\"url\": \"${site}/a\"}"),
          Map.entry("POST /v2/scrape", "{\"url\": \"${site}/a\"}"),
          Map.entry("POST /v1/search", "{\"query\": \"bridge\", \"limit\": 1}"),
          Map.entry("POST /v2/search", "{\"query\": \"bridge\", \"limit\": 1}"));

  /**
   * Body properties that get only values every route must refuse (and wrong types): any value the
   * service accepts makes it call an LLM provider on the internet with that key.
   */
  private static final Map<String, String> REFUSED_ONLY =
      Map.of(
          "llmApiKey",
          "an accepted key sends the request to a real LLM provider on the internet, whose failure"
              + " is a 502 llm_error by contract");

  /** Operations not walked at all, each with its reason (none today; keep it that way). */
  private static final Map<String, String> EXCLUDED = Map.of();

  @Test
  void everyOperationAnswersMalformedInputBelow500InItsRoutesEnvelope(Platform platform)
      throws Exception {
    Instant started = Instant.now();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    RouteEnvelopes envelopes = RouteEnvelopes.ofGatewayConfiguration(root());
    JsonNode merged = JSON.readTree(get(http, platform.gatewayUrl() + "/openapi.json"));
    OpenApiOperations document = new OpenApiOperations(merged);
    List<Operation> operations = document.all();
    assertThat(operations).as("operations in the merged document").hasSizeGreaterThan(50);
    assertThat(EXCLUDED.keySet())
        .as("excluded operations that the document still has")
        .isSubsetOf(operations.stream().map(Operation::name).collect(Collectors.toSet()));

    try (SdkFixtures fixtures = SdkFixtures.start(Platform.SEARXNG_PORT)) {
      Walk walk = new Walk(platform, http, envelopes, fixtures.origin());
      walk.prepare(operations);
      HostileRequests hostile = new HostileRequests(document);
      List<Runnable> sends = new ArrayList<>();
      for (Operation op : operations) {
        if (EXCLUDED.containsKey(op.name())) {
          continue;
        }
        boolean deletesFixture = op.method().equals("DELETE") && !op.in("path").isEmpty();
        boolean followsAJob = op.path().endsWith("/events");
        if (deletesFixture) {
          walk.notSent(op.name() + " valid request", "it would delete the fixture the others read");
        }
        if (followsAJob) {
          walk.notSent(op.name() + " valid request", "a stream that follows the job to its end");
        }
        List<Hostile> requests =
            hostile.of(
                op,
                walk.baseline(op),
                walk.ids(op),
                !deletesFixture && !followsAJob,
                REFUSED_ONLY,
                envelopes.of(op.path()) != Envelope.MCP);
        walk.planned.merge(op.name(), requests.size(), Integer::sum);
        for (Hostile request : requests) {
          sends.add(() -> walk.send(op, request));
        }
      }
      // Each path once with a method none of its operations takes.
      Map<String, List<Operation>> byPath = new TreeMap<>();
      operations.forEach(op -> byPath.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(op));
      byPath.forEach(
          (path, ops) -> {
            Set<String> declared = ops.stream().map(Operation::method).collect(Collectors.toSet());
            Optional<String> other =
                Stream.of("PUT", "PATCH").filter(m -> !declared.contains(m)).findFirst();
            Operation op = ops.get(0);
            if (other.isEmpty()) {
              walk.notSent(path + " undeclared method", "it takes both PUT and PATCH");
              return;
            }
            Hostile request = hostile.undeclaredMethod(op, walk.ids(op), other.get());
            walk.planned.merge(op.name(), 1, Integer::sum);
            sends.add(() -> walk.send(op, request));
          });
      ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
      sends.forEach(pool::submit);
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).as("walk finished").isTrue();

      String report = walk.report(Duration.between(started, Instant.now()));
      System.out.println(report);
      assertThat(walk.violations).as(report).isEmpty();
    }
  }

  /** One walk of the document: its accounts, fixtures, requests and findings. */
  private static final class Walk {
    private final Platform platform;
    private final HttpClient http;
    private final RouteEnvelopes envelopes;
    private final String site;
    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Map<String, String> fixtureIds = new HashMap<>();
    private final Map<String, String> notSent = new TreeMap<>();
    private final Map<String, String> generatedBaselines = new TreeMap<>();
    private final Map<String, Integer> planned = new TreeMap<>();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> millis = new ConcurrentHashMap<>();
    private final Queue<Violation> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private String mainKey;
    private String mcpSession;

    /** Collections whose items the document lets one read, and delete, by id. */
    private final Set<String> reads = new HashSet<>();

    private final Set<String> deletes = new HashSet<>();

    Walk(Platform platform, HttpClient http, RouteEnvelopes envelopes, String site) {
      this.platform = platform;
      this.http = http;
      this.envelopes = envelopes;
      this.site = site;
    }

    /**
     * An account for the walk, one more for each operation that starts a job (so that one
     * operation's accepted jobs never hold another's concurrency slots), and a real id of every
     * kind a path names, owned by the walk's account.
     */
    void prepare(List<Operation> operations) throws IOException, InterruptedException {
      for (Operation op : operations) {
        if (op.path().matches(".*/\\{[^/]+}$")) {
          String collection = op.path().substring(0, op.path().lastIndexOf('/'));
          if (op.method().equals("GET")) {
            reads.add(collection);
          } else if (op.method().equals("DELETE")) {
            deletes.add(collection);
          }
        }
      }
      mainKey = openAccount("malformed-walk").path("key").path("key").asText();
      for (Operation op : operations) {
        // A job the document lets one cancel holds a concurrency slot until it is cancelled.
        if (op.method().equals("POST") && deletes.contains(op.path()) && !op.adminToken()) {
          credentials.put(
              op.name(), openAccount("malformed " + op.path()).path("key").path("key").asText());
        }
      }
      fixtureIds.put(
          "/admin/v1/accounts",
          openAccount("malformed-target").path("account").path("id").asText());
      fixtureIds.put("/api/v1/keys", create("/api/v1/keys", "{\"label\": \"walk-target\"}", "id"));
      fixtureIds.put(
          "/api/v1/gap-analysis",
          create(
              "/api/v1/gap-analysis",
              "{\"my_domain\": \"google.com\", \"competitor_domains\": [\"facebook.com\"]}",
              "job_id"));
      String run = create("/v1/crawls", baselineText("POST /v1/crawls"), "id");
      fixtureIds.put("/v1/crawls", run);
      fixtureIds.put(
          "/api/v1/crawl", create("/api/v1/crawl", baselineText("POST /api/v1/crawl"), "crawl_id"));
      fixtureIds.put("/v1/crawl", create("/v1/crawl", baselineText("POST /v1/crawl"), "id"));
      fixtureIds.put("/v2/crawl", create("/v2/crawl", baselineText("POST /v2/crawl"), "id"));
      fixtureIds.put(
          "/v1/batch/scrape",
          create("/v1/batch/scrape", baselineText("POST /v1/batch/scrape"), "id"));
      fixtureIds.put(
          "/v2/batch/scrape",
          create("/v2/batch/scrape", baselineText("POST /v2/batch/scrape"), "id"));
      fixtureIds.put("/v1/pages", firstPage(run));
      mcpSession = openMcpSession();
    }

    private JsonNode openAccount(String name) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/admin/v1/accounts"))
                  .timeout(ANSWER_WITHIN)
                  .header("Authorization", "Bearer " + platform.adminToken())
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\": \"" + name + "\", \"plan\": \"selfhost\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return JSON.readTree(response.body());
    }

    private String create(String path, String body, String idField)
        throws IOException, InterruptedException {
      HttpResponse<String> response = call("POST", path, body);
      assertThat(response.statusCode())
          .as("fixture " + path + ": " + response.body())
          .isBetween(200, 299);
      return JSON.readTree(response.body()).path(idField).asText();
    }

    private HttpResponse<String> call(String method, String path, String body)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
              .timeout(ANSWER_WITHIN)
              .header("Authorization", "Bearer " + mainKey)
              .header("X-Forwarded-For", Gateway.newClientAddress())
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the crawlcrawl run's first page, once it has one. */
    private String firstPage(String run) throws IOException, InterruptedException {
      Instant deadline = Instant.now().plusSeconds(60);
      while (Instant.now().isBefore(deadline)) {
        JsonNode items =
            JSON.readTree(call("GET", "/v1/crawls/" + run + "/pages", null).body()).path("items");
        if (items.size() > 0) {
          return items.get(0).path("id").asText();
        }
        Thread.sleep(200); // polling the run: the API has no way to wait for a page
      }
      throw new IllegalStateException("run " + run + " stored no page within 60 s");
    }

    private String openMcpSession() throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/mcp"))
                  .timeout(ANSWER_WITHIN)
                  .header("Authorization", "Bearer " + mainKey)
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\":"
                              + " {\"protocolVersion\": \"2025-03-26\", \"capabilities\": {},"
                              + " \"clientInfo\": {\"name\": \"malformed-walk\", \"version\":"
                              + " \"1\"}}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Optional<String> session = response.headers().firstValue("Mcp-Session-Id");
      assertThat(session).as("MCP session: " + response.body()).isPresent();
      return session.get();
    }

    private String baselineText(String operation) {
      return BASELINES.get(operation).replace("${site}", site);
    }

    /** The operation's valid body: ours, else the document's example, else an empty object. */
    JsonNode baseline(Operation op) throws IOException {
      if (!op.hasJsonBody()) {
        return null;
      }
      if (BASELINES.containsKey(op.name())) {
        return JSON.readTree(baselineText(op.name()));
      }
      generatedBaselines.put(op.name(), op.bodyExample() != null ? "the document's example" : "{}");
      return op.bodyExample() != null ? op.bodyExample() : JSON.createObjectNode();
    }

    /** A real id for every path parameter, from the fixture of the collection it names. */
    Map<String, String> ids(Operation op) {
      Map<String, String> ids = new HashMap<>();
      op.in("path")
          .forEach(
              p -> {
                String collection =
                    op.path().substring(0, op.path().indexOf("/{" + p.name() + "}"));
                String id = fixtureIds.get(collection);
                assertThat(id).as("a fixture id for " + op.name()).isNotNull();
                ids.put(p.name(), id);
              });
      return ids;
    }

    void notSent(String what, String why) {
      notSent.put(what, why);
    }

    /** Sends one hostile request and records what is wrong with its answer. */
    void send(Operation op, Hostile request) {
      Envelope envelope = envelopes.of(op.path());
      HttpRequest built;
      try {
        built = build(op, request);
      } catch (IllegalArgumentException unsendable) {
        violations.add(
            new Violation(
                request, 0, "the test could not send it: " + unsendable.getMessage(), ""));
        return;
      }
      sent.incrementAndGet();
      HttpResponse<byte[]> response;
      // The request's timeout ends at the answer's headers; a body that never ends (a stream) is
      // bounded here.
      long started = System.nanoTime();
      var answer = http.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray());
      try {
        response = answer.get(ANSWER_WITHIN.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        violations.add(
            new Violation(
                request, 0, "no whole answer within " + ANSWER_WITHIN.toSeconds() + " s", ""));
        return;
      } catch (ExecutionException e) {
        String problem =
            e.getCause() instanceof HttpTimeoutException
                ? "no answer within " + ANSWER_WITHIN.toSeconds() + " s"
                : "connection failed: " + e.getCause();
        violations.add(new Violation(request, 0, problem, ""));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      millis
          .computeIfAbsent(op.name(), k -> new AtomicLong())
          .addAndGet((System.nanoTime() - started) / 1_000_000);
      int status = response.statusCode();
      statuses
          .computeIfAbsent(op.name() + " " + status, k -> new AtomicInteger())
          .incrementAndGet();
      String head = head(response.body());
      if (status >= 500) {
        violations.add(new Violation(request, status, "a server error", head));
      } else if (status >= 300 && !envelope.test(parse(response.body()))) {
        violations.add(
            new Violation(request, status, "not in the " + envelope + " envelope", head));
      } else if (status < 400
          && request.expect() == Expect.REFUSED
          && !jsonRpcError(envelope, response.body())) {
        violations.add(
            new Violation(request, status, "accepted what every route must refuse", head));
      }
      if (status < 300 && request.auth() == Auth.KEY) {
        cancel(op, request, response.body());
      }
    }

    /** MCP refuses a message with JSON-RPC's error, also in a 200 (a parse error, for one). */
    private static boolean jsonRpcError(Envelope envelope, byte[] body) {
      JsonNode answer = parse(body);
      return envelope == Envelope.MCP && answer != null && answer.path("error").isObject();
    }

    private HttpRequest build(Operation op, Hostile request) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + request.target()))
              .timeout(ANSWER_WITHIN)
              .header("X-Forwarded-For", Gateway.newClientAddress());
      Map<String, String> headers = new LinkedHashMap<>();
      if (request.body() != null) {
        headers.put("Content-Type", "application/json");
      }
      if (op.path().equals("/mcp")) {
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("Mcp-Session-Id", mcpSession);
      }
      if (request.auth() == Auth.KEY) {
        headers.put("Authorization", "Bearer " + credential(op));
      }
      headers.putAll(request.headers());
      headers.forEach(builder::header);
      HttpRequest.BodyPublisher body =
          request.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(request.body());
      // A publisher of unknown length makes the client send the body chunked.
      builder.method(
          request.method(),
          request.chunked() ? HttpRequest.BodyPublishers.fromPublisher(body) : body);
      return builder.build();
    }

    private String credential(Operation op) {
      return op.adminToken() ? platform.adminToken() : credentials.getOrDefault(op.name(), mainKey);
    }

    /** A job an accepted request started is cancelled at once: the walk starts no long crawls. */
    private void cancel(Operation op, Hostile request, byte[] body) {
      if (!op.method().equals("POST") || op.adminToken()) {
        return;
      }
      JsonNode answer = parse(body);
      String id = null;
      for (String field : List.of("id", "crawl_id", "job_id")) {
        if (answer != null && answer.path(field).isValueNode()) {
          id = answer.path(field).asText();
          break;
        }
      }
      if (id == null) {
        return;
      }
      // What the hostile request stored must read back, and what it started is ended at once.
      if (reads.contains(op.path())) {
        follow(op, request, "GET", id, "reading what it started");
      }
      if (deletes.contains(op.path())) {
        follow(op, request, "DELETE", id, "cancelling what it started");
      }
    }

    private void follow(Operation op, Hostile request, String method, String id, String what) {
      try {
        HttpResponse<byte[]> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + op.path() + "/" + id))
                    .timeout(ANSWER_WITHIN)
                    .header("Authorization", "Bearer " + credential(op))
                    .header("X-Forwarded-For", Gateway.newClientAddress())
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() >= 500) {
          violations.add(
              new Violation(request, answer.statusCode(), what + " failed", head(answer.body())));
        }
      } catch (IOException e) {
        violations.add(new Violation(request, 0, what + " failed: " + e, ""));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String report(Duration took) {
      StringBuilder out = new StringBuilder();
      int operations = planned.size();
      out.append(
          String.format(
              "%,d requests to %d operations in %d s; %d violations%n",
              sent.get(), operations, took.toSeconds(), violations.size()));
      Map<String, List<Violation>> byOperation =
          violations.stream()
              .sorted(Comparator.comparing(Violation::operation).thenComparing(Violation::variant))
              .collect(
                  Collectors.groupingBy(Violation::operation, TreeMap::new, Collectors.toList()));
      byOperation.forEach(
          (op, list) -> {
            out.append(op).append('\n');
            list.forEach(v -> out.append("  ").append(v.line()).append('\n'));
          });
      out.append("Excluded operations:").append(EXCLUDED.isEmpty() ? " none\n" : "\n");
      EXCLUDED.forEach(
          (op, why) -> out.append("  ").append(op).append(": ").append(why).append('\n'));
      out.append("Not sent:\n");
      notSent.forEach(
          (what, why) -> out.append("  ").append(what).append(": ").append(why).append('\n'));
      REFUSED_ONLY.forEach(
          (field, why) ->
              out.append("  body ")
                  .append(field)
                  .append(" values that could be accepted: ")
                  .append(why)
                  .append('\n'));
      out.append("Bodies from the document rather than our table:")
          .append(generatedBaselines.isEmpty() ? " none\n" : "\n");
      generatedBaselines.forEach(
          (op, from) -> out.append("  ").append(op).append(": ").append(from).append('\n'));
      out.append("Time spent answering, by operation (the ten slowest):\n");
      millis.entrySet().stream()
          .sorted(Comparator.comparingLong(e -> -e.getValue().get()))
          .limit(10)
          .forEach(
              e ->
                  out.append(
                      String.format(
                          "  %s: %,d ms over %d requests%n",
                          e.getKey(), e.getValue().get(), planned.get(e.getKey()))));
      out.append("Answers by operation and status:\n");
      new TreeMap<>(statuses)
          .forEach((k, n) -> out.append("  ").append(k).append(": ").append(n).append('\n'));
      return out.toString();
    }
  }

  /** One thing wrong with one answer. */
  private record Violation(
      String operation, String variant, String target, int status, String problem, String head) {
    Violation(Hostile request, int status, String problem, String head) {
      this(
          request.operation(),
          request.variant()
              + (request.auth() == Auth.KEY
                  ? ""
                  : " (" + request.auth().name().toLowerCase() + " credential)"),
          request.target(),
          status,
          problem,
          head);
    }

    String line() {
      return variant
          + " -> "
          + (status == 0 ? "" : status + " ")
          + problem
          + (head.isEmpty() ? "" : ": " + head)
          + "   ["
          + HostileRequests.shorten(target)
          + "]";
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** The first 160 characters of a body, control characters shown as escapes. */
  private static String head(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(160)
        .forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
    return body.length == 0 ? "(empty body)" : out.toString();
  }

  private static String get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Path root() {
    return Path.of(System.getProperty("orbweaver.root", "..")).toAbsolutePath().normalize();
  }
}
