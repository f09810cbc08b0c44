package dev.orbweaver.crawl.api.firecrawl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.events.EventBodies;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.pages.StoredPage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Firecrawl's event bodies: {@code {success, type, id, data, metadata[, error]}} with types {@code
 * crawl.started}, {@code crawl.page}, {@code crawl.completed}, {@code crawl.failed} (also for a
 * cancelled crawl). {@code data} is the page's document for a page, an empty array otherwise;
 * webhook-service fills in the caller's metadata and the webhookId. Pages that failed are not among
 * the events a Firecrawl webhook chooses; their body says so should one be sent.
 */
@ApplicationScoped
public class FirecrawlEventBodies implements EventBodies {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public boolean speaks(CrawlDialect dialect) {
    return dialect == CrawlDialect.FIRECRAWL_V1 || dialect == CrawlDialect.FIRECRAWL_V2;
  }

  @Override
  public ObjectNode crawlEvent(String type, Crawl crawl) {
    if (Outbox.CANCELLED.equals(type)) {
      return envelope(false, Outbox.FAILED, crawl).put("error", "The crawl was cancelled.");
    }
    if (Outbox.FAILED.equals(type)) {
      return envelope(false, type, crawl)
          .put("error", crawl.errorMessage() == null ? "The crawl failed." : crawl.errorMessage());
    }
    return envelope(true, type, crawl);
  }

  @Override
  public ObjectNode pageEvent(
      String type, Crawl crawl, StoredPage page, String failedUrl, String error) {
    ObjectNode body = envelope(page != null, "crawl.page", crawl);
    if (page != null) {
      body.withArray("data").add(FirecrawlCrawls.document(page));
    } else {
      body.put("error", failedUrl + ": " + error);
    }
    return body;
  }

  private static ObjectNode envelope(boolean success, String type, Crawl crawl) {
    ObjectNode body = JSON.objectNode();
    body.put("success", success);
    body.put("type", type);
    body.put("id", crawl.publicId().toString());
    body.putArray("data");
    body.putObject("metadata");
    return body;
  }
}
