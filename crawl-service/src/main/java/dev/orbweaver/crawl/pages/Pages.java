package dev.orbweaver.crawl.pages;

import com.github.luben.zstd.Zstd;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reading pages back: listing, one page with its formats rendered from the stored HTML. */
@ApplicationScoped
public class Pages {
  private final Jdbc jdbc;
  private final PageRepository pages;
  private final PageRenderer renderer;

  @Inject
  public Pages(DataSource dataSource, PageRepository pages, PageRenderer renderer) {
    this.jdbc = new Jdbc(dataSource);
    this.pages = pages;
    this.renderer = renderer;
  }

  public List<StoredPage> list(long crawlId, Integer status, int offset, int limit) {
    return jdbc.withConnection(c -> pages.list(c, crawlId, status, offset, limit));
  }

  public StoredPage find(long accountId, long pageId) {
    return jdbc.withConnection(c -> pages.findOwned(c, accountId, pageId))
        .orElseThrow(() -> ApiException.notFound("Page not found."));
  }

  /** The stored HTML, decompressed; empty when the crawl did not keep HTML. */
  public Optional<String> html(StoredPage page) {
    if (!page.hasHtml()) {
      return Optional.empty();
    }
    return jdbc.withConnection(c -> pages.html(c, page.id()))
        .map(
            z ->
                new String(
                    Zstd.decompress(z, (int) Zstd.getFrameContentSize(z)), StandardCharsets.UTF_8));
  }

  /** All formats of a page, rendered from its stored HTML; empty when no HTML was kept. */
  public Optional<PageRenderer.Rendered> render(StoredPage page, boolean onlyMainContent) {
    return html(page).map(h -> renderer.render(page, h, onlyMainContent));
  }

  public List<PageRepository.CrawlError> errors(long crawlId, int offset, int limit) {
    return jdbc.withConnection(c -> pages.errors(c, crawlId, offset, limit));
  }
}
