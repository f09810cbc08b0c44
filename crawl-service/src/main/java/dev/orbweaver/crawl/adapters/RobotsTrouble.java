package dev.orbweaver.crawl.adapters;

import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.robots.RobotsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a site's robots.txt counts as unreachable. libs/fetch keeps the verdict (RFC 9309: a 5xx or
 * no answer disallows the whole site) but not its reason, and a crawl that ends on it must say why:
 * so the first time this process meets an unreachable robots.txt it asks for it once more, the way
 * libs/fetch does, and remembers the answer for as long as libs/fetch keeps the verdict. The pages
 * of a dead site wait on one question, not one each.
 */
@ApplicationScoped
public class RobotsTrouble {
  private static final int MEMO_ENTRIES = 1_000;

  private final FetchClients clients;
  private final Duration keep;
  private final Map<String, Memo> memo =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Memo> eldest) {
          return size() > MEMO_ENTRIES;
        }
      };
  private final ConcurrentHashMap<String, CompletableFuture<String>> inFlight =
      new ConcurrentHashMap<>();

  private record Memo(String reason, Instant until) {}

  @Inject
  public RobotsTrouble(FetchClients clients) {
    this.clients = clients;
    this.keep = RobotsSettings.defaults().unreachableTtl();
  }

  /**
   * The reason in a few words, with the URL: "connection refused (http://h/robots.txt)", "HTTP 503
   * (…)", "timeout: reading timed out (…)", "DNS lookup failed: h does not resolve (…)".
   */
  public String explain(String robotsUrl) {
    synchronized (memo) {
      Memo known = memo.get(robotsUrl);
      if (known != null && Instant.now().isBefore(known.until())) {
        return known.reason();
      }
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> theirs = inFlight.putIfAbsent(robotsUrl, mine);
    if (theirs != null) {
      return theirs.join();
    }
    try {
      String reason = ask(robotsUrl);
      synchronized (memo) {
        memo.put(robotsUrl, new Memo(reason, Instant.now().plus(keep)));
      }
      mine.complete(reason);
      return reason;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(robotsUrl, mine);
    }
  }

  private String ask(String robotsUrl) {
    RobotsSettings settings = RobotsSettings.defaults();
    try {
      FetchResult result =
          clients
              .fetcher()
              .fetch(
                  FetchRequest.get(robotsUrl)
                      .withMaxRedirects(settings.maxRedirects())
                      .withMaxBodyBytes(settings.maxBytes())
                      .withHeader("Accept", "text/plain,*/*;q=0.8")
                      .truncatingAtLimit());
      if (result.status() == 429 || result.status() >= 500) {
        return "HTTP " + result.status() + " (" + robotsUrl + ")";
      }
      // It answers now; the verdict stands until libs/fetch asks again.
      return "no answer when it was read, HTTP " + result.status() + " since (" + robotsUrl + ")";
    } catch (FetchException e) {
      return FetchFailures.describe(e);
    }
  }
}
