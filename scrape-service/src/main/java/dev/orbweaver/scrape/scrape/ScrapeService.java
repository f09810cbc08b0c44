package dev.orbweaver.scrape.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.extract.Page;
import dev.orbweaver.scrape.changetracking.ChangeRequest;
import dev.orbweaver.scrape.changetracking.ChangeResult;
import dev.orbweaver.scrape.changetracking.ChangeTracker;
import dev.orbweaver.scrape.changetracking.DiffBudget;
import dev.orbweaver.scrape.changetracking.Mode;
import dev.orbweaver.scrape.changetracking.Snapshot;
import dev.orbweaver.scrape.changetracking.SnapshotStore;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.extract.Extraction;
import dev.orbweaver.scrape.extract.JsonExtractor;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.render.ActionResults;
import dev.orbweaver.scrape.search.IndexedPage;
import dev.orbweaver.scrape.search.PageIndexer;
import dev.orbweaver.scrape.search.ScrapedSource;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jsoup.nodes.Entities;

/**
 * One scrape: get the page ({@link PageLoader}: over HTTP through libs/fetch, in the browser when
 * asked for or when the answer is a script shell), parse once with libs/extract, derive the formats
 * asked for, run the json, summary and changeTracking formats, and hand the page to the account's
 * search index on the way out.
 */
@ApplicationScoped
public class ScrapeService {
  private final PageLoader loader;
  private final Screenshots screenshots;
  private final JsonExtractor extractor;
  private final Summarizer summarizer;
  private final SnapshotStore snapshots;
  private final PageIndexer indexer;
  private final ScrapeConfig config;

  @Inject
  public ScrapeService(
      PageLoader loader,
      Screenshots screenshots,
      JsonExtractor extractor,
      Summarizer summarizer,
      SnapshotStore snapshots,
      PageIndexer indexer,
      ScrapeConfig config) {
    this.loader = loader;
    this.screenshots = screenshots;
    this.extractor = extractor;
    this.summarizer = summarizer;
    this.snapshots = snapshots;
    this.indexer = indexer;
    this.config = config;
  }

  /**
   * @param urlField the request field that named the URL, for error messages
   * @throws ApiException for a page that could not be got (typed code) or a bad option
   */
  public ScrapedPage scrape(
      Principal caller, String url, ScrapeSpec spec, LlmCredentials llm, String urlField) {
    return build(caller, url, loader.load(url, spec, urlField), spec, llm);
  }

