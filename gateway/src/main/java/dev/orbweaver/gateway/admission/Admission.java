package dev.orbweaver.gateway.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.common.web.Replays;
import dev.orbweaver.gateway.auth.Caller;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.limit.BurstLimiter;
import dev.orbweaver.gateway.quota.QuotaClient;
import dev.orbweaver.gateway.quota.QuotaCounter;
import dev.orbweaver.gateway.quota.RateLimitHeaders;
import dev.orbweaver.gateway.route.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one way into a service: key → burst → body limit → reserve → forward → settle → count, for
 * every carrier alike (the HTTP proxy, MCP tools, the console), so a call costs and answers the
 * same whichever way it came. The only place that reserves quota.
 *
 * <p>The commit rule: a reserved unit is committed as soon as the service answers 2xx, whatever
 * becomes of the client's connection afterwards (the service did the work), and refunded for any
 * other answer or none, and for a 2xx that says it replays an earlier call ({@code
 * Idempotent-Replayed}). A call whose client is gone before it is forwarded is not forwarded, and
 * its reservation is refunded.
 */
@ApplicationScoped
public class Admission {
  /** What the request counters record for a client that left before its call was forwarded. */
  public static final int CLIENT_GONE = 499;

  /** A body over the route's limit. */
  public static final int PAYLOAD_TOO_LARGE = 413;

  private final KeyVerifier keys;
  private final BurstLimiter burst;
  private final QuotaClient quotas;
  private final Upstreams upstreams;
  private final MeterRegistry metrics;

  /** Per route, a counter per status code (slot = status), made on first use. */
  private final Map<String, AtomicReferenceArray<Counter>> requestCounters =
      new ConcurrentHashMap<>();

  @Inject
  public Admission(
      KeyVerifier keys,
      BurstLimiter burst,
      QuotaClient quotas,
      Upstreams upstreams,
      MeterRegistry metrics) {
    this.keys = keys;
    this.burst = burst;
    this.quotas = quotas;
    this.upstreams = upstreams;
    this.metrics = metrics;
  }

  /** Takes the call through the pipeline; the carrier hears the outcome. */
  public void admit(Call call, Carrier carrier) {
    new Passage(call, carrier).start();
  }

  /** Requests by route and status; the meters are looked up once, not on every call. */
  private void count(Route route, int status) {
    if (status < 0 || status >= 600) {
      requestCounter(route, status).increment(); // not HTTP as we know it: no slot, just count
      return;
    }
    AtomicReferenceArray<Counter> byStatus =
        requestCounters.computeIfAbsent(route.name(), name -> new AtomicReferenceArray<>(600));
    Counter counter = byStatus.get(status);
    if (counter == null) {
      counter = requestCounter(route, status);
      byStatus.set(status, counter);
    }
    counter.increment();
  }

  private Counter requestCounter(Route route, int status) {
    return metrics.counter(
        "orbweaver.gateway.requests", "route", route.name(), "status", Integer.toString(status));
  }

  /** One call on its way through, from key to settled quota. */
  private final class Passage {
    private final Call call;
    private final Carrier carrier;
    private final Route route;
    private final Optional<String> resource;
    private Caller caller;
    private String reservation;
    private Future<List<QuotaCounter>> counters = Future.succeededFuture(List.of());

    /** Set once the carrier has an outcome (an answer or a refusal): there is only one. */
    private boolean decided;

    Passage(Call call, Carrier carrier) {
      this.call = call;
      this.carrier = carrier;
      this.route = call.route();
      this.resource = route.meteredResource(call.method().name());
    }

    void start() {
      if (!route.requiresKey()) {
        limitBursts();
        return;
      }
      if (call.key() == null) {
        refuse(ErrorKind.AUTH_MISSING, "Authorization header missing or malformed.");
        return;
      }
      keys.verify(call.key())
          .onSuccess(
              verified -> {
                caller = verified;
                limitBursts();
              })
          .onFailure(
              cause -> {
                if (cause instanceof KeyVerifier.KeyRefused) {
                  refuse(ErrorKind.AUTH_INVALID, "Key unknown, revoked, or owner disabled.");
                } else {
                  refuse(ErrorKind.UNAVAILABLE, "Authentication is unavailable; retry shortly.");
                }
              });
    }

    private void limitBursts() {
      if (!route.burstLimited(call.method().name())) {
        limitBody();
        return;
      }
      burst
          .admit(call.clientAddress())
          .onComplete(
              decision -> {
                BurstLimiter.Decision burst = decision.result();
                if (burst.allowed()) {
                  limitBody();
                } else {
                  refuseBurst(burst);
                }
              });
    }

    /** A 429 carries the counters too (CrawlGraph section 4), read without reserving. */
    private void refuseBurst(BurstLimiter.Decision burst) {
      Future<List<QuotaCounter>> usage =
          caller == null
              ? Future.succeededFuture(List.of())
              : quotas.usage(caller.accountId()).otherwise(List.of());
      usage.onComplete(
          counted -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            RateLimitHeaders.add(headers, route.dialect(), resource, counted.result());
            headers.set("Retry-After", Long.toString(burst.retryAfter()));
            refuse(
                ErrorKind.RATE_LIMITED,
                "Too many requests from this address; at most " + burst.limit() + " a minute.",
                headers);
          });
    }

