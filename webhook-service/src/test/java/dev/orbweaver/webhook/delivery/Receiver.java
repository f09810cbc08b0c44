package dev.orbweaver.webhook.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback: answers each delivery with the next scripted status (then 200)
 * and records what arrived, with headers and the time it arrived.
 */
final class Receiver implements AutoCloseable {
  record Hit(Instant at, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private volatile long delayMs;
  private volatile String retryAfter;

  Receiver(Integer... statuses) {
    script.addAll(List.of(statuses));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          hits.add(new Hit(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body));
          if (delayMs > 0) {
            try {
              Thread.sleep(delayMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          int status;
          synchronized (script) {
            status = script.isEmpty() ? 200 : script.poll();
          }
          if (retryAfter != null && (status == 429 || status == 503)) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  Receiver slow(long ms) {
    this.delayMs = ms;
    return this;
  }

  Receiver retryAfter(String value) {
    this.retryAfter = value;
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
