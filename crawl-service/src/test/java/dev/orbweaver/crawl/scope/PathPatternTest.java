package dev.orbweaver.crawl.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.model.CrawlStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * URL patterns: AlterLab's globs match the whole path and query, Firecrawl's regular expressions
 * match anywhere in the path (or the URL), and no pattern within the bounds costs more than linear
 * time.
 */
class PathPatternTest {
  private static final String SITE = "http://shop.test";

  @Test
  void aRegexMatchesAnywhereUnlessItAnchorsItself() {
    assertThat(PathPattern.regex("/products/.*").matches("/products/shoe")).isTrue();
    assertThat(PathPattern.regex("/products/.*").matches("/en/products/shoe")).isTrue();
    assertThat(PathPattern.regex("blog").matches("/myblog/post")).isTrue();
    assertThat(PathPattern.regex("^/blog$").matches("/blog")).isTrue();
    assertThat(PathPattern.regex("^/blog$").matches("/blog/post")).isFalse();
    assertThat(PathPattern.regex("^/products/[a-z]+$").matches("/products/shoe")).isTrue();
    assertThat(PathPattern.regex("^/products/[a-z]+$").matches("/products/shoe-2")).isFalse();
    // Case matters, as in JavaScript without the i flag; (?i) asks otherwise.
    assertThat(PathPattern.regex("/Blog").matches("/blog")).isFalse();
    assertThat(PathPattern.regex("(?i)/Blog").matches("/blog")).isTrue();
    // What JavaScript writers escape out of habit still means itself.
    assertThat(PathPattern.regex("^\\/docs\\/v\\d+\\/").matches("/docs/v2/intro")).isTrue();
  }

  @Test
  void globsDecidedByTheirLiteralStartAgreeWithTheirProgram() {
    for (String glob : List.of("/blog/*", "/blog", "*", "/a?c*", "/x*y")) {
      PathPattern p = PathPattern.glob(glob);
      for (String path :
          List.of("/blog", "/blog/", "/blog/post?x=1", "/blo", "/abc/d", "/xzy", "/")) {
        boolean expected =
            java.util.regex.Pattern.compile(
                    glob.replace("?", ".").replace("*", ".*"), java.util.regex.Pattern.DOTALL)
                .matcher(path)
                .matches();
        assertThat(p.matches(path)).as(glob + " on " + path).isEqualTo(expected);
      }
    }
  }

  @Test
  void aGlobIsNotARegexAndARegexIsNotAGlob() {
    // Firecrawl's documented example: as a regex it takes the product pages ...
    assertThat(PathPattern.regex("/products/.*").matches("/products/shoe")).isTrue();
    // ... as a glob "." is a dot, so the same text takes nothing but "/products/.x" paths.
    assertThat(PathPattern.glob("/products/.*").matches("/products/shoe")).isFalse();
    // An AlterLab glob matches whole: "/blog" is the blog's index only.
    assertThat(PathPattern.glob("/blog").matches("/blog/post")).isFalse();
    assertThat(PathPattern.regex("/blog").matches("/blog/post")).isTrue();
  }

  @Test
  void firecrawlPatternsReadThePathWithoutItsQueryAndExcludesWin() {
    CrawlScope scope =
        scope(CrawlSpec.PatternSyntax.PATH_REGEX, List.of("^/products/"), List.of("/private"));

    assertThat(admitted(scope, "/products/shoe?color=red")).isTrue();
    assertThat(admitted(scope, "/products/private/shoe")).isFalse();
    assertThat(admitted(scope, "/about")).isFalse();
    // The query is not part of what the patterns read.
    assertThat(
            admitted(
                scope(CrawlSpec.PatternSyntax.PATH_REGEX, List.of("color"), List.of()),
                "/x?color=red"))
        .isFalse();
  }

  @Test
  void regexOnFullUrlReadsTheWholeUrl() {
    CrawlScope scope =
        scope(
            CrawlSpec.PatternSyntax.URL_REGEX, List.of("^http://shop\\.test/pricing$"), List.of());

    assertThat(admitted(scope, "/pricing")).isTrue();
    assertThat(admitted(scope, "/pricing/enterprise")).isFalse();
  }

  @Test
  void alterLabGlobsReadThePathWithItsQuery() {
    CrawlScope scope = scope(CrawlSpec.PatternSyntax.GLOB, List.of("/search*"), List.of("*page=*"));

    assertThat(admitted(scope, "/search?q=shoes")).isTrue();
    assertThat(admitted(scope, "/search?q=shoes&page=2")).isFalse();
  }

