package dev.orbweaver.scrape.search.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.search.IndexedPage;
import dev.orbweaver.scrape.search.PageIndex;
import dev.orbweaver.scrape.web.Require;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How other services feed an account's search index (docs/internal-api.md): crawl-service posts the
 * pages it stored, so that {@code /v1/search} with categories {@code crawled} finds them, and
 * deletes a crawl's pages when the crawl is deleted. Service tokens only.
 */
@Path("/internal/v1/search-index/pages")
@SpeaksDialect(Dialect.INTERNAL)
@RolesAllowed("service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SearchIndexResource {
  static final int MAX_PAGES = 500;
  private static final Set<String> SOURCES = Set.of("crawl", "scrape");

  private final PageIndex index;

  @Inject
  public SearchIndexResource(PageIndex index) {
    this.index = index;
  }

  /** One page to index. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PageBody(
      Long accountId,
      Long projectId,
      String url,
      String title,
      String description,
      String language,
      String text,
      Integer statusCode,
      String fetchedAt,
      String source,
      String sourceRef) {}

  public record IndexRequest(List<PageBody> pages) {}

  @POST
  @RunOnVirtualThread
  public Map<String, Object> index(IndexRequest request) {
    Require.present(request, "body");
    List<PageBody> pages = Require.present(request.pages(), "pages");
    Require.that(pages.size() <= MAX_PAGES, "pages", "holds at most " + MAX_PAGES + " pages");
    List<IndexedPage> entries = new ArrayList<>(pages.size());
    for (int i = 0; i < pages.size(); i++) {
      String field = "pages[" + i + "]";
      PageBody page = Require.present(pages.get(i), field);
      long account = Require.present(page.accountId(), field + ".account_id");
      String url = Require.text(page.url(), field + ".url");
      Require.that(
          url.startsWith("http://") || url.startsWith("https://"),
          field + ".url",
          "must be an http(s) URL");
      String source = page.source() == null ? "crawl" : page.source();
      Require.that(SOURCES.contains(source), field + ".source", "must be crawl or scrape");
      Instant fetchedAt = Instant.now();
      if (page.fetchedAt() != null) {
        try {
          fetchedAt = Instant.parse(page.fetchedAt());
        } catch (DateTimeParseException e) {
          throw Require.invalid(field + ".fetched_at", "must be an ISO-8601 instant");
        }
      }
      entries.add(
          new IndexedPage(
              account,
              page.projectId() == null ? 0 : page.projectId(),
              url,
              page.title(),
              page.description(),
              page.language(),
              page.text() == null ? "" : page.text(),
              source,
              page.sourceRef(),
              page.statusCode(),
              fetchedAt));
    }
    return Map.of("indexed", index.index(entries));
  }

  @DELETE
  @RunOnVirtualThread
  public Map<String, Object> remove(
      @QueryParam("account_id") Long accountId, @QueryParam("source_ref") String sourceRef) {
    Require.present(accountId, "account_id");
    Require.text(sourceRef, "source_ref");
    return Map.of("deleted", index.removeSource(accountId, sourceRef));
  }
}
