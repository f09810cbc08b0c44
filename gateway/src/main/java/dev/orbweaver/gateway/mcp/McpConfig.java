package dev.orbweaver.gateway.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the MCP tools wait and how much they put in an answer. */
@ConfigMapping(prefix = "orbweaver.mcp")
public interface McpConfig {
  /**
   * How long gap_analysis waits for its job before answering "still running" with the job id: under
   * the 60 s a client's request times out after by default (the MCP SDKs').
   */
  @WithDefault("PT45S")
  Duration gapWait();

  /** How often a waiting tool polls a job (gap analysis, crawl). */
  @WithDefault("PT0.5S")
  Duration pollInterval();

  /** The longest wait_seconds a crawl call may ask for (its schema's maximum, under 60 s). */
  @WithDefault("PT55S")
  Duration crawlMaxWait();

  /** Rows a list answer shows when the caller names no limit: a model reads every row. */
  @WithDefault("50")
  int defaultRows();

  /** Characters of Markdown a scrape answer carries when the caller names no max_chars. */
  @WithDefault("20000")
  int defaultMaxChars();
}
