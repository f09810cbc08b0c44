package dev.orbweaver.fetch.robots;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.orbweaver.fetch.http.FailureKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.http.Fetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * robots.txt per RFC 9309: fetched through the guarded {@link Fetcher} (redirects followed up to
 * five), 4xx means allow everything, 5xx or no answer means disallow everything, and a file is used
 * for at most 24 hours. Parsed rules are memoized in process; the raw file goes through a {@link
 * RobotsCache} that can be shared between processes. Concurrent first requests for one site share a
 * single fetch.
 */
public final class Robots {

  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*(\\d+)");
  private static final int MEMO_ENTRIES = 10_000;

  private final Fetcher fetcher;
  private final RobotsCache cache;
  private final RobotsSettings settings;
  private final Clock clock;
  private final Map<String, Memo> memo =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Memo> eldest) {
          return size() > MEMO_ENTRIES;
        }
      };
  private final ConcurrentHashMap<String, CompletableFuture<RobotsRules>> inFlight =
      new ConcurrentHashMap<>();

  private record Memo(RobotsRules rules, Instant expiresAt) {}

  public Robots(Fetcher fetcher, RobotsCache cache, RobotsSettings settings, Clock clock) {
    this.fetcher = fetcher;
    this.cache = cache;
    this.settings = settings;
    this.clock = clock;
  }

  public Robots(Fetcher fetcher) {
    this(fetcher, new InMemoryRobotsCache(), RobotsSettings.defaults(), Clock.systemUTC());
  }

  /** {@code scheme://host[:port]/robots.txt} for any URL of a site. */
  public static String robotsUrlFor(String url) throws FetchException {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new FetchException(FailureKind.INVALID_URL, url, "not an http or https URL");
    }
    return new HttpUrl.Builder()
        .scheme(parsed.scheme())
        .host(parsed.host())
        .port(parsed.port())
        .encodedPath("/robots.txt")
        .build()
        .toString();
  }

  /** The rules that apply to a URL's site, fetching robots.txt when no usable copy is kept. */
  public RobotsRules rulesFor(String url) throws FetchException {
    String robotsUrl = robotsUrlFor(url);
    Instant now = clock.instant();
    synchronized (memo) {
      Memo known = memo.get(robotsUrl);
      if (known != null && now.isBefore(known.expiresAt())) {
        return known.rules();
      }
    }
    CompletableFuture<RobotsRules> mine = new CompletableFuture<>();
    CompletableFuture<RobotsRules> theirs = inFlight.putIfAbsent(robotsUrl, mine);
    if (theirs != null) {
      return await(theirs, url);
    }
    try {
      RobotsRules rules = load(robotsUrl);
      mine.complete(rules);
      return rules;
    } catch (FetchException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(robotsUrl, mine);
    }
  }

  /** Throws blocked_by_robots when robots.txt disallows the URL for our agent. */
  public void requireAllowed(String url) throws FetchException {
    RobotsRules rules = rulesFor(url);
    if (!rules.isAllowed(url)) {
      throw new FetchException(
          FailureKind.BLOCKED_BY_ROBOTS,
          url,
          switch (rules.status()) {
            case UNREACHABLE ->
                rules.robotsUrl() + " is unreachable, which disallows the whole site";
            default -> rules.robotsUrl() + " disallows this URL for " + settings.agentName();
          });
    }
  }

  /** Fetches a URL when robots.txt allows it and every redirect target it leads to. */
  public FetchResult fetch(FetchRequest request) throws FetchException {
    return fetcher.fetch(request, this::requireAllowed);
  }

  private RobotsRules load(String robotsUrl) throws FetchException {
    Instant now = clock.instant();
    CachedRobots cached = cache.get(robotsUrl).filter(c -> !c.isExpired(now)).orElse(null);
    if (cached == null) {
      cached = download(robotsUrl, now);
      cache.put(robotsUrl, cached);
    }
    RobotsRules rules = new RobotsRules(robotsUrl, cached.status(), parse(robotsUrl, cached));
    synchronized (memo) {
      memo.put(robotsUrl, new Memo(rules, cached.expiresAt()));
    }
    return rules;
  }

  private CachedRobots download(String robotsUrl, Instant now) throws FetchException {
    FetchResult result;
    try {
      result =
          fetcher.fetch(
              FetchRequest.get(robotsUrl)
                  .withMaxRedirects(settings.maxRedirects())
                  .withMaxBodyBytes(settings.maxBytes())
                  .withHeader("Accept", "text/plain,*/*;q=0.8")
                  .truncatingAtLimit());
    } catch (FetchException e) {
      return switch (e.kind()) {
        // RFC 9309 2.3.1.2: past five redirects the file may be taken as unavailable.
        case TOO_MANY_REDIRECTS, INVALID_URL, UNSUPPORTED_SCHEME ->
            new CachedRobots(RobotsStatus.UNAVAILABLE, null, now.plus(settings.cacheTtl()));
        case BLOCKED_PRIVATE_ADDRESS, CANCELLED, INVALID_REQUEST -> {
          if (sameHost(e.url(), robotsUrl)) {
            // The site itself is refused: say so rather than hide it behind "disallowed".
            throw e;
          }
          yield new CachedRobots(
              RobotsStatus.UNREACHABLE, null, now.plus(settings.unreachableTtl()));
        }
        default ->
            new CachedRobots(RobotsStatus.UNREACHABLE, null, now.plus(settings.unreachableTtl()));
      };
    }
    int status = result.status();
    if (status >= 200 && status < 300) {
      return new CachedRobots(RobotsStatus.FETCHED, result.body(), now.plus(ttl(result)));
    }
    if (status == 429 || status >= 500) {
      return new CachedRobots(RobotsStatus.UNREACHABLE, null, now.plus(settings.unreachableTtl()));
    }
    // 4xx, and 3xx answers that lead nowhere: unavailable, so everything is allowed.
    return new CachedRobots(RobotsStatus.UNAVAILABLE, null, now.plus(ttl(result)));
  }

  /** The configured lifetime, shortened by the server's Cache-Control max-age. */
  private Duration ttl(FetchResult result) {
    String cacheControl = result.header("Cache-Control");
    if (cacheControl != null) {
      Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
      if (m.find() && m.group(1).length() < 10) {
        Duration maxAge = Duration.ofSeconds(Long.parseLong(m.group(1)));
        if (maxAge.compareTo(settings.cacheTtl()) < 0) {
          return maxAge;
        }
      }
    }
    return settings.cacheTtl();
  }

  private SimpleRobotRules parse(String robotsUrl, CachedRobots cached) {
    return switch (cached.status()) {
      case UNAVAILABLE -> new SimpleRobotRules(RobotRulesMode.ALLOW_ALL);
      case UNREACHABLE -> new SimpleRobotRules(RobotRulesMode.ALLOW_NONE);
      case FETCHED ->
          new SimpleRobotRulesParser()
              .parseContent(
                  robotsUrl,
                  cached.body(),
                  "text/plain",
                  List.of(settings.agentName().toLowerCase(Locale.ROOT)));
    };
  }

  private static boolean sameHost(String a, String b) {
    HttpUrl x = HttpUrl.parse(a);
    HttpUrl y = HttpUrl.parse(b);
    return x != null && y != null && x.host().equals(y.host());
  }

  private static RobotsRules await(CompletableFuture<RobotsRules> future, String url)
      throws FetchException {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof FetchException fetch) {
        throw fetch;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new FetchException(FailureKind.CONNECT, url, "robots.txt fetch failed", e);
    }
  }

  /** Convenience for callers that only need to know: allowed or not. */
  public boolean isAllowed(String url) throws FetchException {
    return rulesFor(url).isAllowed(url);
  }
}
