package dev.orbweaver.scrape.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Adds scraped pages to the account's search index after the response is on its way, so that a
 * scrape never waits for {@code to_tsvector}. Bounded: when the database falls behind, pages are
 * skipped (and logged) rather than queued without end; the next scrape of the page indexes it.
 */
@ApplicationScoped
public class PageIndexer {
  private static final Logger LOG = Logger.getLogger(PageIndexer.class);
  private static final int MAX_IN_FLIGHT = 64;

  private final PageIndex index;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  @Inject
  public PageIndexer(PageIndex index) {
    this.index = index;
  }

  /**
   * A scraped page: when the index already holds it from the same source, only its dates move and
   * {@code page} is never called (deriving the text costs a scrape about as much as its Markdown).
   * Both are called off the request thread.
   */
  public void submit(String url, Supplier<ScrapedSource> source, Supplier<IndexedPage> page) {
    if (!inFlight.tryAcquire()) {
      LOG.warnf("search index is behind; not indexing %s now", url);
      return;
    }
    workers.execute(
        () -> {
          try {
            ScrapedSource scraped = source.get();
            if (!index.touchSameSource(scraped)) {
              index.index(page.get(), scraped.hash());
            }
          } catch (RuntimeException e) {
            LOG.warnf(e, "could not index %s", url);
          } finally {
            inFlight.release();
          }
        });
  }

  @PreDestroy
  void close() {
    workers.close();
  }
}
