package dev.orbweaver.crawl.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.pages.StoredPage;

/**
 * How a dialect words its webhook bodies. The engine decides when an event happens; the dialect's
 * implementation (in its api package) decides what the receiver reads.
 */
public interface EventBodies {
  boolean speaks(CrawlDialect dialect);

  ObjectNode crawlEvent(String type, Crawl crawl);

  ObjectNode pageEvent(String type, Crawl crawl, StoredPage page, String failedUrl, String error);
}
