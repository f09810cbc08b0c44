import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery throughput and lag against a running platform (bench/webhooks/run starts it).
 * Events are committed to crawl-service's outbox exactly as the crawl engine commits them, each
 * stamped with the time of its commit; crawl-service's relay puts them on the Redis Stream,
 * webhook-service delivers them, and receivers on loopback record when each arrives. Per scenario:
 * 20 fast subscriptions (one receiver answering 200 at once) get EVENTS events at once (deliveries
 * per second), then 2,500 events at 250 a second, one commit each (lag from commit to arrival),
 * while SLOW receivers (each on its own port, answering after 500 ms) get 10 events each in both
 * phases.
 *
 * <p>usage: java -cp postgresql.jar WebhookBench.java WEBHOOK_URL SERVICE_TOKEN JDBC_URL EVENTS
 * SLOW...
 */
public class WebhookBench {
  static final Pattern SENT = Pattern.compile("\"sent_ms\":\\s*(\\d+)");
  static final int PACED_EVENTS = 2500;
  static final int PACED_RATE = 250;
  static final int FAST_SUBSCRIPTIONS = 20;
  static final int EVENTS_PER_SLOW = 10;
  static final long SLOW_MS = 500;

  public static void main(String[] args) throws Exception {
    String webhook = args[0];
    String token = args[1];
    String jdbc = args[2];
    int events = Integer.parseInt(args[3]);
    List<Integer> slowCounts = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      slowCounts.add(Integer.parseInt(args[i]));
    }

    Arrivals fastArrivals = new Arrivals();
    Arrivals slowArrivals = new Arrivals();
    HttpServer fast = server(0, fastArrivals);
    List<HttpServer> slow = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();

