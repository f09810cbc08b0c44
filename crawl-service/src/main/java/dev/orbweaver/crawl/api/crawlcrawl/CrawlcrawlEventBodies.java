package dev.orbweaver.crawl.api.crawlcrawl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.events.EventBodies;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.pages.StoredPage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * crawlcrawl's webhook body: the run as GET /v1/crawls/{id} shows it, POSTed once at the end;
 * webhook-service stamps delivered_at. Page events carry the page row.
 */
@ApplicationScoped
public class CrawlcrawlEventBodies implements EventBodies {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public boolean speaks(CrawlDialect dialect) {
    return dialect == CrawlDialect.CRAWLCRAWL;
  }

  @Override
  public ObjectNode crawlEvent(String type, Crawl crawl) {
    ObjectNode body = JSON.objectNode();
    body.put("id", crawl.id());
    body.put("project_id", crawl.projectId());
    body.put("url", crawl.seedUrl());
    body.put("status", CrawlcrawlResource.status(crawl));
    body.put("page_count", crawl.pageCount());
    body.put("error_count", crawl.errorCount());
    body.put("started_at", crawl.startedAt() == null ? null : crawl.startedAt().toString());
    body.put("finished_at", crawl.finishedAt() == null ? null : crawl.finishedAt().toString());
    body.put("error_message", crawl.errorMessage());
    body.putNull("delivered_at");
    return body;
  }

  @Override
  public ObjectNode pageEvent(
      String type, Crawl crawl, StoredPage page, String failedUrl, String error) {
    ObjectNode body = JSON.objectNode();
    body.put("run_id", crawl.id());
    if (page != null) {
      body.put("id", page.id());
      body.put("url", page.url());
      body.put("status", page.status());
      body.put("bytes", page.bytes());
      body.put("fetched_at", page.fetchedAt().toString());
    } else {
      body.put("url", failedUrl);
      body.put("error", error);
    }
    return body;
  }
}
