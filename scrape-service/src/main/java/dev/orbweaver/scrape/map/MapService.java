package dev.orbweaver.scrape.map;

import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.extract.Page;
import dev.orbweaver.fetch.http.FailureKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.sitemap.SitemapEntry;
import dev.orbweaver.fetch.sitemap.SitemapHarvest;
import dev.orbweaver.fetch.sitemap.SitemapReader;
import dev.orbweaver.fetch.url.RegistrableDomains;
import dev.orbweaver.fetch.url.TrackingParameters;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import dev.orbweaver.scrape.fetch.FetchFailures;
import dev.orbweaver.scrape.search.PageIndex;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;

/**
 * Discovers a site's URLs without scraping them: the sitemaps robots.txt lists (or /sitemap.xml),
 * the links of the start page, and, when those are few, the links of the first pages they lead to.
 * Everything is fetched through libs/fetch, obeying robots.txt. URLs leave the site's scope, action
 * URLs (carts, nonces) are dropped, tracking parameters stripped, and the rest normalized and
 * deduplicated in discovery order.
 */
@ApplicationScoped
public class MapService {
  private static final Set<String> NOT_PAGES =
      Set.of(
          "pdf", "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "css", "js", "zip", "gz", "mp3",
          "mp4", "avi", "mov", "woff", "woff2", "ttf", "xml", "json", "txt", "csv", "doc", "docx",
          "xls", "xlsx", "ppt", "pptx");

  private final FetchClients fetch;
  private final PageIndex index;
  private final ScrapeConfig.Map config;

  @Inject
  public MapService(FetchClients fetch, PageIndex index, ScrapeConfig config) {
    this.fetch = fetch;
    this.index = index;
    this.config = config.map();
  }

  public MapResult map(Principal caller, MapSpec spec) {
    Instant deadline = Instant.now().plus(spec.timeout());
    String start =
        fetch
            .normalizer()
            .normalize(spec.url())
            .orElseThrow(() -> Require.invalid("url", "must be an absolute http or https URL"));
    HttpUrl startUrl = HttpUrl.parse(start);
    Scope scope = new Scope(startUrl.host(), spec.includeSubdomains());
    List<String> warnings = new ArrayList<>();
    LinkedHashSet<String> found = new LinkedHashSet<>();
    found.add(start);

    if (spec.sitemap() != SitemapMode.SKIP) {
      try {
        SitemapHarvest harvest =
            fetch
                .sitemaps()
                .read(
                    SitemapReader.locations(start, fetch.robots()),
                    // half the time at most: the start page and its links need the rest
                    Instant.now().plus(Duration.between(Instant.now(), deadline).dividedBy(2)));
        for (SitemapEntry entry : harvest.urls()) {
          found.add(entry.url());
        }
        if (harvest.truncated()) {
          warnings.add("The sitemaps hold more URLs than are read; the map shows the first ones.");
        }
      } catch (FetchException e) {
        throw FetchFailures.toApi(e, "url");
      }
    }

    String startTitle = null;
    String startDescription = null;
    if (spec.sitemap() != SitemapMode.ONLY) {
      try {
        FetchResult page = fetchPage(start, deadline);
        scope.add(HttpUrl.parse(page.finalUrl()).host());
        found.add(page.finalUrl());
        Page parsed = parse(page);
        if (parsed != null) {
          found.addAll(parsed.links());
          startTitle = parsed.metadata().title();
          startDescription = parsed.metadata().description();
        }
      } catch (FetchException e) {
        if (e.kind() == FailureKind.BLOCKED_BY_ROBOTS) {
          warnings.add("robots.txt disallows the start page, so its links were not read.");
        } else if (found.size() <= 1) {
          throw FetchFailures.toApi(e, "url");
        } else {
          warnings.add("The start page could not be read (" + e.kind().code() + ").");
        }
      }
      long inScope = found.stream().filter(scope::contains).count();
      if (inScope < config.fewLinks() && Instant.now().isBefore(deadline)) {
        secondLevel(found, scope, start, deadline);
      }
    }

    List<String> words =
        spec.search() == null || spec.search().isBlank()
            ? List.of()
            : List.of(spec.search().toLowerCase(Locale.ROOT).strip().split("\\s+"));
    Filter filter = new Filter(scope, spec.ignoreQueryParameters());
    LinkedHashSet<String> kept = new LinkedHashSet<>();
    // Sitemaps may list 100,000 URLs and each costs a normalization: without a search the first
    // `limit` kept are the answer; a search looks until the map's time limit.
    for (String url : found) {
      if (words.isEmpty() && kept.size() >= spec.limit()) {
        break;
      }
      if (!words.isEmpty() && Instant.now().isAfter(deadline)) {
        warnings.add("The time limit ran out before every URL found was searched.");
        break;
      }
      filter.apply(url).ifPresent(kept::add);
    }
    List<String> urls = new ArrayList<>();
    Map<String, String[]> known = Map.of();
    List<String> matching = kept.stream().toList();
    if (!words.isEmpty()) {
      known = index.describe(caller.accountId(), matching);
      Map<String, String[]> titles = known;
      matching = matching.stream().filter(url -> matches(url, titles.get(url), words)).toList();
    }
    for (String url : matching) {
      if (urls.size() >= spec.limit()) {
        break;
      }
      urls.add(url);
    }
    if (words.isEmpty()) {
      known = index.describe(caller.accountId(), urls);
    }
    List<MapResult.Link> links = new ArrayList<>(urls.size());
    for (String url : urls) {
      String[] described = known.get(url);
      if (url.equals(start) && startTitle != null) {
        links.add(new MapResult.Link(url, startTitle, startDescription));
      } else if (described != null) {
        links.add(new MapResult.Link(url, described[0], described[1]));
      } else {
        links.add(new MapResult.Link(url, null, null));
      }
    }
    return new MapResult(links, filter.dropped, filter.stripped, warnings);
  }

