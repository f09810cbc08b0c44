package dev.orbweaver.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A customer's web site on loopback for crawl and scrape tests: pages, robots.txt, sitemaps,
 * redirects, error statuses, slow and non-HTML answers, served by the JDK's HTTP server on any
 * 127.0.0.x address. It records every request (path and time), so tests can check what a crawler
 * fetched, how often and how far apart.
 */
public final class FixtureSite implements AutoCloseable {
  private final String address;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private FixtureSite(String address) {
    this.address = address;
  }

  /** A site on a loopback address such as 127.0.0.2 (any port). */
  public static FixtureSite on(String address) {
    return new FixtureSite(address);
  }

  public FixtureSite page(String path, String html) {
    return answer(
        path,
        200,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8),
        Duration.ZERO,
        Map.of());
  }

  public FixtureSite file(String path, String contentType, byte[] body) {
    return answer(path, 200, contentType, body, Duration.ZERO, Map.of());
  }

  public FixtureSite text(String path, String contentType, String body) {
    return file(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public FixtureSite status(String path, int status, String html) {
    return answer(
        path,
        status,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8),
        Duration.ZERO,
        Map.of());
  }

  public FixtureSite redirect(String path, int status, String location) {
    return answer(
        path, status, "text/html", new byte[0], Duration.ZERO, Map.of("Location", location));
  }

  public FixtureSite slow(String path, Duration delay, String html) {
    return answer(
        path,
        200,
        "text/html; charset=utf-8",
        html.getBytes(StandardCharsets.UTF_8),
        delay,
        Map.of());
  }

  public FixtureSite answer(
      String path,
      int status,
      String contentType,
      byte[] body,
      Duration delay,
      Map<String, String> headers) {
    answers.put(path, new Answer(status, contentType, body, delay, headers));
    return this;
  }

  public FixtureSite start() {
    try {
      server = HttpServer.create(new InetSocketAddress(address, 0), 256);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::serve);
      server.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The site's origin, e.g. http://127.0.0.2:41234. */
  public String origin() {
    return "http://" + address + ":" + server.getAddress().getPort();
  }

  public String url(String path) {
    return origin() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request so far, in arrival order. */
  public List<Hit> hits() {
    return List.copyOf(hits);
  }

  public long hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).count();
  }

  /** Requests for pages, robots.txt and sitemaps aside. */
  public List<Hit> pageHits() {
    List<Hit> out = new ArrayList<>();
    for (Hit h : hits) {
      if (!h.path().equals("/robots.txt") && !h.path().contains("sitemap")) {
        out.add(h);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String full = query == null ? path : path + "?" + query;
    hits.add(new Hit(full, Instant.now(), exchange.getRequestHeaders().getFirst("User-Agent")));
    Answer answer = answers.getOrDefault(full, answers.get(path));
    try (exchange) {
      if (answer == null) {
        byte[] body =
            "<html><body><h1>Not found</h1></body></html>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(
          answer.status(), head || answer.body().length == 0 ? -1 : answer.body().length);
      if (!head && answer.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientWentAway) {
      // the crawler gave up (a timeout test): nothing to answer
    }
  }

  /** A request the site received. */
  public record Hit(String path, Instant at, String userAgent) {}

  private record Answer(
      int status, String contentType, byte[] body, Duration delay, Map<String, String> headers) {}
}
