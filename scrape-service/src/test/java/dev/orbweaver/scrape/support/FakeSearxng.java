package dev.orbweaver.scrape.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SearXNG instance on loopback, speaking its JSON API: {@code GET /search?q&format=json
 * &categories&pageno&language&time_range}, three results a page, 403 unless {@code format=json} (as
 * SearXNG answers when the json format is not enabled). Results match when every word of the query
 * (operators aside) is in their title or content.
 */
public class FakeSearxng implements QuarkusTestResourceLifecycleManager {
  public static final int PAGE_SIZE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile FakeSearxng running;

  private final List<Doc> corpus = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** A document SearXNG knows. */
  public record Doc(
      String category, String url, String title, String content, String imgSrc, String published) {}

  public static FakeSearxng get() {
    return running;
  }

  public FakeSearxng add(Doc doc) {
    corpus.add(doc);
    return this;
  }

  /** The parameters of every search so far. */
  public List<Map<String, String>> queries() {
    return List.copyOf(queries);
  }

  public void reset() {
    corpus.clear();
    queries.clear();
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      server.createContext("/search", this::serve);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running = this;
    return Map.of(
        "orbweaver.scrape.search.searxng-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    running = null;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
      queries.add(params);
      if (!"json".equals(params.get("format"))) {
        send(exchange, 403, "text/html", "<h1>403 Forbidden</h1>");
        return;
      }
      List<String> categories = List.of(params.getOrDefault("categories", "general").split(","));
      List<String> words = new ArrayList<>();
      for (String word : params.getOrDefault("q", "").toLowerCase(Locale.ROOT).split("\\s+")) {
        if (!word.isBlank() && !word.contains(":")) {
          words.add(word);
        }
      }
      List<Doc> hits = new ArrayList<>();
      for (Doc doc : corpus) {
        String text = (doc.title() + " " + doc.content()).toLowerCase(Locale.ROOT);
        if (categories.contains(doc.category()) && words.stream().allMatch(text::contains)) {
          hits.add(doc);
        }
      }
      int page = Integer.parseInt(params.getOrDefault("pageno", "1"));
      ObjectNode body = JSON.createObjectNode();
      body.put("query", params.get("q"));
      body.put("number_of_results", hits.size());
      ArrayNode results = body.putArray("results");
      for (int i = (page - 1) * PAGE_SIZE; i < Math.min(hits.size(), page * PAGE_SIZE); i++) {
        Doc doc = hits.get(i);
        ObjectNode result = results.addObject();
        result.put("url", doc.url()).put("title", doc.title()).put("content", doc.content());
        result.put("engine", "fake").putArray("engines").add("fake");
        result.put("score", 10.0 - i).put("category", doc.category());
        if (doc.imgSrc() != null) {
          result.put("img_src", doc.imgSrc()).put("resolution", "800 x 600");
        }
        if (doc.published() != null) {
          result.put("publishedDate", doc.published());
        }
      }
      body.putArray("answers");
      body.putArray("suggestions");
      body.putArray("unresponsive_engines");
      send(exchange, 200, "application/json", body.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(name, value);
    }
    return out;
  }
}
