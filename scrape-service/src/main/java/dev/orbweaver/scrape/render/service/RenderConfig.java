package dev.orbweaver.scrape.render.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The render pool's settings ({@code orbweaver.render.*}); docs/configuration.md maps each to its
 * environment variable. Which replica runs the pool is scrape-service's role ({@code
 * orbweaver.scrape.role}).
 */
@ConfigMapping(prefix = "orbweaver.render")
public interface RenderConfig {

  /** The browser binary; unset finds Debian's chromium-headless-shell, then chromium. */
  Optional<String> executable();

  /** Browser processes kept running by a render replica. */
  @WithDefault("1")
  int browsers();

  /** Pages one browser renders at once. */
  @WithDefault("4")
  int pagesPerBrowser();

  /** Renders that may wait for a free page; one more answers busy. */
  @WithDefault("32")
  int queueCapacity();

  /** A browser is replaced after this many renders. */
  @WithDefault("200")
  int recycleAfterRenders();

  /** A browser whose processes hold more resident memory than this (MiB) is replaced. */
  @WithDefault("1536")
  int maxBrowserMemoryMb();

  /** The JavaScript heap limit of each page's renderer (MiB). */
  @WithDefault("512")
  int jsHeapMb();

  /** A render's deadline when the request names none. */
  @WithDefault("PT30S")
  Duration defaultTimeout();

  /** The longest deadline a request may ask for. */
  @WithDefault("PT120S")
  Duration maxTimeout();

  /** Start the browsers when the replica starts rather than at the first render. */
  @WithDefault("true")
  boolean warmUp();

  /**
   * The render replicas' base URL, for a scrape-service in the api role (e.g. http://render:8084).
   */
  Optional<String> url();

  /** The largest rendered HTML returned (characters). */
  @WithDefault("10485760")
  int maxHtmlChars();

  /** The largest screenshot returned (bytes). */
  @WithDefault("20971520")
  int maxScreenshotBytes();
}
