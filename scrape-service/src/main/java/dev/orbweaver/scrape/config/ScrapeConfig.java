package dev.orbweaver.scrape.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * scrape-service's own settings ({@code orbweaver.scrape.*}); fetching itself is configured by
 * libs/fetch's {@code orbweaver.fetch.*}. docs/configuration.md maps each to its environment
 * variable.
 */
@ConfigMapping(prefix = "orbweaver.scrape")
public interface ScrapeConfig {

  /**
   * What this replica does: {@code api} (public API; renders go to the render replicas), {@code
   * render} (the browser pool and /internal/v1/render) or {@code all} (both in one process).
   */
  @WithDefault("all")
  String role();

  /**
   * Whether a page whose HTTP answer is a script shell is rendered in the browser without being
   * asked (the automatic render decision); off, only waitFor, actions, mobile and screenshots
   * render.
   */
  @WithDefault("true")
  boolean autoRender();

  /** Whether a single scrape obeys the site's robots.txt (map always reads it for sitemaps). */
  @WithDefault("true")
  boolean respectRobots();

  /** Time limit of one scrape's fetch when the request names none. */
  @WithDefault("PT30S")
  Duration defaultTimeout();

  /** The longest time limit a request may ask for. */
  @WithDefault("PT300S")
  Duration maxTimeout();

  Search search();

  Llm llm();

  Map map();

  Batch batch();

  Index index();

  Diff diff();

  /** Web search and the account's own page index. */
  interface Search {
    /** A SearXNG instance (its base URL); unset means web search answers 503 search_disabled. */
    Optional<String> searxngUrl();

    /** How long to wait for SearXNG. */
    @WithDefault("PT10S")
    Duration searxngTimeout();

    /** Time limit of scraping one search result when the request names none. */
    @WithDefault("PT15S")
    Duration resultScrapeTimeout();

    /** How many search results are scraped at once. */
    @WithDefault("8")
    int resultScrapeConcurrency();
  }

  /**
   * The operator's OpenAI-compatible chat-completions endpoint, used when a request brings none.
   */
  interface Llm {
    /** Base URL ending before {@code /chat/completions}, e.g. https://api.openai.com/v1. */
    Optional<String> baseUrl();

    /** The operator's API key for {@link #baseUrl()}. */
    Optional<String> apiKey();

    /** The model asked for when the request names none. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Time limit of one completion. */
    @WithDefault("PT90S")
    Duration timeout();

    /** How much page Markdown is sent to the model at most (characters). */
    @WithDefault("60000")
    int maxInputChars();
  }

  /** URL discovery. */
  interface Map {
    /** Below this many URLs from sitemaps and the start page, map reads one more level of pages. */
    @WithDefault("50")
    int fewLinks();

    /** How many pages of that second level are fetched at most. */
    @WithDefault("10")
    int secondLevelPages();

    /** Time limit of a whole map when the request names none. */
    @WithDefault("PT60S")
    Duration defaultTimeout();
  }

  /** Batch scrape jobs. */
  interface Batch {
    /** Pages scraped at once by this replica, across all jobs. */
    @WithDefault("16")
    int concurrency();

    /** How long a claimed page stays with one replica before another may take it over. */
    @WithDefault("PT5M")
    Duration lease();

    /** How often idle workers look for work other replicas queued. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a job and its results are kept after it was created. */
    @WithDefault("PT24H")
    Duration retention();

    /** URLs one job may hold. */
    @WithDefault("1000")
    int maxUrls();

    /** Documents returned per status page before {@code next} points at the rest. */
    @WithDefault("100")
    int pageSize();

    /** Attempts per page before it counts as failed (a replica that died mid-page). */
    @WithDefault("3")
    int maxAttempts();
  }

  /**
   * Text diffs of change tracking ({@code POST /v1/change-tracking/diff} and the {@code
   * changeTracking} format of a scrape). The diff endpoint refuses a larger side with a 413.
   */
  interface Diff {
    /** Bytes (UTF-8) of one side of a diff at most: a long article is about 100 KB of Markdown. */
    @WithDefault("2097152")
    int maxBytes();

    /** Lines of one side of a diff at most. */
    @WithDefault("20000")
    int maxLines();

    /** Differing lines past which an exact diff of one region gives way to a coarse one. */
    @WithDefault("1000")
    int maxEdits();

    /** Time one request's diffs may spend on exact diffs; what is left is diffed coarsely. */
    @WithDefault("PT1S")
    Duration time();
  }

  /** The full-text index of the account's pages (search over crawled and scraped pages). */
  interface Index {
    /** Whether pages this service scrapes are added to the scraping account's index. */
    @WithDefault("true")
    boolean indexScrapedPages();

    /** PostgreSQL text search configuration used for stemming (english, german, simple, …). */
    @WithDefault("english")
    String textSearchConfig();

    /** Characters of page text indexed at most. */
    @WithDefault("200000")
    int maxTextChars();
  }
}
