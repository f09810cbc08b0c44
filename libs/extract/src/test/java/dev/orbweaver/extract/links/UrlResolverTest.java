package dev.orbweaver.extract.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class UrlResolverTest {
  private static UrlResolver resolver(String html, String pageUrl) {
    return UrlResolver.forDocument(Jsoup.parse(html, pageUrl == null ? "" : pageUrl), pageUrl);
  }

  @Test
  void relativeReferencesResolveAsABrowserResolvesThem() {
    UrlResolver resolver = resolver("<p>x</p>", "https://example.org/docs/api/page.html?v=1");
    assertThat(resolver.resolve("other.html")).isEqualTo("https://example.org/docs/api/other.html");
    assertThat(resolver.resolve("../../../../up.html")).isEqualTo("https://example.org/up.html");
    assertThat(resolver.resolve("./a/./b/../c.html#top"))
        .isEqualTo("https://example.org/docs/api/a/c.html#top");
    assertThat(resolver.resolve("//cdn.example.net/x.js"))
        .isEqualTo("https://cdn.example.net/x.js");
    assertThat(resolver.resolve("?page=2"))
        .isEqualTo("https://example.org/docs/api/page.html?page=2");
    assertThat(resolver.resolve(" /a\n/b\t.html ")).isEqualTo("https://example.org/a/b.html");
    assertThat(resolver.resolve("HTTPS://Example.org/Keep")).isEqualTo("HTTPS://Example.org/Keep");
  }

  @Test
  void fragmentsQueriesAndOtherSchemesAttachWhereTheyBelong() {
    UrlResolver page = resolver("<p>x</p>", "https://example.org/a/b.html?x=1#old");
    assertThat(page.resolve("#new")).isEqualTo("https://example.org/a/b.html?x=1#new");
    assertThat(page.resolve("")).isEqualTo("https://example.org/a/b.html?x=1");
    assertThat(page.resolve("mailto:team@example.org")).isEqualTo("mailto:team@example.org");
    UrlResolver root = resolver("<p>x</p>", "https://example.org");
    assertThat(root.resolve("a.html")).isEqualTo("https://example.org/a.html");
    assertThat(root.resolve("?q=1")).isEqualTo("https://example.org/?q=1");
    assertThat(root.resolve("/x/../y")).isEqualTo("https://example.org/y");
  }

  @Test
  void aBaseElementMovesTheBase() {
    UrlResolver resolver =
        resolver("<head><base href='/guides/'></head><p>x</p>", "https://example.org/a/b.html");
    assertThat(resolver.base()).isEqualTo("https://example.org/guides/");
    assertThat(resolver.resolve("x.html")).isEqualTo("https://example.org/guides/x.html");
  }

  @Test
  void withoutABaseOnlyAbsoluteReferencesResolve() {
    UrlResolver resolver = resolver("<p>x</p>", null);
    assertThat(resolver.resolve("/relative")).isNull();
    assertThat(resolver.resolve("https://example.org/a")).isEqualTo("https://example.org/a");
  }
}
