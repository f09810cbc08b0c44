package dev.orbweaver.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.extract.content.Article;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PageTest {
  private static final String HTML =
      """
      <html><head><title>Links</title><base href="https://example.com/docs/"></head><body>
      <nav><a href="/">Home</a></nav>
      <article><h1>Links</h1>
      <p onclick="track()">See <a href="a.html">A</a>, <a href="a.html">A again</a>,
      <a href="https://other.example/b#x">B</a>, <a href="mailto:x@example.com">mail</a>
      and <a href="javascript:void(0)">nothing</a>.</p>
      <img src="pic.png" srcset="pic-2x.png 2x, /pic-3x.png 3x" style="width:10px">
      <img src="https://www.google-analytics.com/collect?v=1" width="1" height="1">
      <!-- a comment -->
      <script>alert(1)</script></article>
      <div class="ads"><p>Buy now</p></div>
      </body></html>
      """;

  @Test
  void nulCharactersInAPageAreInNoneOfItsOutputs() {
    String html =
        "<html><head><title>Caf\u0000e</title></head><body><main><h1>Menu</h1>"
            + "<p>Tea\u0000 and cake</p></main></body></html>";
    for (Page page :
        List.of(
            Page.parse(html, "https://example.com/", 200),
            Page.parse(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null, 200))) {
      assertThat(page.markdown(false)).contains("Tea and cake").doesNotContain("\u0000");
      assertThat(page.plainText(false)).doesNotContain("\u0000");
      assertThat(page.html(false)).doesNotContain("\u0000");
      assertThat(page.metadata().title()).isEqualTo("Cafe");
    }
  }

  @Test
  void linksAreAbsoluteDeduplicatedHttpOnlyInDocumentOrder() {
    Page page = Page.parse(HTML, "https://example.com/docs/page", 200);
    assertThat(page.links())
        .containsExactly(
            "https://example.com/", "https://example.com/docs/a.html", "https://other.example/b#x");
  }

  @Test
  void cleanedHtmlDropsScriptsHandlersCommentsStylesAndPixelsAndAbsolutisesUrls() {
    String html = Page.parse(HTML, "https://example.com/docs/page", 200).html(false);
    assertThat(html)
        .doesNotContain("<script", "alert(1)", "onclick", "a comment", "google-analytics", "style=")
        .doesNotContain("javascript:")
        .contains("<a href=\"https://example.com/docs/a.html\">A</a>")
        .contains(
            "srcset=\"https://example.com/docs/pic-2x.png 2x, https://example.com/pic-3x.png 3x\"")
        .contains("<title>Links</title>");
  }

  @Test
  void onlyMainContentLeavesNavigationAndAdsOut() {
    Page page = Page.parse(HTML, "https://example.com/docs/page", 200);
    assertThat(page.html(true)).doesNotContain("Home", "Buy now").contains("A again");
    assertThat(page.markdown(false)).contains("[Home](https://example.com/)", "Buy now");
  }

  @Test
  void articleIsTextAndCleanedHtmlOfTheMainContent() {
    Article article = PageFixturesTest.page("news-article").article();
    assertThat(article.text())
        .startsWith("Local news\n\nRiver Tam floods ease as council opens relief fund\n\n")
        .contains("\nby phone on 0300 555 0199, or\n")
        .doesNotContain("tamwatcher", "**", "](");
    assertThat(article.html())
        .contains("<h2>How to apply</h2>")
        .contains("href=\"https://www.northernledger.example/go/tam-relief\"")
        .doesNotContain("comment", "<script");
  }

  @Test
  void includeAndExcludeTagsRestrictThePageBeforeEveryFormat() {
    Page page = PageFixturesTest.page("docs-page");
    Page tables = page.selectTags(List.of("table", "pre"), List.of());
    assertThat(tables.markdown(false))
        .startsWith("| Setting | Type | Default | Description |")
        .contains("```shell")
        .doesNotContain("Configuring retries", "Edit this page");
    Page withoutCode = page.selectTags(List.of(), List.of(".theme-code-block", "pre", "table"));
    assertThat(withoutCode.markdown(true))
        .contains("Set the values in `quillpipe.toml`:")
        .doesNotContain("max_attempts = 8", "| Setting");
    assertThatThrownBy(() -> page.selectTags(List.of("div[["), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("includeTags");
  }

  @Test
  void aCharsetHintFromTheTransportWinsOverTheMetaDeclaration() {
    byte[] body =
        "<html><head><meta charset=utf-8></head><body><p>Gr\u00fc\u00dfe</p></body></html>"
            .getBytes(Charset.forName("ISO-8859-15"));
    Page hinted = Page.parse(body, "iso-8859-15", "https://example.de/", 200);
    assertThat(hinted.charset().name()).isEqualTo("ISO-8859-15");
    assertThat(hinted.markdown(false)).isEqualTo("Grüße");
  }

  @Test
  void bytesThatAreNotUtf8AndDeclareNothingAreReadAsWindows1252() {
    byte[] body = {'<', 'p', '>', (byte) 0x93, 'h', 'i', (byte) 0x94, ' ', (byte) 0x80, '5'};
    Page page = Page.parse(body, null, "https://example.com/", 200);
    assertThat(page.charset().name()).isEqualTo("windows-1252");
    assertThat(page.markdown(false)).isEqualTo("“hi” €5");
  }

  @Test
  void aByteOrderMarkWinsOverEverything() {
    byte[] text = "<p>caf\u00e9</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[text.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(text, 0, body, 3, text.length);
    assertThat(Page.parse(body, "windows-1252", null, 200).markdown(false)).isEqualTo("café");
  }

  @Test
  void onePageServesManyVirtualThreadsWithTheSameResults() throws Exception {
    Page page = PageFixturesTest.page("blog-post");
    String expected = page.markdown(true) + page.plainText(false) + page.links();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Page fresh = PageFixturesTest.page("blog-post");
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(
            threads.submit(() -> fresh.markdown(true) + fresh.plainText(false) + fresh.links()));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    }
  }
}
