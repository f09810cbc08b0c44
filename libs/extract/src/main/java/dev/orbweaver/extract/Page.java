package dev.orbweaver.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.charset.HtmlDecoder;
import dev.orbweaver.extract.content.Article;
import dev.orbweaver.extract.content.HtmlCleaner;
import dev.orbweaver.extract.content.MainContent;
import dev.orbweaver.extract.content.TagSelection;
import dev.orbweaver.extract.links.LinkExtractor;
import dev.orbweaver.extract.links.UrlResolver;
import dev.orbweaver.extract.markdown.MarkdownRenderer;
import dev.orbweaver.extract.markdown.Syntax;
import dev.orbweaver.extract.metadata.MetadataReader;
import dev.orbweaver.extract.metadata.PageMetadata;
import dev.orbweaver.extract.profile.Facts;
import dev.orbweaver.extract.profile.Profile;
import dev.orbweaver.extract.profile.Profiles;
import dev.orbweaver.extract.schema.SchemaExtraction;
import dev.orbweaver.extract.schema.SchemaExtractor;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A parsed HTML page, the one entry point of this library. Parse once, then ask for the formats you
 * need; each is derived on first use and the expensive ones (metadata, links, main content) are
 * kept. A page is safe to share between threads: derivations take a lock (not {@code synchronized},
 * so virtual threads do not pin), and the parsed tree is never changed after parsing.
 *
 * <pre>{@code
 * Page page = Page.parse(bytes, "windows-1252", "https://example.com/a", 200);
 * String markdown = page.markdown(true);
 * PageMetadata metadata = page.metadata();
 * }</pre>
 */
public final class Page {
  private final Document document;
  private final UrlResolver resolver;
  private final String url;
  private final int statusCode;
  private final Charset charset;
  private final int sourceLength;
  private final ReentrantLock lock = new ReentrantLock();
  private PageMetadata metadata;
  private List<String> links;
  private Element mainContent;

  private Page(Document document, String url, int statusCode, Charset charset, int sourceLength) {
    this.document = document;
    this.url = url;
    this.statusCode = statusCode;
    this.charset = charset;
    this.sourceLength = sourceLength;
    this.resolver = UrlResolver.forDocument(document, url);
  }

  /**
   * Parses decoded HTML.
   *
   * @param url where the page was fetched from; relative URLs resolve against it (may be null)
   * @param statusCode the HTTP status it was served with, reported in the metadata
   */
  public static Page parse(String html, String url, int statusCode) {
    return new Page(
        Jsoup.parse(withoutNul(html), url == null ? "" : url),
        url,
        statusCode,
        StandardCharsets.UTF_8,
        html.length());
  }

  /**
   * Parses raw bytes. The encoding is the byte order mark's, else {@code charsetHint} (the HTTP
   * header's charset; null when there was none), else the page's meta declaration, else UTF-8 when
   * valid and windows-1252 when not.
   */
  public static Page parse(byte[] body, String charsetHint, String url, int statusCode) {
    HtmlDecoder.Decoded decoded = HtmlDecoder.decode(body, charsetHint);
    return new Page(
        Jsoup.parse(withoutNul(decoded.html()), url == null ? "" : url),
        url,
        statusCode,
        decoded.charset(),
        decoded.html().length());
  }

  /**
   * HTML parsers ignore a NUL in text (a parse error in the HTML standard), but jsoup keeps it, and
   * every output of a page (Markdown, text, JSON-LD) would carry it into JSON and storage.
   */
  private static String withoutNul(String html) {
    return html.indexOf('\0') < 0 ? html : html.replace("\0", "");
  }

  /** The address given at parse time. */
  public String url() {
    return url;
  }

  public int statusCode() {
    return statusCode;
  }

  /** The encoding the page was decoded with (UTF-8 for pages given as text). */
  public Charset charset() {
    return charset;
  }

  public PageMetadata metadata() {
    return locked(
        () -> {
          if (metadata == null) {
            metadata = MetadataReader.read(document, resolver, url, statusCode);
          }
          return metadata;
        });
  }

  /** Every http(s) link of the page, absolute, deduplicated, in document order. */
  public List<String> links() {
    return locked(
        () -> {
          if (links == null) {
            links = LinkExtractor.links(document.body(), resolver);
          }
          return links;
        });
  }

  /** Markdown of the whole body, or of the main content only. */
  public String markdown(boolean onlyMainContent) {
    return locked(
        () ->
            MarkdownRenderer.render(
                onlyMainContent ? mainContent() : document.body(),
                resolver,
                Syntax.MARKDOWN,
                sourceLength / 3));
  }

  /** Readable text with the page's lines and paragraphs, no markup. */
  public String plainText(boolean onlyMainContent) {
    return locked(
        () ->
            MarkdownRenderer.render(
                onlyMainContent ? mainContent() : document.body(),
                resolver,
                Syntax.PLAIN,
                sourceLength / 4));
  }

  /**
   * Cleaned HTML: the whole document, or the main content only, without scripts, styles, comments,
   * event handlers and tracking pixels, with absolute URLs.
   */
  public String html(boolean onlyMainContent) {
    return locked(
        () -> {
          if (onlyMainContent) {
            Element content = mainContent().clone();
            HtmlCleaner.clean(content, resolver);
            return content.outerHtml();
          }
          Document copy = document.clone();
          copy.outputSettings().prettyPrint(false);
          HtmlCleaner.clean(copy, resolver);
          return copy.outerHtml();
        });
  }

  /** The main content as text and as cleaned HTML. */
  public Article article() {
    return locked(
        () -> {
          Element content = mainContent().clone();
          HtmlCleaner.clean(content, resolver);
          String text = MarkdownRenderer.render(content, resolver, Syntax.PLAIN, sourceLength / 4);
          return new Article(text, content.outerHtml());
        });
  }

  /**
   * The same page restricted by CSS selectors (Firecrawl's includeTags and excludeTags): excluded
   * elements removed, and when {@code include} names anything, only those elements kept.
   *
   * @throws IllegalArgumentException when a selector does not parse
   */
  public Page selectTags(List<String> include, List<String> exclude) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return this;
    }
    Document restricted = locked(() -> TagSelection.apply(document, include, exclude));
    return new Page(restricted, url, statusCode, charset, sourceLength);
  }

  /**
   * The page read into an extraction profile's JSON shape; {@link Profile#AUTO} picks the profile
   * the page's data supports best and names it in the {@code "profile"} field.
   */
  public ObjectNode profile(Profile profile) {
    return locked(() -> Profiles.read(profile, facts()));
  }

  /**
   * Fills a caller's JSON schema from the page's own data (schema.org, labelled fields, meta tags,
   * tables) without a language model; reports the fields it could not fill.
   *
   * @throws IllegalArgumentException when {@code schema} is not an object schema with properties
   */
  public SchemaExtraction extract(JsonNode schema) {
    return locked(() -> SchemaExtractor.extract(schema, facts()));
  }

  private Facts facts() {
    return Facts.of(document, metadata(), resolver, () -> plainText(true));
  }

  private Element mainContent() {
    if (mainContent == null) {
      mainContent = MainContent.extract(document);
    }
    return mainContent;
  }

  private <T> T locked(Supplier<T> derivation) {
    lock.lock();
    try {
      return derivation.get();
    } finally {
      lock.unlock();
    }
  }
}
