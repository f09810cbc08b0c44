package dev.orbweaver.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.webhook.config.WebhooksConfig;
import dev.orbweaver.webhook.stream.EventStream;
import dev.orbweaver.webhook.stream.StreamPosition;
import dev.orbweaver.webhook.subscription.SecretBox;
import dev.orbweaver.webhook.subscription.Subscription;
import dev.orbweaver.webhook.subscription.Subscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, each on its own virtual thread, so a slow receiver holds threads and never
 * delays another's deliveries; at most {@code per-target} attempts go to one receiver at once, so a
 * slow one cannot take every slot either. The claim loop wakes when intake stores deliveries or an
 * attempt ends, and otherwise looks every 50 ms, which is what retries at 1 s, 2 s, 4 s and 8 s
 * need.
 */
@ApplicationScoped
public class Deliverer {
  private static final Logger LOG = Logger.getLogger(Deliverer.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final long IDLE_MS = 50;

  private final Deliveries deliveries;
  private final Subscriptions subscriptions;
  private final SecretBox secrets;
  private final TargetGuard targets;
  private final EventStream stream;
  private final ObjectMapper json;
  private final MeterRegistry metrics;
  private final Timer lag;
  private final int perTarget;
  private final Duration lease;
  private final Semaphore slots;
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Object wake = new Object();
  private volatile boolean running;
  private ExecutorService senders;
  private Thread claimer;

  @Inject
  public Deliverer(
      Deliveries deliveries,
      Subscriptions subscriptions,
      SecretBox secrets,
      TargetGuard targets,
      EventStream stream,
      ObjectMapper json,
      MeterRegistry metrics,
      WebhooksConfig config) {
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.secrets = secrets;
    this.targets = targets;
    this.stream = stream;
    this.json = json;
    this.metrics = metrics;
    this.perTarget = config.perTarget();
    this.lease = config.lease();
    if (lease.compareTo(config.callTimeout().plusSeconds(5)) < 0) {
      // an attempt still running when its lease ends would be sent a second time by another claim
      throw new IllegalStateException(
          "orbweaver.webhooks.lease must exceed orbweaver.webhooks.call-timeout by 5 s or more");
    }
    this.slots = new Semaphore(config.inFlight());
    this.lag =
        Timer.builder("orbweaver.webhook.delivery.lag")
            .description("From the event's commit in its producer to its delivery")
            .publishPercentileHistogram()
            .register(metrics);
  }

  void start(@Observes StartupEvent event) {
    running = true;
    senders =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
    claimer = Thread.ofPlatform().name("webhook-claimer").daemon().start(this::claimLoop);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (claimer != null) {
      claimer.interrupt();
    }
    if (senders != null) {
      senders.shutdown();
      try {
        senders.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Intake stored deliveries: look now instead of at the next tick. */
  public void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  private void claimLoop() {
    while (running) {
      try {
        int free = slots.availablePermits();
        List<Deliveries.Due> due =
            free == 0
                ? List.of()
                : deliveries.claim(free, perTarget, busyTargets(), storedBefore(), lease);
        for (Deliveries.Due d : due) {
          slots.acquire();
          started(d.target());
          senders.submit(
              () -> {
                try {
                  attempt(d);
                } finally {
                  finished(d.target());
                  slots.release();
                  wake();
                }
              });
        }
        if (due.isEmpty()) {
          synchronized (wake) {
            wake.wait(IDLE_MS);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("webhook deliveries paused: %s", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /**
   * How far the stream is stored by every replica; without Redis, stream subscriptions wait (their
   * order cannot be known) while every other delivery goes on.
   */
  private StreamPosition storedBefore() {
    try {
      return stream.firstUnstored();
    } catch (RuntimeException redisDown) {
      return StreamPosition.START;
    }
  }

  private Map<String, Integer> busyTargets() {
    synchronized (inFlight) {
      return Map.copyOf(inFlight);
    }
  }

  private void started(String target) {
    synchronized (inFlight) {
      inFlight.merge(target, 1, Integer::sum);
    }
  }

  private void finished(String target) {
    synchronized (inFlight) {
      inFlight.computeIfPresent(target, (t, n) -> n == 1 ? null : n - 1);
    }
  }

  void attempt(Deliveries.Due d) {
    Optional<Subscription> found = subscriptions.find(d.subscriptionId());
    if (found.isEmpty()) {
      return; // deleted with its owner: the row went with it
    }
    Subscription s = found.get();
    int attempt = d.attempts() + 1;
    Instant now = Instant.now();
    Optional<Integer> status = Optional.empty();
    Optional<Duration> retryAfter = Optional.empty();
    String error;
    try (Response response = targets.client().newCall(request(s, d, now)).execute()) {
      status = Optional.of(response.code());
      retryAfter = retryAfter(response.header("Retry-After"), Instant.now());
      error = response.isSuccessful() ? null : "HTTP " + response.code();
    } catch (IOException | RuntimeException e) {
      error = describe(e);
    }
    // Backoff counts from the attempt's end: a timed-out attempt is followed by the full wait too.
    RetryPolicy.Verdict verdict =
        RetryPolicy.after(attempt, status, retryAfter, error, Instant.now());
    switch (verdict) {
      case RetryPolicy.Verdict.Delivered delivered -> {
        Instant at = Instant.now();
        deliveries.delivered(d.id(), at);
        lag.record(Duration.between(d.occurredAt(), at));
        count("delivered");
      }
      case RetryPolicy.Verdict.Dead dead -> {
        deliveries.dead(d.id(), dead.error());
        count("dead");
      }
      case RetryPolicy.Verdict.Retry retry -> {
        deliveries.retryAt(d.id(), retry.at(), retry.error());
        count("retried");
      }
    }
  }

  private Request request(Subscription s, Deliveries.Due d, Instant now) throws IOException {
    String body = body(s, d, now);
    long timestamp = now.getEpochSecond();
    Request.Builder request =
        new Request.Builder().url(s.url()).post(RequestBody.create(body, JSON));
    // The caller's headers first: ours, which receivers verify, win over a custom one of the same
    // name.
    for (Map.Entry<String, String> h : s.headers().entrySet()) {
      request.header(h.getKey(), h.getValue());
    }
    request
        .header("User-Agent", "Orbweaver-Webhooks/1")
        .header("webhook-id", d.eventId())
        .header("webhook-timestamp", Long.toString(timestamp));
    if ("crawlcrawl".equals(s.style())) {
      JsonNode id = json.readTree(d.body()).path("id");
      if (!id.isMissingNode()) {
        request.header("X-Crawler-Run-Id", id.asText());
      }
    }
    if (s.sealedSecret() != null) {
      String secret = secrets.open(s.sealedSecret());
      request.header(
          "webhook-signature", Signatures.standard(secret, d.eventId(), timestamp, body));
      request.header("X-Webhook-Timestamp", Long.toString(timestamp));
      request.header("X-Webhook-Signature", Signatures.alterLab(secret, timestamp, body));
      if ("firecrawl".equals(s.style())) {
        request.header("X-Firecrawl-Signature", Signatures.firecrawl(secret, body));
      }
    }
    return request.build();
  }

  /**
   * The body as the style sends it: crawlcrawl's stamped delivered_at, AlterLab's metadata,
   * Firecrawl's webhookId (the same on every attempt, for deduplication) and metadata ({} without).
   */
  String body(Subscription s, Deliveries.Due d, Instant now) throws IOException {
    if ("firecrawl".equals(s.style())) {
      ObjectNode event = (ObjectNode) json.readTree(d.body());
      event.put("webhookId", d.eventId());
      event.set("metadata", s.metadata() == null ? json.createObjectNode() : s.metadata());
      return json.writeValueAsString(event);
    }
    if ("crawlcrawl".equals(s.style())) {
      ObjectNode run = (ObjectNode) json.readTree(d.body());
      run.put("delivered_at", now.truncatedTo(ChronoUnit.MILLIS).toString());
      return json.writeValueAsString(run);
    }
    if (s.metadata() != null) {
      ObjectNode event = (ObjectNode) json.readTree(d.body());
      event.set("metadata", s.metadata());
      return json.writeValueAsString(event);
    }
    return d.body();
  }

  private void count(String outcome) {
    metrics.counter("orbweaver.webhook.deliveries", "outcome", outcome).increment();
  }

  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            java.time.ZonedDateTime.parse(
                    header.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  private static String describe(Exception e) {
    String kind =
        switch (e) {
          case java.net.SocketTimeoutException t -> "timeout";
          case java.io.InterruptedIOException t -> "timeout";
          case java.net.UnknownHostException u -> "dns or blocked address";
          case java.net.ConnectException c -> "connect";
          default -> "network";
        };
    return kind + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }
}