  private ScrapedPage build(
      Principal caller, String url, LoadedPage loaded, ScrapeSpec spec, LlmCredentials llm) {
    Instant scrapedAt = Instant.now();
    List<String> warnings = new ArrayList<>(spec.notices());
    warnings.addAll(loaded.warnings());
    String mediaType = loaded.mediaType();
    boolean html = isHtml(mediaType);
    boolean text = html || isText(mediaType);
    String body = loaded.body();
    if (loaded.truncated()) {
      warnings.add("The page was cut at the size limit.");
    }
    if (!text) {
      warnings.add(
          "The content is "
              + (mediaType.isEmpty() ? "of an unknown type" : mediaType)
              + ", which is not parsed: only HTML and text pages are.");
    }

    Page page = html ? select(Page.parse(body, loaded.finalUrl(), loaded.status()), spec) : null;
    Lazy<String> markdown =
        new Lazy<>(
            () -> page != null ? page.markdown(spec.onlyMainContent()) : body == null ? "" : body);
    Lazy<String> plain =
        new Lazy<>(
            () -> page != null ? page.plainText(spec.onlyMainContent()) : body == null ? "" : body);
    PageFacts facts = page != null ? PageFacts.of(page.metadata()) : PageFacts.none();

    JsonNode json = null;
    List<String> unfilled = null;
    String extractedBy = null;
    if (spec.wants(Format.JSON)) {
      Extraction extraction =
          extractor.extract(page, loaded.finalUrl(), markdown.get(), spec.json(), llm);
      json = extraction.data();
      unfilled = extraction.unfilled();
      extractedBy = extraction.method();
      warnings.addAll(extraction.warnings());
    }

    String summary = null;
    if (spec.wants(Format.SUMMARY)) {
      Summarizer.Summary made =
          summarizer.summarize(
              loaded.finalUrl(), facts.description(), plain.get(), facts.language(), llm);
      summary = made.text();
      if (made.warning() != null) {
        warnings.add(made.warning());
      }
    }

    ChangeResult change = null;
    Instant previousScrapeAt = null;
    if (spec.wants(Format.CHANGE_TRACKING)) {
      ChangeTrackingSpec tracking = spec.changeTracking();
      JsonNode trackedJson = null;
      if (tracking.modes().contains(Mode.JSON)) {
        if (tracking.schema() == null && tracking.prompt() == null && json != null) {
          trackedJson = json;
        } else {
          Extraction tracked =
              extractor.extract(
                  page,
                  loaded.finalUrl(),
                  markdown.get(),
                  new JsonSpec(tracking.schema(), tracking.prompt(), null),
                  llm);
          trackedJson = tracked.data();
          warnings.addAll(tracked.warnings());
        }
      }
      Snapshot previous = tracking.previous();
      if (tracking.stored()) {
        var stored = snapshots.latest(caller.accountId(), loaded.finalUrl(), tracking.tag());
        previous = stored.map(SnapshotStore.Stored::snapshot).orElse(null);
        previousScrapeAt = stored.map(SnapshotStore.Stored::capturedAt).orElse(null);
      }
      change =
          ChangeTracker.compare(
              new ChangeRequest(
                  tracking.modes(),
                  previous,
                  markdown.get(),
                  trackedJson,
                  tracking.contentType() != null ? tracking.contentType() : mediaType,
                  tracking.tag(),
                  scrapedAt.toString()),
              DiffBudget.startingNow(config.diff().maxEdits(), config.diff().time()));
      if (tracking.stored()) {
        snapshots.save(
            caller.accountId(), loaded.finalUrl(), tracking.tag(), change.snapshot(), scrapedAt);
      }
    }

    if (text && config.index().indexScrapedPages() && isSuccess(loaded.status())) {
      indexer.submit(
          loaded.finalUrl(),
          () ->
              new ScrapedSource(
                  caller.accountId(),
                  caller.projectId(),
                  loaded.finalUrl(),
                  ScrapedSource.hash(spec.includeTags(), spec.excludeTags(), body),
                  loaded.status(),
                  scrapedAt),
          () ->
              new IndexedPage(
                  caller.accountId(),
                  caller.projectId(),
                  loaded.finalUrl(),
                  facts.title(),
                  facts.description(),
                  facts.language(),
                  page != null ? page.plainText(true) : body,
                  "scrape",
                  null,
                  loaded.status(),
                  scrapedAt));
    }

    return new ScrapedPage(
        url,
        loaded.finalUrl(),
        loaded.status(),
        loaded.contentType(),
        spec.wants(Format.MARKDOWN) ? markdown.get() : null,
        spec.wants(Format.HTML) ? cleanHtml(page, body, spec) : null,
        spec.wants(Format.RAW_HTML) ? body : null,
        spec.wants(Format.PLAIN_TEXT) ? plain.get() : null,
        spec.wants(Format.LINKS) ? (page != null ? page.links() : List.of()) : null,
        json,
        unfilled,
        extractedBy,
        summary,
        change,
        previousScrapeAt,
        facts,
        warnings,
        scrapedAt,
        loaded.renderedBy(),
        loaded.screenshot() == null ? null : screenshots.link(caller, loaded.screenshot()),
        spec.browser().actions().isEmpty() ? null : actions(caller, loaded.actions()));
  }

  private PageActions actions(Principal caller, ActionResults results) {
    return new PageActions(
        results.screenshots().stream().map(shot -> screenshots.link(caller, shot)).toList(),
        results.scrapes(),
        results.javascriptReturns());
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private static Page select(Page page, ScrapeSpec spec) {
    try {
      return page.selectTags(spec.includeTags(), spec.excludeTags());
    } catch (IllegalArgumentException e) {
      // libs/extract names the field first: "includeTags: not a valid selector: …"
      String message = e.getMessage();
      int colon = message.indexOf(": ");
      throw colon > 0
          ? Require.invalid(message.substring(0, colon), message.substring(colon + 2))
          : ApiException.validation(message);
    }
  }

  private static String cleanHtml(Page page, String body, ScrapeSpec spec) {
    if (page != null) {
      return page.html(spec.onlyMainContent());
    }
    return body == null ? null : "<pre>" + Entities.escape(body) + "</pre>";
  }

  static boolean isHtml(String mediaType) {
    return mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml");
  }

  static boolean isText(String mediaType) {
    String type = mediaType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.endsWith("json")
        || type.endsWith("+json")
        || type.endsWith("xml")
        || type.contains("javascript")
        || type.contains("yaml");
  }

  /** A value derived at most once, and only when some format needs it. */
  private static final class Lazy<T> {
    private final Supplier<T> supplier;
    private T value;

    Lazy(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      if (value == null) {
        value = supplier.get();
      }
      return value;
    }
  }
}
