package dev.orbweaver.crawl.api.alterlab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.events.EventBodies;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.pages.StoredPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AlterLab's event bodies ({@code {"event", "crawl_id", "timestamp", "data"}}; webhook-service adds
 * the caller's metadata).
 */
@ApplicationScoped
public class AlterLabEventBodies implements EventBodies {
  private final ObjectMapper json;

  @Inject
  public AlterLabEventBodies(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public boolean speaks(CrawlDialect dialect) {
    return dialect == CrawlDialect.ALTERLAB;
  }

  @Override
  public ObjectNode crawlEvent(String type, Crawl crawl) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", AlterLabResource.status(crawl));
    data.put("url", crawl.seedUrl());
    data.put("completed", crawl.pageCount());
    data.put("failed", crawl.errorCount());
    data.put("total_discovered", crawl.discoveredCount());
    if (crawl.status().terminal()) {
      data.put("billing", AlterLabResource.billing(crawl));
    }
    if (crawl.errorMessage() != null) {
      data.put("error", crawl.errorMessage());
    }
    return envelope(type, crawl, data);
  }

  @Override
  public ObjectNode pageEvent(
      String type, Crawl crawl, StoredPage page, String failedUrl, String error) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (page != null) {
      data.putAll(AlterLabResource.result(page));
    } else {
      data.put("url", failedUrl);
      data.put("error", error);
    }
    return envelope(type, crawl, data);
  }

  private ObjectNode envelope(String type, Crawl crawl, Map<String, Object> data) {
    ObjectNode body = json.createObjectNode();
    body.put("event", type);
    body.put("crawl_id", crawl.publicId().toString());
    body.put("timestamp", Instant.now().toString());
    body.set("data", json.valueToTree(data));
    return body;
  }
}
