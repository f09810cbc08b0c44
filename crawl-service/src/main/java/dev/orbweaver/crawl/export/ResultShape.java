package dev.orbweaver.crawl.export;

import dev.orbweaver.crawl.pages.StoredPage;
import java.util.Map;

/**
 * One page as the dialect that started the crawl shows it in its results; exports write exactly
 * that, so that a downloaded line reads like an inline result.
 */
public interface ResultShape {
  Map<String, Object> result(StoredPage page);
}
