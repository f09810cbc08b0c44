package dev.orbweaver.crawl.pages;

/** Renders a stored page's HTML into the formats clients ask for, on demand. */
public interface PageRenderer {
  Rendered render(StoredPage page, String html, boolean onlyMainContent);

  /** Every format a dialect may ask of a page. */
  record Rendered(
      String html,
      String markdown,
      String articleText,
      String articleHtml,
      String plainText,
      java.util.List<String> links) {}
}
