package dev.orbweaver.crawl.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.PageRenderer;
import dev.orbweaver.crawl.pages.StoredPage;
import dev.orbweaver.crawl.worker.PageAnalyzer;
import dev.orbweaver.crawl.worker.PageFetcher;
import dev.orbweaver.extract.Page;
import dev.orbweaver.extract.content.Article;
import dev.orbweaver.extract.metadata.PageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libs/extract as the crawl engine uses it: one parse per page gives the links, the metadata, the
 * formats a dialect asked for at crawl time, and the text change tracking compares; stored pages
 * are rendered into formats on demand the same way.
 */
@ApplicationScoped
public class ExtractAnalyzer implements PageAnalyzer, PageRenderer {
  private final ObjectMapper json;
  private final StructuredExtraction structured;

  @Inject
  public ExtractAnalyzer(ObjectMapper json, StructuredExtraction structured) {
    this.json = json;
    this.structured = structured;
  }

  @Override
  public Analysis analyze(Crawl crawl, PageFetcher.Fetched fetched) {
    Page page = Page.parse(fetched.body(), fetched.charset(), fetched.finalUrl(), fetched.status());
    boolean main = crawl.output().onlyMainContent();
    Map<String, Object> formats = new LinkedHashMap<>();
    for (String format : crawl.output().formats()) {
      switch (format) {
        case "markdown" -> formats.put("markdown", page.markdown(main));
        case "html" -> formats.put("html", page.html(main));
        case "rawHtml" -> formats.put("rawHtml", new String(fetched.body(), page.charset()));
        case "links" -> formats.put("links", page.links());
        case "text", "plainText" -> formats.put(format, page.plainText(main));
        case "json", "json_v2" -> formats.put(format, structured.extract(page, crawl.extraction()));
        case "summary" -> formats.put("summary", summary(page));
        default -> {
          // formats a dialect validated but that have no rendering at crawl time are left out
        }
      }
    }
    String text = crawl.changeTracking().enabled() ? page.plainText(true) : null;
    return new Analysis(
        page.links(),
        metadata(page.metadata()),
        formats,
        text,
        new String(fetched.body(), page.charset()));
  }

  @Override
  public Rendered render(StoredPage stored, String html, boolean onlyMainContent) {
    Page page = Page.parse(html, stored.finalUrl(), stored.status());
    Article article = page.article();
    return new Rendered(
        html,
        page.markdown(onlyMainContent),
        article.text(),
        article.html(),
        page.plainText(onlyMainContent),
        page.links());
  }

  /** crawlcrawl's metadata shape (title, description, canonical, og, twitter, json_ld) and more. */
  ObjectNode metadata(PageMetadata m) {
    ObjectNode out = json.createObjectNode();
    out.put("title", m.title());
    out.put("description", m.description());
    out.put("canonical", m.canonical());
    out.put("language", m.language());
    out.set("og", json.valueToTree(m.og()));
    out.set("twitter", json.valueToTree(m.twitter()));
    out.set("json_ld", json.valueToTree(m.jsonLd() == null ? List.of() : m.jsonLd()));
    putIfPresent(out, "keywords", m.keywords());
    putIfPresent(out, "author", m.author());
    putIfPresent(out, "published_time", m.publishedTime());
    putIfPresent(out, "favicon", m.favicon());
    return out;
  }

  /** A short extractive summary: the description, else the opening of the main text. */
  static String summary(Page page) {
    String description = page.metadata().description();
    if (description != null && !description.isBlank()) {
      return description.strip();
    }
    String text = page.plainText(true).strip();
    return text.length() <= 500
        ? text
        : text.substring(0, text.lastIndexOf(' ', 500) > 0 ? text.lastIndexOf(' ', 500) : 500)
            + "…";
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null && !value.isBlank()) {
      out.put(field, value);
    }
  }
}
