package dev.orbweaver.fetch.sitemap;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.orbweaver.fetch.http.ContentDecoding;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.http.Fetcher;
import dev.orbweaver.fetch.robots.Robots;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * Reads sitemaps (XML, sitemap indexes, plain text, RSS/Atom; {@code .xml.gz} too) with
 * crawler-commons' parser, each fetched through the guarded {@link Fetcher}. Indexes are followed
 * breadth-first within {@link SitemapSettings}; a sitemap that fails is reported and the others are
 * still read.
 */
public final class SitemapReader {

  private final Fetcher fetcher;
  private final SitemapSettings settings;

  public SitemapReader(Fetcher fetcher, SitemapSettings settings) {
    this.fetcher = fetcher;
    this.settings = settings;
  }

  /**
   * Where a site's sitemaps are: the {@code Sitemap:} lines of its robots.txt, or {@code
   * /sitemap.xml} when there are none.
   */
  public static List<String> locations(String siteUrl, Robots robots) throws FetchException {
    List<String> listed = robots.rulesFor(siteUrl).sitemaps();
    if (!listed.isEmpty()) {
      return listed;
    }
    HttpUrl site = HttpUrl.parse(siteUrl);
    if (site == null) {
      return List.of();
    }
    return List.of(
        site.newBuilder()
            .encodedPath("/sitemap.xml")
            .query(null)
            .fragment(null)
            .build()
            .toString());
  }

  /** Reads the sitemaps robots.txt lists for a site (or its /sitemap.xml). */
  public SitemapHarvest discover(String siteUrl, Robots robots) throws FetchException {
    return read(locations(siteUrl, robots));
  }

  /** Reads sitemaps and every sitemap their indexes list, within the limits. */
  public SitemapHarvest read(List<String> sitemapUrls) {
    return read(sitemapUrls, null);
  }

  /**
   * Reads sitemaps and every sitemap their indexes list, within the limits and by a deadline: a
   * site may list hundreds of sitemaps that each take the whole fetch time limit (a byte a second),
   * so the reader stops at the deadline and keeps what it has (truncated).
   *
   * @param deadline when reading stops, or null for no deadline beyond each fetch's own limit
   */
  public SitemapHarvest read(List<String> sitemapUrls, Instant deadline) {
    record Pending(String url, int depth) {}
    Deque<Pending> queue = new ArrayDeque<>();
    sitemapUrls.forEach(u -> queue.add(new Pending(u, 1)));
    Set<String> seen = new HashSet<>();
    Map<String, SitemapEntry> urls = new LinkedHashMap<>();
    List<String> read = new ArrayList<>();
    List<SitemapFailure> failures = new ArrayList<>();
    boolean truncated = false;
    SiteMapParser parser = new SiteMapParser(false, true);

    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      if (!seen.add(next.url())) {
        continue;
      }
      if (read.size() + failures.size() >= settings.maxSitemaps()) {
        truncated = true;
        break;
      }
      Duration left = deadline == null ? null : Duration.between(Instant.now(), deadline);
      if (left != null && (left.isNegative() || left.isZero())) {
        truncated = true;
        break;
      }
      AbstractSiteMap sitemap;
      // An index lists sitemaps and a sitemap pages: the budget covers whichever this one is.
      EntryBudget budget =
          new EntryBudget(Math.max(settings.maxUrls() - urls.size(), settings.maxSitemaps()));
      parser.setURLFilter(budget);
      try {
        sitemap = fetchAndParse(parser, next.url(), left);
      } catch (FetchException e) {
        failures.add(new SitemapFailure(next.url(), e.kind().code() + ": " + e.getMessage()));
        continue;
      } catch (SitemapProblem e) {
        failures.add(new SitemapFailure(next.url(), e.getMessage()));
        continue;
      }
      read.add(next.url());
      truncated |= budget.overflowed;
      if (sitemap instanceof SiteMapIndex index) {
        for (AbstractSiteMap child : index.getSitemaps()) {
          if (next.depth() >= settings.maxDepth()) {
            truncated = true;
            break;
          }
          queue.add(new Pending(child.getUrl().toString(), next.depth() + 1));
        }
      } else if (sitemap instanceof SiteMap pages) {
        for (SiteMapURL page : pages.getSiteMapUrls()) {
          if (urls.size() >= settings.maxUrls()) {
            truncated = true;
            break;
          }
          urls.putIfAbsent(page.getUrl().toString(), entry(page));
        }
      }
    }
    return new SitemapHarvest(List.copyOf(urls.values()), read, failures, truncated);
  }

  /**
   * @param left time until the reader's deadline, or null
   */
  private AbstractSiteMap fetchAndParse(SiteMapParser parser, String url, Duration left)
      throws FetchException, SitemapProblem {
    FetchRequest request =
        FetchRequest.get(url)
            .withMaxBodyBytes(settings.maxBytes())
            .withHeader(
                "Accept", "application/xml,text/xml,application/gzip,text/plain;q=0.8,*/*;q=0.5");
    if (left != null && left.compareTo(fetcher.settings().totalTimeout()) < 0) {
      request = request.withTimeout(left);
    }
    FetchResult result = fetcher.fetch(request);
    if (!result.isSuccess()) {
      throw new SitemapProblem("HTTP " + result.status());
    }
    byte[] body = result.body();
    if (isGzip(body)) {
      try {
        body = ContentDecoding.decode(body, "gzip", settings.maxBytes(), false).bytes();
      } catch (IOException e) {
        throw new SitemapProblem(
            "the gzip file does not decompress within "
                + settings.maxBytes()
                + " bytes: "
                + e.getMessage());
      }
    }
    String contentType = looksLikeXml(body) ? "application/xml" : "text/plain";
    try {
      return parser.parseSiteMap(contentType, body, toUrl(result.finalUrl()));
    } catch (UnknownFormatException | IOException e) {
      throw new SitemapProblem("not a sitemap: " + e.getMessage());
    }
  }

  /** Sitemaps are XML or text, neither of which starts with gzip's magic bytes. */
  private static boolean isGzip(byte[] body) {
    return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
  }

  private static boolean looksLikeXml(byte[] body) {
    int i = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB ? 3 : 0;
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    return i < body.length && body[i] == '<';
  }

  private static URL toUrl(String url) throws SitemapProblem {
    try {
      return URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new SitemapProblem("the sitemap URL does not parse: " + e.getMessage());
    }
  }

  private static SitemapEntry entry(SiteMapURL page) {
    return new SitemapEntry(
        page.getUrl().toString(),
        page.getLastModified() == null ? null : page.getLastModified().toInstant(),
        page.getChangeFrequency() == null
            ? null
            : page.getChangeFrequency().name().toLowerCase(Locale.ROOT),
        page.getPriority());
  }

  /**
   * Lets the parser keep the first {@code limit} entries of one document and no more: it otherwise
   * holds every entry of a 50 MiB sitemap (800,000 URLs, a quarter of a gigabyte of heap) before
   * the limits here see any of them.
   */
  private static final class EntryBudget implements Function<String, String> {
    private int left;
    private boolean overflowed;

    EntryBudget(int limit) {
      this.left = limit;
    }

    @Override
    public String apply(String url) {
      if (left <= 0) {
        overflowed = true;
        return null; // crawler-commons drops an entry its filter maps to null
      }
      left--;
      return url;
    }
  }

  /** A fetched document that is no sitemap we can read. */
  private static final class SitemapProblem extends Exception {
    SitemapProblem(String message) {
      super(message);
    }
  }
}
