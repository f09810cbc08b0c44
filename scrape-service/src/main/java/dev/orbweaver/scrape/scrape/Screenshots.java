package dev.orbweaver.scrape.scrape;

import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.render.Screenshot;

/**
 * Where a scrape's screenshots go: the document carries the link this returns. Inline data URLs
 * ({@link InlineScreenshots}) until object storage is configured; a storage-backed bean then
 * replaces that default and answers with its own URLs.
 */
public interface Screenshots {

  /**
   * @param owner the account the screenshot was taken for (object storage keeps it under it)
   * @return the link a document carries: a {@code data:} URL or a storage URL
   */
  String link(Principal owner, Screenshot screenshot);
}