  /** The links of up to N in-scope pages found so far, fetched at once on virtual threads. */
  private void secondLevel(
      LinkedHashSet<String> found, Scope scope, String start, Instant deadline) {
    List<String> pages = new ArrayList<>();
    for (String url : found) {
      if (pages.size() >= config.secondLevelPages()) {
        break;
      }
      if (!url.equals(start) && scope.contains(url) && looksLikePage(url)) {
        pages.add(url);
      }
    }
    if (pages.isEmpty()) {
      return;
    }
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<String>>> results = new ArrayList<>();
      for (String url : pages) {
        results.add(
            workers.submit(
                () -> {
                  Page page = parse(fetchPage(url, deadline));
                  return page == null ? List.<String>of() : page.links();
                }));
      }
      for (Future<List<String>> result : results) {
        long wait = Duration.between(Instant.now(), deadline).toMillis();
        try {
          found.addAll(result.get(Math.max(wait, 1), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          result.cancel(true); // a page that fails or runs late only adds nothing
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private FetchResult fetchPage(String url, Instant deadline) throws FetchException {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new FetchException(FailureKind.TIMEOUT, url, "the map's time limit ran out");
    }
    return fetch.politely(FetchRequest.get(url).withTimeout(left));
  }

  private static Page parse(FetchResult page) {
    String type = page.mediaType() == null ? "" : page.mediaType();
    if (!page.isSuccess() || !(type.equals("text/html") || type.equals("application/xhtml+xml"))) {
      return null;
    }
    return Page.parse(page.text(), page.finalUrl(), page.status());
  }

  private static boolean looksLikePage(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return false;
    }
    String last = parsed.pathSegments().get(parsed.pathSize() - 1);
    int dot = last.lastIndexOf('.');
    return dot < 0 || !NOT_PAGES.contains(last.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean matches(String url, String[] described, List<String> words) {
    String haystack =
        (url
                + " "
                + (described == null
                    ? ""
                    : (described[0] == null ? "" : described[0])
                        + " "
                        + (described[1] == null ? "" : described[1])))
            .toLowerCase(Locale.ROOT);
    for (String word : words) {
      if (!haystack.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The hosts a map stays on: the start host and where it redirected, {@code www.} or not, and with
   * includeSubdomains every host of the same registrable domain.
   */
  private static final class Scope {
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> sites = new LinkedHashSet<>();
    private final boolean subdomains;

    Scope(String host, boolean subdomains) {
      this.subdomains = subdomains;
      add(host);
    }

    void add(String host) {
      String bare = bare(host);
      hosts.add(bare);
      RegistrableDomains.of(bare).ifPresent(sites::add);
    }

    boolean contains(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        return false;
      }
      String host = bare(parsed.host());
      if (hosts.contains(host)) {
        return true;
      }
      return subdomains && RegistrableDomains.of(host).map(sites::contains).orElse(false);
    }

    private static String bare(String host) {
      String lower = host.toLowerCase(Locale.ROOT);
      return lower.startsWith("www.") ? lower.substring(4) : lower;
    }
  }

  /** Scope, action URLs, tracking parameters, query strings, normal form; with the counts. */
  private final class Filter {
    private final Scope scope;
    private final boolean dropQuery;
    int dropped;
    int stripped;

    Filter(Scope scope, boolean dropQuery) {
      this.scope = scope;
      this.dropQuery = dropQuery;
    }

    Optional<String> apply(String url) {
      if (!scope.contains(url)) {
        return Optional.empty();
      }
      if (ActionParameters.isAction(url)) {
        dropped++;
        return Optional.empty();
      }
      String clean = TrackingParameters.strip(url);
      if (!clean.equals(url)) {
        stripped++;
      }
      if (dropQuery) {
        HttpUrl parsed = HttpUrl.parse(clean);
        if (parsed != null && parsed.encodedQuery() != null) {
          clean = parsed.newBuilder().query(null).build().toString();
        }
      }
      return fetch.normalizer().normalize(clean);
    }
  }
}
