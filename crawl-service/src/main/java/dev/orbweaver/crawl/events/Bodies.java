package dev.orbweaver.crawl.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.StoredPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/** Picks the body wording of the crawl's dialect. */
@ApplicationScoped
public class Bodies {
  private final List<EventBodies> dialects;

  @Inject
  public Bodies(Instance<EventBodies> dialects) {
    this.dialects = dialects.stream().toList();
  }

  public ObjectNode crawlEvent(String type, Crawl crawl) {
    return of(crawl).crawlEvent(type, crawl);
  }

  public ObjectNode pageEvent(
      String type, Crawl crawl, StoredPage page, String failedUrl, String error) {
    return of(crawl).pageEvent(type, crawl, page, failedUrl, error);
  }

  private EventBodies of(Crawl crawl) {
    return dialects.stream()
        .filter(d -> d.speaks(crawl.dialect()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no event wording for " + crawl.dialect()));
  }
}
