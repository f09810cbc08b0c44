package dev.orbweaver.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * What the Firecrawl SDK test scrapes and searches, on loopback: a customer's site (pages from
 * {@code src/test/resources/sdk-site}, robots.txt and a sitemap) and a SearXNG instance speaking
 * its JSON API ({@code GET /search?format=json}) whose results point at that site.
 */
final class SdkFixtures implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> PAGES =
      Map.of(
          "/", "index.html",
          "/news/bridge", "news-bridge.html",
          "/shop/trailrunner", "shop-trailrunner.html",
          "/a", "a.html",
          "/b", "b.html");

  /** A search result the stub knows: the page, its title and its snippet. */
  private record Result(String path, String title, String content) {}

  private static final List<Result> INDEX =
      List.of(
          new Result(
              "/news/bridge",
              "Harbour bridge reopens",
              "The harbour bridge reopened after six weeks of repairs."),
          new Result(
              "/shop/trailrunner",
              "Trailrunner 3 – a bridge between road and trail",
              "Light trail shoe."),
          new Result("/a", "Page A", "The first page of the batch."));

  private final HttpServer site;
  private final HttpServer searxng;

  private SdkFixtures(HttpServer site, HttpServer searxng) {
    this.site = site;
    this.searxng = searxng;
  }

  /** Starts the site on any port and SearXNG on the port the platform was told about. */
  static SdkFixtures start(int searxngPort) {
    try {
      HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      HttpServer searxng = HttpServer.create(new InetSocketAddress("127.0.0.1", searxngPort), 64);
      SdkFixtures fixtures = new SdkFixtures(site, searxng);
      site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      searxng.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      site.createContext("/", fixtures::page);
      searxng.createContext("/search", fixtures::search);
      site.start();
      searxng.start();
      return fixtures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String origin() {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  @Override
  public void close() {
    site.stop(0);
    searxng.stop(0);
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/robots.txt")) {
        send(
            exchange,
            200,
            "text/plain",
            "User-agent: *\nAllow: /\nSitemap: " + origin() + "/sitemap.xml\n");
        return;
      }
      if (path.equals("/sitemap.xml")) {
        send(
            exchange,
            200,
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + "<url><loc>"
                + origin()
                + "/news/bridge</loc></url>\n"
                + "<url><loc>"
                + origin()
                + "/a?utm_campaign=sitemap</loc></url>\n"
                + "</urlset>\n");
        return;
      }
      String file = PAGES.get(path);
      if (file == null) {
        send(
            exchange,
            404,
            "text/html; charset=utf-8",
            "<html><body><h1>Not found</h1></body></html>");
        return;
      }
      send(exchange, 200, "text/html; charset=utf-8", resource(file));
    }
  }

  private void search(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      String q = param(query, "q").toLowerCase(Locale.ROOT);
      if (!"json".equals(param(query, "format"))) {
        send(exchange, 403, "text/html", "<h1>403 Forbidden</h1>");
        return;
      }
      int page = Integer.parseInt(param(query, "pageno").isEmpty() ? "1" : param(query, "pageno"));
      // Built with Jackson: the query comes back in the answer, and may hold quotes or line breaks.
      ObjectNode answer = JSON.createObjectNode();
      answer.put("query", q);
      answer.put("number_of_results", 0);
      ArrayNode results = answer.putArray("results");
      if (page == 1) {
        for (Result result : INDEX) {
          String text = (result.title() + " " + result.content()).toLowerCase(Locale.ROOT);
          boolean matches = true;
          for (String word : q.split("\\s+")) {
            matches &= word.isBlank() || text.contains(word);
          }
          if (!matches) {
            continue;
          }
          ObjectNode hit = results.addObject();
          hit.put("url", origin() + result.path());
          hit.put("title", result.title());
          hit.put("content", result.content());
          hit.put("engine", "stub");
          hit.putArray("engines").add("stub");
          hit.put("score", 1.0);
          hit.put("category", "general");
        }
      }
      answer.putArray("answers");
      answer.putArray("suggestions");
      answer.putArray("unresponsive_engines");
      send(exchange, 200, "application/json", JSON.writeValueAsString(answer));
    }
  }

  private static String param(String rawQuery, String name) {
    if (rawQuery == null) {
      return "";
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = SdkFixtures.class.getResourceAsStream("/sdk-site/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
}