    /** A declared length over the limit is refused before anything is read or reserved. */
    private void limitBody() {
      if (call.bodyLength() > route.bodyLimit()) {
        refuseTooLarge();
        return;
      }
      reserve();
    }

    private void reserve() {
      if (resource.isEmpty()) {
        if (caller != null && route.dialect() == Dialect.CRAWLGRAPH) {
          // CrawlGraph puts its counters on every 2xx, metered or not.
          counters = quotas.usage(caller.accountId()).otherwise(List.of());
        }
        forward();
        return;
      }
      quotas
          .reserve(caller.accountId(), resource.get())
          .onSuccess(
              answer -> {
                counters = Future.succeededFuture(answer.counters());
                if (!answer.granted()) {
                  metrics
                      .counter("orbweaver.gateway.quota.rejections", "resource", resource.get())
                      .increment();
                  MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                  RateLimitHeaders.add(headers, route.dialect(), resource, answer.counters());
                  headers.set("Retry-After", Long.toString(answer.retryAfter()));
                  refuse(
                      ErrorKind.QUOTA_EXCEEDED, "Monthly quota hit; check Retry-After.", headers);
                  return;
                }
                reservation = answer.id();
                forward();
              })
          .onFailure(
              cause ->
                  refuse(ErrorKind.UNAVAILABLE, "Quota accounting is unavailable; retry shortly."));
    }

    private void forward() {
      if (carrier.clientGone()) {
        decided = true;
        settle(false);
        count(route, CLIENT_GONE);
        carrier.abandon();
        return;
      }
      upstreams
          .open(route.service(), call.method(), route.forwardedUri(call.path(), call.query()))
          .onFailure(
              cause ->
                  refuse(
                      cause instanceof ConnectException
                          ? ErrorKind.UNAVAILABLE
                          : ErrorKind.BAD_GATEWAY,
                      route.service() + " is unavailable; retry shortly."))
          .onSuccess(
              upstream -> {
                MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                if (caller != null) {
                  headers.set("Authorization", "Bearer " + caller.token());
                }
                headers.set(RequestIds.HEADER, call.requestId());
                headers.set(Dialect.HEADER, route.dialect().headerValue());
                BodyLimit limit = new BodyLimit(route.bodyLimit(), this::refuseTooLarge);
                carrier
                    .send(upstream, headers, limit)
                    .onSuccess(this::answered)
                    .onFailure(
                        cause -> {
                          if (!limit.exceeded()) {
                            refuse(
                                ErrorKind.BAD_GATEWAY,
                                route.service() + " did not answer properly.");
                          }
                        });
              });
    }

    /** The service answered: the quota is settled now, before the answer reaches the client. */
    private void answered(Carrier.ServiceAnswer answer) {
      if (decided) {
        return; // refused meanwhile (the body passed its limit): the answer is not handed on
      }
      decided = true;
      int status = answer.status();
      boolean succeeded = status >= 200 && status < 300;
      // A replay repeats work the key's first call was charged for: it costs nothing again.
      boolean replayed = succeeded && Replays.replayed(answer.header(Replays.HEADER));
      boolean givenBack = replayed && reservation != null;
      settle(succeeded && !replayed);
      count(route, status);
      counters.onComplete(
          c -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            headers.set(RequestIds.HEADER, call.requestId());
            if (succeeded && c.succeeded()) {
              // the counters were read with the unit reserved; a replay has it back
              List<QuotaCounter> after =
                  givenBack ? QuotaCounter.givenBack(c.result(), resource.get()) : c.result();
              RateLimitHeaders.add(headers, route.dialect(), resource, after);
            }
            answer.deliver(headers);
          });
    }

    private void settle(boolean commit) {
      if (reservation != null) {
        quotas.settle(reservation, commit);
        reservation = null;
      }
    }

    private void refuseTooLarge() {
      String message =
          "Request body too large; this route takes at most " + route.bodyLimit() + " bytes.";
      ObjectNode body =
          (ObjectNode)
              route
                  .dialect()
                  .body(
                      new ApiException(
                          ErrorKind.VALIDATION, "payload_too_large", message, Map.of()),
                      call.requestId());
      decide(new Refusal(PAYLOAD_TOO_LARGE, body, MultiMap.caseInsensitiveMultiMap()));
    }

    private void refuse(ErrorKind kind, String message) {
      refuse(kind, message, MultiMap.caseInsensitiveMultiMap());
    }

    private void refuse(ErrorKind kind, String message, MultiMap headers) {
      Dialect dialect = route.dialect();
      decide(
          new Refusal(
              dialect.status(kind), dialect.body(kind, message, call.requestId()), headers));
    }

    private void decide(Refusal refusal) {
      if (decided) {
        return;
      }
      decided = true;
      settle(false);
      count(route, refusal.status());
      carrier.refuse(refusal);
    }
  }
}