  @Test
  void aSeedThePatternsLeaveOutIsFetchedForItsLinksOnly() {
    CrawlScope scope = scope(CrawlSpec.PatternSyntax.PATH_REGEX, List.of("^/products/"), List.of());

    assertThat(scope.admitAnyDepth(SITE + "/", 0)).isEmpty();
    Discovered seed = scope.linksOnly(SITE + "/").orElseThrow();
    assertThat(seed.kind()).isEqualTo(FrontierItem.Kind.LINKS);
    assertThat(seed.urlKey()).isEqualTo(CrawlScope.key(SITE + "/"));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void hostilePatternsAnswerInLinearTime() {
    String path = "/" + "a".repeat(79); // 80 characters and no b: every star must give up
    PathPattern glob = PathPattern.glob("*a*a*a*a*a*a*a*a*a*a*b"); // ten stars
    PathPattern regex = PathPattern.regex("(a+)+$|(a|aa)*b|(.*a){10}b");
    for (int i = 0; i < 100; i++) {
      assertThat(glob.matches(path)).isFalse();
      assertThat(regex.matches(path + "!")).isFalse();
    }
    CrawlScope scope =
        scope(
            CrawlSpec.PatternSyntax.GLOB,
            List.of(),
            Collections.nCopies(100, "*a*a*a*a*a*a*a*a*a*a*b"));
    assertThat(admitted(scope, path)).isTrue();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void patternsOutsideTheBoundsAreRefusedNamingThePattern() {
    var regex = CrawlSpec.PatternSyntax.PATH_REGEX;
    assertThatThrownBy(() -> PathPatterns.check("excludePaths", List.of("/ok", "(?=x)"), regex))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("excludePaths[1] \"(?=x)\" is not a supported regular expression");
    assertThatThrownBy(() -> PathPatterns.check("includePaths", List.of("(a)\\1"), regex))
        .hasMessageContaining("includePaths[0] \"(a)\\1\"");
    // Written out, this is a billion instructions: RE2/J runs out of memory compiling it.
    assertThatThrownBy(
            () -> PathPatterns.check("includePaths", List.of("((a{1000}){1000}){1000}"), regex))
        .hasMessageContaining("includePaths[0] \"((a{1000}){1000}){1000}\" is too large");
    assertThatThrownBy(() -> PathPatterns.check("includePaths", List.of("(ab){1001}"), regex))
        .hasMessageContaining("too large");
    assertThatThrownBy(
            () ->
                PathPatterns.check(
                    "include_patterns",
                    List.of("/" + "x".repeat(1_000)),
                    CrawlSpec.PatternSyntax.GLOB))
        .hasMessageContaining(
            "include_patterns[0] is 1001 characters long; a pattern may have at most 1000");
    assertThatThrownBy(
            () -> PathPatterns.check("include_patterns", Collections.nCopies(101, "/a"), regex))
        .hasMessageContaining("include_patterns holds 101 patterns; at most 100");
    List<String> big = new ArrayList<>(Collections.nCopies(11, "/" + "x".repeat(999)));
    assertThatThrownBy(
            () ->
                PathPatterns.checkTotal(
                    new CrawlSpec.Scope(
                        false,
                        1,
                        1,
                        big,
                        List.of(),
                        regex,
                        Map.of(),
                        CrawlSpec.PriorityRules.NONE)))
        .hasMessageContaining("come to 11000 characters together");

    // Within the bounds: accepted, and compiled.
    assertThat(
            PathPatterns.check(
                "includePaths", List.of("^/a{1000}$", "[a-z]{2}(-[A-Z]{2})?/"), regex))
        .hasSize(2);
    PathPatterns.check("includePaths", Collections.nCopies(100, "x".repeat(1_000)), regex);
  }

  @Test
  void theExpandedSizeCountsRepetitionsAndNothingElse() {
    assertThat(PathPatterns.size("/blog/.*", true)).isEqualTo(8);
    assertThat(PathPatterns.size("a{3}", true)).isEqualTo(3);
    assertThat(PathPatterns.size("(ab){3}", true)).isEqualTo(9); // the group counts once
    assertThat(PathPatterns.size("((a{10}){10}){10}", true)).isEqualTo(1110);
    assertThat(PathPatterns.size("a{2,5}b{3,}", true)).isEqualTo(9);
    // Braces that are no repetition, and classes and quotes that hold brackets, are characters.
    assertThat(PathPatterns.size("a{,5}", true)).isEqualTo(5);
    assertThat(PathPatterns.size("[(]{2}", true)).isEqualTo(2);
    assertThat(PathPatterns.size("\\Q(a{1000})\\E", true)).isEqualTo(9);
    assertThat(PathPatterns.size("(?i)a", true)).isEqualTo(1);
  }

  private static boolean admitted(CrawlScope scope, String path) {
    return scope.admitAnyDepth(SITE + path, 1).isPresent();
  }

  private static CrawlScope scope(
      CrawlSpec.PatternSyntax syntax, List<String> include, List<String> exclude) {
    CrawlSpec.Scope scope =
        new CrawlSpec.Scope(
            false, 5, 100, include, exclude, syntax, Map.of(), CrawlSpec.PriorityRules.NONE);
    Crawl crawl =
        new Crawl(
            1,
            UUID.randomUUID(),
            CrawlDialect.FIRECRAWL_V2,
            1,
            1,
            SITE + "/",
            CrawlSpec.SeedKind.URL,
            CrawlSpec.SitemapMode.SKIP,
            null,
            scope,
            new CrawlSpec.Politeness(0, null, true),
            new CrawlSpec.RequestOptions(Map.of(), null, null, null),
            new CrawlSpec.Output(true, List.of(), true, null),
            CrawlSpec.CacheOptions.OFF,
            CrawlSpec.ChangeTracking.OFF,
            null,
            null,
            CrawlStatus.RUNNING,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Crawl.Pricing.FREE,
            0,
            0,
            0,
            0,
            Map.of(),
            null,
            null,
            null,
            null,
            null);
    return new CrawlScope(crawl, URLS);
  }

  /** URLs as they come, parts read with java.net.URI: the patterns are what is under test. */
  private static final UrlRules URLS =
      new UrlRules() {
        @Override
        public Optional<NormalizedUrl> parse(String url) {
          URI uri = URI.create(url);
          String path =
              uri.getRawQuery() == null
                  ? uri.getRawPath()
                  : uri.getRawPath() + "?" + uri.getRawQuery();
          return Optional.of(new NormalizedUrl(url, uri.getHost(), path, CrawlScope.key(url)));
        }

        @Override
        public String registrableDomain(String host) {
          return host;
        }
      };
}
