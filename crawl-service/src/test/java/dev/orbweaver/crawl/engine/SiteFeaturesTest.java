package dev.orbweaver.crawl.engine;

import static dev.orbweaver.crawl.engine.ScopeAndLimitsTest.start;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What real sites throw at a crawler: sitemap indexes with gzipped children, redirects, missing
 * pages, files that are not HTML, tracking-parameter and fragment variants of one URL, a link trap
 * that leads one level deeper on every page, and links to other hosts.
 */
@QuarkusTest
class SiteFeaturesTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void aSitemapIndexLeadsThroughGzippedSitemapsToEveryListedPage() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = FixtureSite.on("127.0.0.31").start()) {
      site.page("/", Sites.page("Home", "")); // links nowhere: only the sitemaps find the pages
      site.page("/a", Sites.page("A", ""));
      site.page("/b", Sites.page("B", ""));
      site.page("/new", Sites.page("New", ""));
      site.redirect("/old", 301, "/new");
      site.text(
          "/sitemap_index.xml",
          "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
              + "<sitemap><loc>"
              + site.url("/sitemaps/pages.xml.gz")
              + "</loc></sitemap><sitemap><loc>"
              + site.url("/sitemaps/more.xml")
              + "</loc></sitemap></sitemapindex>");
      site.file(
          "/sitemaps/pages.xml.gz",
          "application/gzip",
          gzip(urlset(site.url("/a"), site.url("/b"))));
      site.text("/sitemaps/more.xml", "application/xml", urlset(site.url("/old")));

      long id =
          start(
              account.token(),
              Map.of(
                  "url",
                  site.url("/sitemap_index.xml"),
                  "seed_kind",
                  "sitemap",
                  "delay_ms",
                  0,
                  "respect_robots",
                  false));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);

      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(pages(account.token(), id))
          .containsEntry(site.url("/a"), 200)
          .containsEntry(site.url("/b"), 200)
          .containsEntry(site.url("/old"), 200) // listed as asked for, answered by /new
          .hasSize(3);
      assertThat(site.hits("/old")).isEqualTo(1);
      assertThat(site.hits("/new")).isEqualTo(1);
      assertThat(site.hits("/")).isZero();
    }
  }

  @Test
  void redirectsMissingPagesFilesVariantsTrapsAndOtherHostsAreEachHandledOnce() {
    var account = Accounts.open("selfhost");
    try (FixtureSite other = FixtureSite.on("127.0.0.33").start();
        FixtureSite site = FixtureSite.on("127.0.0.32").start()) {
      other.page("/elsewhere", Sites.page("Elsewhere", ""));
      site.page(
          "/",
          Sites.page(
              "Home",
              "<a href=\"/old\">o</a> <a href=\"/missing\">m</a> <a href=\"/report.pdf\">r</a>"
                  + " <a href=\"/a?utm_source=news&amp;utm_medium=mail\">a1</a>"
                  + " <a href=\"/a#top\">a2</a> <a href=\"/a\">a3</a>"
                  + " <a href=\"/trap/x\">t</a> <a href=\""
                  + other.url("/elsewhere")
                  + "\">e</a>"));
      site.redirect("/old", 301, "/new");
      site.page("/new", Sites.page("New", "<a href=\"/a\">a</a>"));
      site.page("/a", Sites.page("A", "<a href=\"/\">home</a>"));
      site.status("/missing", 404, Sites.page("Not found", ""));
      site.file("/report.pdf", "application/pdf", "%PDF-1.4 not really".getBytes());
      // Every trap page links one level deeper, far past any sensible depth: the limit ends it.
      String trap = "/trap/x";
      for (int level = 1; level <= 8; level++, trap += "/x") {
        site.page(trap, Sites.page("Trap " + level, "<a href=\"" + trap + "/x\">deeper</a>"));
      }

      long id =
          start(
              account.token(),
              Map.of("url", site.url("/"), "depth", 3, "delay_ms", 0, "respect_robots", false));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);

      assertThat(run.getString("status")).isEqualTo("done");
      Map<String, Integer> pages = pages(account.token(), id);
      assertThat(pages)
          .containsEntry(site.url("/"), 200)
          .containsEntry(site.url("/old"), 200)
          .containsEntry(site.url("/a"), 200)
          .containsEntry(site.url("/missing"), 404)
          .containsEntry(site.url("/trap/x"), 200)
          .containsEntry(site.url("/trap/x/x"), 200)
          .containsEntry(site.url("/trap/x/x/x"), 200)
          .doesNotContainKey(site.url("/trap/x/x/x/x"));
      assertThat(site.hits("/a")).as("one fetch for all variants of /a").isEqualTo(1);
      assertThat(site.hits("/old")).isEqualTo(1);
      assertThat(site.hits("/new")).isEqualTo(1);
      assertThat(site.hits("/trap/x/x/x/x")).isZero();
      assertThat(other.hits("/elsewhere")).as("another host is out of scope").isZero();
      // A PDF is a page of the run (fetched once), with no links to follow and no HTML to store.
      assertThat(pages).containsEntry(site.url("/report.pdf"), 200).hasSize(8);
      assertThat(site.hits("/report.pdf")).isEqualTo(1);
    }
  }

  private static Map<String, Integer> pages(String token, long id) {
    List<Map<String, Object>> items =
        given()
            .auth()
            .oauth2(token)
            .queryParam("limit", 500)
            .get("/v1/crawls/" + id + "/pages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    Map<String, Integer> byUrl = new TreeMap<>();
    for (Map<String, Object> item : items) {
      byUrl.put((String) item.get("url"), (Integer) item.get("status"));
    }
    assertThat(byUrl).as("each URL once").hasSameSizeAs(items);
    return byUrl;
  }

  private static String urlset(String... urls) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for (String url : urls) {
      xml.append("<url><loc>").append(url).append("</loc></url>");
    }
    return xml.append("</urlset>").toString();
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
