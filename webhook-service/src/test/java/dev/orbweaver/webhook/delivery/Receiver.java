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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback: answers each delivery with the next scripted status (then 200),
 * after the next scripted delay (then the standing one), and records what arrived, with headers and
 * the time it arrived, and how many requests it held at once at most.
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
  private final Deque<Long> delays = new ArrayDeque<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private volatile long delayMs;
  private volatile String retryAfter;
  private volatile String location;

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
          mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
          try {
            long delay;
            int status;
            synchronized (script) {
              delay = delays.isEmpty() ? delayMs : delays.poll();
              status = script.isEmpty() ? 200 : script.poll();
            }
            if (delay > 0) {
              Thread.sleep(delay);
            }
            if (retryAfter != null && (status == 429 || status == 503)) {
              exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            if (location != null && status / 100 == 3) {
              exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException gone) {
            // the caller gave up (a timed-out attempt)
          } finally {
            open.decrementAndGet();
            exchange.close();
          }
        });
    server.start();
  }

  Receiver slow(long ms) {
    this.delayMs = ms;
    return this;
  }

  /** Delays for the first answers, one per request, before the standing delay applies. */
  Receiver delays(Long... ms) {
    synchronized (script) {
      delays.addAll(List.of(ms));
    }
    return this;
  }

  Receiver redirectTo(String url) {
    this.location = url;
    return this;
  }

  /** The most requests this receiver was answering at the same time. */
  int mostAtOnce() {
    return mostOpen.get();
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