    System.out.printf(
        "| %-37s | %12s | %10s | %10s | %14s | %14s |%n",
        "receivers",
        "deliveries/s",
        "p50 lag ms",
        "p99 lag ms",
        "slow p50 lag s",
        "slow delivered");
    System.out.println(
        "|---------------------------------------|--------------|------------|------------|----------------|----------------|");
    try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
      Outbox outbox = new Outbox(db);
      // Warm-up (JIT, connection pools, the relay): a burst to fast receivers only, not reported.
      List<String> warm = subscribe(http, webhook, token, List.of(url(fast)), FAST_SUBSCRIPTIONS);
      phase(outbox, warm, List.of(), events, 0, 0, fastArrivals, slowArrivals);
      for (int slowReceivers : slowCounts) {
        while (slow.size() < slowReceivers) {
          slow.add(server(SLOW_MS, slowArrivals));
        }
        List<String> fastIds = subscribe(http, webhook, token, List.of(url(fast)), FAST_SUBSCRIPTIONS);
        List<String> slowIds =
            subscribe(
                http,
                webhook,
                token,
                slow.subList(0, slowReceivers).stream().map(WebhookBench::url).toList(),
                slowReceivers);
        int slowEvents = slowReceivers * EVENTS_PER_SLOW;
        slowArrivals.reset();
        Phase burst = phase(outbox, fastIds, slowIds, events, slowEvents, 0, fastArrivals, slowArrivals);
        Phase paced =
            phase(outbox, fastIds, slowIds, PACED_EVENTS, slowEvents, PACED_RATE, fastArrivals, slowArrivals);
        // Let the slow ones drain before the next scenario.
        long drain = System.currentTimeMillis() + 60_000;
        while (slowArrivals.count() < 2 * slowEvents && System.currentTimeMillis() < drain) {
          Thread.sleep(100);
        }
        System.out.printf(
            "| %-37s | %12.0f | %10d | %10d | %14.1f | %14s |%n",
            "20 fast + " + slowReceivers + " slow (500 ms) receivers",
            burst.perSecond(),
            paced.p50(),
            paced.p99(),
            slowArrivals.percentile(0.50) / 1000.0,
            slowArrivals.count() + " of " + 2 * slowEvents);
      }
    }
    fast.stop(0);
    slow.forEach(s -> s.stop(0));
  }

  record Phase(double perSecond, long p50, long p99) {}

  /** Arrivals at a set of receivers: how many, when the last came, and their lags. */
  static final class Arrivals {
    final ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong last = new AtomicLong();

    void arrived(String body) {
      long now = System.currentTimeMillis();
      Matcher m = SENT.matcher(body);
      if (m.find()) {
        lags.add(now - Long.parseLong(m.group(1)));
      }
      count.incrementAndGet();
      last.accumulateAndGet(now, Math::max);
    }

    void reset() {
      lags.clear();
      count.set(0);
    }

    int count() {
      return count.get();
    }

    long percentile(double p) {
      List<Long> sorted = new ArrayList<>(lags);
      Collections.sort(sorted);
      return WebhookBench.percentile(sorted, p);
    }
  }

  /**
   * Commits {@code events} to the fast subscriptions (in one transaction when {@code rate} is 0,
   * else one commit each at {@code rate} a second) with {@code slowEvents} to the slow ones spread
   * among them, and waits for the fast ones to arrive.
   */
  static Phase phase(
      Outbox outbox,
      List<String> fastIds,
      List<String> slowIds,
      int events,
      int slowEvents,
      int rate,
      Arrivals fastArrivals,
      Arrivals slowArrivals)
      throws Exception {
    fastArrivals.reset();
    long start = System.currentTimeMillis();
    int total = events + slowEvents;
    int slowEvery = slowEvents == 0 ? Integer.MAX_VALUE : Math.max(1, total / slowEvents);
    int f = 0;
    int s = 0;
    outbox.begin(rate == 0);
    for (int n = 0; n < total; n++) {
      boolean toSlow = s < slowEvents && (n % slowEvery == 0 || f >= events);
      String sub = toSlow ? slowIds.get(s++ % slowIds.size()) : fastIds.get(f++ % fastIds.size());
      if (rate > 0) {
        long wait = start + (long) n * 1000 / rate - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
      }
      outbox.append(sub, n);
    }
    outbox.commit();
    long deadline = System.currentTimeMillis() + 120_000;
    while (fastArrivals.count() < events && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    double seconds = Math.max(0.001, (fastArrivals.last.get() - start) / 1000.0);
    return new Phase(
        fastArrivals.count() / seconds, fastArrivals.percentile(0.50), fastArrivals.percentile(0.99));
  }

  /** crawl-service's outbox table, written as the crawl engine writes it. */
  static final class Outbox {
    private final Connection db;
    private final PreparedStatement insert;
    private boolean batched;
    private int pending;

    Outbox(Connection db) throws Exception {
      this.db = db;
      this.insert =
          db.prepareStatement(
              "insert into crawl.outbox (event_id, type, account_id, crawl_id, subscription_ids,"
                  + " body, occurred_at) values (?, 'crawl.page.completed', 1, 0, ?, ?::jsonb, ?)");
    }

    /** One transaction for everything (a burst), or a commit per event (the paced phase). */
    void begin(boolean oneTransaction) throws Exception {
      batched = oneTransaction;
      db.setAutoCommit(!oneTransaction);
    }

    void append(String subscription, int n) throws Exception {
      long sent = System.currentTimeMillis();
      insert.setString(1, "evt_bench" + System.nanoTime() + "n" + n);
      insert.setArray(2, db.createArrayOf("text", new String[] {subscription}));
      insert.setString(
          3,
          "{\"event\":\"crawl.page.completed\",\"crawl_id\":\"bench\",\"sent_ms\":"
              + sent
              + ",\"data\":{\"url\":\"https://example.com/p/"
              + n
              + "\"}}");
      insert.setTimestamp(4, new Timestamp(sent));
      if (batched) {
        insert.addBatch();
        if (++pending == 500) {
          insert.executeBatch();
          pending = 0;
        }
      } else {
        insert.executeUpdate(); // autocommit: committed when it returns
      }
    }

    void commit() throws Exception {
      if (batched) {
        if (pending > 0) {
          insert.executeBatch();
          pending = 0;
        }
        db.commit();
        db.setAutoCommit(true);
      }
    }
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  static HttpServer server(long delayMs, Arrivals arrivals) throws IOException {
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
          arrivals.arrived(body);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** {@code count} subscriptions, round-robin over the receiver URLs. */
  static List<String> subscribe(
      HttpClient http, String webhook, String token, List<String> urls, int count)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"account_id\":1,\"owner_ref\":\"bench:"
              + System.nanoTime()
              + "\",\"style\":\"alterlab\",\"url\":\""
              + urls.get(i % urls.size())
              + "\"}";
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
      ids.add(m.group(1));
    }
    return ids;
  }
}
