package dev.orbweaver.crawl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How the crawl engine behaves; see docs/configuration.md for the environment variables. */
@ConfigMapping(prefix = "orbweaver.crawl")
public interface CrawlConfig {
  /** api: serve the APIs only; worker: crawl only; all: both (one machine). */
  @WithDefault("all")
  String role();

  /**
   * Pages worked at once by one worker process. A page's slot stays taken from its claim until the
   * claimer's next round after it ends, so more slots than cores keep the fetches going: on the
   * bench farm 64 gave 612 pages/s, 128 gave 773, 160 and 320 less (bench/crawl/README.md).
   */
  @WithDefault("128")
  int workerConcurrency();

  /** In-flight requests per crawl when the request does not say. */
  @WithDefault("16")
  int defaultCrawlConcurrency();

  /** In-flight requests per target host, across all workers and crawls. */
  @WithDefault("8")
  int maxInFlightPerHost();

  /**
   * Sitemap reads one worker runs at once: each may hold a 50 MiB body while it is parsed, so a
   * crawl step queueing many large sitemaps must not hold them all at the same time.
   */
  @WithDefault("2")
  int concurrentSitemapReads();

  /** How long a claimed URL belongs to a worker before another may take it over. */
  @WithDefault("PT2M")
  Duration lease();

  /**
   * Leases a frontier item may come to nothing before it becomes a page error: a page that kills
   * its worker or cannot be written is not fetched again every time its lease runs out.
   */
  @WithDefault("3")
  int maxAttempts();

  /** Concurrent runs per account (per project for crawlcrawl) that each dialect allows. */
  Map<String, Integer> concurrentRuns();

  /** Hosts whose politeness gate a worker keeps; past this the least used are forgotten. */
  @WithDefault("10000")
  long hostGates();

  /** A host's politeness gate is forgotten after this long without a request to it. */
  @WithDefault("PT10M")
  Duration idleHostGate();

  /**
   * How long published events stay in the outbox. webhook-service holds its own copy once it has
   * the event; the relay confirms that within minutes, so days leave room for long outages.
   */
  @WithDefault("P3D")
  Duration outboxRetention();

  /**
   * Credits a page fetched at each AlterLab tier costs ("1" is a plain HTTP fetch); every tier a
   * page fetcher serves needs a price. Set in application.properties.
   */
  Map<String, Integer> tierCredits();

  /** How long dialects that expire results keep them. */
  @WithDefault("PT24H")
  Duration resultRetention();

  /** An operator's file of domains never to crawl (one per line), re-read when it changes. */
  java.util.Optional<String> blocklistFile();

  /** Largest HTML body kept per page. */
  @WithDefault("10485760")
  int maxPageBytes();
}
