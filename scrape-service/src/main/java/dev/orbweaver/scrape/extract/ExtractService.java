package dev.orbweaver.scrape.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.scrape.Format;
import dev.orbweaver.scrape.scrape.JsonSpec;
import dev.orbweaver.scrape.scrape.ScrapeService;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Extract: structured JSON from one or more pages. One page is the json format of a scrape. Several
 * pages go to an LLM together (their Markdown, each under its URL), or, without one, each is read
 * deterministically and the first page that gives a field wins.
 */
@ApplicationScoped
public class ExtractService {
  /** Pages one extract reads at most. */
  public static final int MAX_URLS = 10;

  private final ScrapeService scrapes;
  private final JsonExtractor extractor;
  private final ObjectMapper json;

  @Inject
  public ExtractService(ScrapeService scrapes, JsonExtractor extractor, ObjectMapper json) {
    this.scrapes = scrapes;
    this.extractor = extractor;
    this.json = json;
  }

  /**
   * @param sources the URLs each top-level field came from (deterministic path), or empty
   */
  public record Outcome(
      JsonNode data,
      List<String> unfilled,
      List<String> warnings,
      Map<String, List<String>> sources) {}

  /**
   * @param base the scrape options every page is read with (its formats are replaced)
   * @param urlsField the request field that named the URLs
   */
  public Outcome extract(
      Principal caller,
      List<String> urls,
      JsonSpec spec,
      LlmCredentials llm,
      ScrapeSpec base,
      String urlsField) {
    boolean viaLlm = extractor.hasLlm(llm);
    Set<Format> formats = viaLlm && urls.size() > 1 ? Set.of(Format.MARKDOWN) : Set.of(Format.JSON);
    ScrapeSpec each =
        new ScrapeSpec(
            formats,
            base.onlyMainContent(),
            base.includeTags(),
            base.excludeTags(),
            base.headers(),
            base.timeoutMs(),
            spec,
            null,
            base.proxy(),
            base.notices(),
            base.browser());
    List<ScrapedPage> pages = scrapeAll(caller, urls, each, llm, urlsField);
    List<String> warnings = new ArrayList<>();
    if (pages.size() == 1) {
      ScrapedPage page = pages.get(0);
      warnings.addAll(page.warnings());
      return new Outcome(
          page.json(),
          page.unfilledFields() == null ? List.of() : page.unfilledFields(),
          warnings,
          Map.of());
    }
    if (viaLlm) {
      StringBuilder combined = new StringBuilder();
      for (ScrapedPage page : pages) {
        warnings.addAll(page.warnings());
        combined
            .append("\n\n---\nPage: ")
            .append(page.url())
            .append("\n\n")
            .append(page.markdown());
      }
      Extraction extraction =
          extractor.extract(null, String.join(", ", urls), combined.toString(), spec, llm);
      warnings.addAll(extraction.warnings());
      return new Outcome(extraction.data(), List.of(), warnings, Map.of());
    }
    return merge(pages, warnings);
  }

  /** The first page that gives a top-level field wins; the field's source is kept. */
  private Outcome merge(List<ScrapedPage> pages, List<String> warnings) {
    ObjectNode merged = json.createObjectNode();
    Map<String, List<String>> sources = new java.util.LinkedHashMap<>();
    for (ScrapedPage page : pages) {
      if (page.json() == null || !page.json().isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = page.json().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode current = merged.get(field.getKey());
        boolean empty = field.getValue() == null || field.getValue().isNull();
        if (current == null || (current.isNull() && !empty)) {
          merged.set(field.getKey(), field.getValue());
          if (!empty) {
            sources.put(field.getKey(), List.of(page.url()));
          }
        }
      }
    }
    Set<String> unfilled = new LinkedHashSet<>();
    for (ScrapedPage page : pages) {
      if (page.unfilledFields() != null) {
        for (String path : page.unfilledFields()) {
          String top = path.split("[.\\[]", 2)[0];
          if (!sources.containsKey(top)) {
            unfilled.add(path);
          }
        }
      }
    }
    warnings.add(
        "No LLM is configured or given: filled from the pages' own data, the first page that"
            + " gives a field wins"
            + (unfilled.isEmpty()
                ? "."
                : "; could not fill: " + String.join(", ", unfilled) + "."));
    return new Outcome(merged, List.copyOf(unfilled), warnings, sources);
  }

  private List<ScrapedPage> scrapeAll(
      Principal caller, List<String> urls, ScrapeSpec spec, LlmCredentials llm, String field) {
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ScrapedPage>> pending = new ArrayList<>();
      for (int i = 0; i < urls.size(); i++) {
        String url = urls.get(i);
        String urlField = urls.size() == 1 && field.equals("url") ? "url" : field + "[" + i + "]";
        pending.add(workers.submit(() -> scrapes.scrape(caller, url, spec, llm, urlField)));
      }
      List<ScrapedPage> pages = new ArrayList<>();
      for (Future<ScrapedPage> page : pending) {
        pages.add(page.get());
      }
      return pages;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorKind.UNAVAILABLE, "interrupted");
    }
  }
}
