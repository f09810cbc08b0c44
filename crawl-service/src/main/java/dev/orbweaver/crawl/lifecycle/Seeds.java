package dev.orbweaver.crawl.lifecycle;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.scope.UrlRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frontier rows of a crawl: the seed page, a discovery step (robots.txt sitemaps, or the
 * sitemap path the caller named), or the sitemap itself, by seed kind and sitemap mode.
 */
@ApplicationScoped
public class Seeds {
  private final UrlRules urls;

  @Inject
  public Seeds(UrlRules urls) {
    this.urls = urls;
  }

  public List<Discovered> initial(Crawl crawl) {
    CrawlScope scope = new CrawlScope(crawl, urls);
    List<Discovered> seeds = new ArrayList<>();
    if (crawl.seedKind() == CrawlSpec.SeedKind.SITEMAP) {
      seeds.add(helper(scope, sitemapUrl(crawl.seedUrl()), FrontierItem.Kind.SITEMAP));
      return seeds;
    }
    if (crawl.sitemapMode() != CrawlSpec.SitemapMode.ONLY) {
      seeds.add(
          scope
              .admitAnyDepth(crawl.seedUrl(), 0)
              .or(() -> scope.linksOnly(crawl.seedUrl()))
              .orElseThrow(() -> ApiException.validation("url must be an http(s) URL")));
    }
    if (crawl.sitemapMode() != CrawlSpec.SitemapMode.SKIP) {
      if (crawl.sitemapPath() != null) {
        seeds.add(
            helper(
                scope,
                URI.create(crawl.seedUrl()).resolve(crawl.sitemapPath()).toString(),
                FrontierItem.Kind.SITEMAP));
      } else {
        seeds.add(
            helper(scope, origin(crawl.seedUrl()) + "/robots.txt", FrontierItem.Kind.DISCOVER));
      }
    }
    return seeds;
  }

  private Discovered helper(CrawlScope scope, String url, FrontierItem.Kind kind) {
    return scope
        .helper(url, kind)
        .orElseThrow(() -> ApiException.validation("not a crawlable URL: " + url));
  }

  /** crawlcrawl's sitemap seed: an origin means its /sitemap.xml, anything else is the sitemap. */
  static String sitemapUrl(String seed) {
    URI uri = URI.create(seed);
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/")
        ? origin(seed) + "/sitemap.xml"
        : seed;
  }

  static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
