import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery throughput and lag against a running platform (bench/webhooks/run starts it).
 * Events go onto the Redis Stream exactly as crawl-service's relay puts them, each stamped with the
 * time it was published; receivers on loopback record when each arrives. Per scenario: 20 fast
 * subscriptions (receiver answers 200 at once) get EVENTS events at once (deliveries per second),
 * then 2,500 events at 250 a second (lag), while SLOW subscriptions (each answering after 500 ms)
 * get 10 events each in both phases.
 *
 * <p>usage: java WebhookBench.java WEBHOOK_URL SERVICE_TOKEN REDIS_HOST REDIS_PORT REDIS_DB EVENTS
 * SLOW...
 */
public class WebhookBench {
  static final Pattern SENT = Pattern.compile("\"sent_ms\":(\\d+)");

  public static void main(String[] args) throws Exception {
    String webhook = args[0];
    String token = args[1];
    String redisHost = args[2];
    int redisPort = Integer.parseInt(args[3]);
    int redisDb = Integer.parseInt(args[4]);
    int events = Integer.parseInt(args[5]);
    List<Integer> slowCounts = new ArrayList<>();
    for (int i = 6; i < args.length; i++) {
      slowCounts.add(Integer.parseInt(args[i]));
    }

    ConcurrentLinkedQueue<Long> fastLags = new ConcurrentLinkedQueue<>();
    AtomicInteger fastCount = new AtomicInteger();
    AtomicInteger slowCount = new AtomicInteger();
    long[] lastFast = {0};
    HttpServer fast = server(200, 0, body -> {
      long now = System.currentTimeMillis();
      Matcher m = SENT.matcher(body);
      if (m.find()) {
        fastLags.add(now - Long.parseLong(m.group(1)));
      }
      fastCount.incrementAndGet();
      synchronized (lastFast) {
        lastFast[0] = Math.max(lastFast[0], now);
      }
    });
    HttpServer slow = server(200, 500, body -> slowCount.incrementAndGet());
    HttpClient http = HttpClient.newHttpClient();

    System.out.printf(
        "| %-38s | %12s | %10s | %10s | %16s |%n",
        "receivers", "deliveries/s", "p50 lag ms", "p99 lag ms", "slow delivered");
    System.out.println(
        "|----------------------------------------|--------------|------------|------------|------------------|");
    try (Redis redis = new Redis(redisHost, redisPort, redisDb)) {
      // Warm-up (JIT, connection pools): a burst to fast receivers only, not reported.
      List<String> warm = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        warm.add(subscribe(http, webhook, token, url(fast)));
      }
      phase(redis, warm, List.of(), events, 0, 0, fastLags, fastCount, slowCount, lastFast);
      for (int slowSubs : slowCounts) {
        List<String> fastIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          fastIds.add(subscribe(http, webhook, token, url(fast)));
        }
        List<String> slowIds = new ArrayList<>();
        for (int i = 0; i < slowSubs; i++) {
          slowIds.add(subscribe(http, webhook, token, url(slow)));
        }
        int slowEvents = slowSubs * 10;
        slowCount.set(0);
        Phase burst =
            phase(redis, fastIds, slowIds, events, slowEvents, 0, fastLags, fastCount, slowCount, lastFast);
        Phase paced =
            phase(redis, fastIds, slowIds, PACED_EVENTS, slowEvents, PACED_RATE, fastLags, fastCount, slowCount, lastFast);
        System.out.printf(
            "| %-38s | %12.0f | %10d | %10d | %16s |%n",
            "20 fast + " + slowSubs + " slow (500 ms) receivers",
            burst.perSecond(),
            paced.p50(),
            paced.p99(),
            slowCount.get() + " of " + 2 * slowEvents);
        // Let the slow ones drain before the next scenario.
        long drain = System.currentTimeMillis() + 60_000;
        while (slowCount.get() < 2 * slowEvents && System.currentTimeMillis() < drain) {
          Thread.sleep(100);
        }
      }
    }
    fast.stop(0);
    slow.stop(0);
  }

  static final int PACED_EVENTS = 2500;
  static final int PACED_RATE = 250;

  record Phase(double perSecond, long p50, long p99) {}

  /**
   * Publishes {@code events} to the fast subscriptions (all at once when {@code rate} is 0, else
   * {@code rate} a second) with {@code slowEvents} to the slow ones spread among them, and waits
   * for the fast ones to arrive.
   */
  static Phase phase(
      Redis redis,
      List<String> fastIds,
      List<String> slowIds,
      int events,
      int slowEvents,
      int rate,
      ConcurrentLinkedQueue<Long> fastLags,
      AtomicInteger fastCount,
      AtomicInteger slowCount,
      long[] lastFast)
      throws Exception {
    fastLags.clear();
    fastCount.set(0);
    long start = System.currentTimeMillis();
    int total = events + slowEvents;
    int slowEvery = slowEvents == 0 ? Integer.MAX_VALUE : Math.max(1, total / slowEvents);
    int f = 0;
    int s = 0;
    for (int n = 0; n < total; n++) {
      boolean toSlow = s < slowEvents && (n % slowEvery == 0 || f >= events);
      String sub = toSlow ? slowIds.get(s++ % slowIds.size()) : fastIds.get(f++ % fastIds.size());
      if (rate > 0) {
        long due = start + (long) n * 1000 / rate;
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          redis.flush();
          Thread.sleep(wait);
        }
      }
      long sent = System.currentTimeMillis();
      String body =
          "{\"event\":\"crawl.page.completed\",\"crawl_id\":\"bench\",\"sent_ms\":" + sent
              + ",\"data\":{\"url\":\"https://example.com/p/" + n + "\"}}";
      redis.xadd(
          "orbweaver:events",
          "event_id", "evt_bench" + start + "x" + n + "r" + rate,
          "type", "crawl.page.completed",
          "account_id", "1",
          "subscription_ids", sub,
          "body", body,
          "occurred_at", java.time.Instant.ofEpochMilli(sent).toString());
    }
    redis.flush();
    long deadline = System.currentTimeMillis() + 120_000;
    while (fastCount.get() < events && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    long end;
    synchronized (lastFast) {
      end = lastFast[0];
    }
    List<Long> lags = new ArrayList<>(fastLags);
    Collections.sort(lags);
    double seconds = Math.max(0.001, (end - start) / 1000.0);
    return new Phase(fastCount.get() / seconds, percentile(lags, 0.50), percentile(lags, 0.99));
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  interface OnBody {
    void accept(String body);
  }

  static HttpServer server(int status, long delayMs, OnBody onBody) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (delayMs > 0) {
            try {
              Thread.sleep(delayMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          onBody.accept(body);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  static String subscribe(HttpClient http, String webhook, String token, String url)
      throws Exception {
    String body =
        "{\"account_id\":1,\"owner_ref\":\"bench:" + System.nanoTime()
            + "\",\"style\":\"alterlab\",\"url\":\"" + url + "\"}";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(webhook + "/internal/v1/subscriptions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("subscribe: " + answer.statusCode() + " " + answer.body());
    }
    Matcher m = Pattern.compile("\"subscription_id\":\"([^\"]+)\"").matcher(answer.body());
    if (!m.find()) {
      throw new IllegalStateException(answer.body());
    }
    return m.group(1);
  }

  /** Just enough RESP to SELECT and XADD, pipelined. */
  static final class Redis implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedInputStream in;
    private int unread;

    Redis(String host, int port, int db) throws IOException {
      socket = new Socket(host, port);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
      send("SELECT", Integer.toString(db));
      flush();
    }

    void xadd(String stream, String... fields) throws IOException {
      String[] command = new String[fields.length + 3];
      command[0] = "XADD";
      command[1] = stream;
      command[2] = "*";
      System.arraycopy(fields, 0, command, 3, fields.length);
      send(command);
      if (unread >= 100) {
        flush();
      }
    }

    private void send(String... parts) throws IOException {
      StringBuilder b = new StringBuilder("*").append(parts.length).append("\r\n");
      for (String p : parts) {
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        b.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      unread++;
    }

    void flush() throws IOException {
      out.flush();
      for (; unread > 0; unread--) {
        int type = in.read();
        String line = readLine();
        if (type == '-') {
          throw new IOException("redis: " + line);
        }
        if (type == '$') {
          int length = Integer.parseInt(line);
          if (length >= 0) {
            in.readNBytes(length + 2);
          }
        }
      }
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != '\r') {
        line.append((char) c);
      }
      in.read();
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      flush();
      socket.close();
    }
  }
}
