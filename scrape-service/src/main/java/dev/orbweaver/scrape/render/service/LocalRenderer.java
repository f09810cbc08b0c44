package dev.orbweaver.scrape.render.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderPool;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.RenderSettings;
import dev.orbweaver.scrape.render.browser.ChromiumExecutable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The render pool of this replica, created at the first render (or at start when warm-up is on and
 * the role runs browsers), on the SSRF guard of the service's fetcher.
 */
@ApplicationScoped
public class LocalRenderer {
  private static final Logger LOG = Logger.getLogger(LocalRenderer.class);

  private final RenderConfig config;
  private final FetchClients fetch;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final ScrapeRole role;
  private final int httpPort;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile RenderPool pool;

  @Inject
  public LocalRenderer(
      RenderConfig config,
      FetchClients fetch,
      ObjectMapper json,
      MeterRegistry meters,
      ScrapeConfig scrape,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8084") int httpPort) {
    this.config = config;
    this.fetch = fetch;
    this.json = json;
    this.meters = meters;
    this.role = ScrapeRole.parse(scrape.role());
    this.httpPort = httpPort;
  }

  void onStart(@Observes StartupEvent start) {
    if (role.runsBrowsers() && config.warmUp()) {
      Thread.ofVirtual()
          .name("render-warm-up")
          .start(
              () -> {
                try {
                  pool().warm();
                } catch (IOException | IllegalStateException e) {
                  LOG.warnf("render pool not started: %s", e.getMessage());
                }
              });
    }
  }

  public ScrapeRole role() {
    return role;
  }

  public RenderResult render(RenderRequest request) {
    try {
      return pool().render(request);
    } catch (IOException | IllegalStateException e) {
      return RenderResult.failed(RenderOutcome.UNAVAILABLE, e.getMessage(), null, 0);
    }
  }

  /** The pool, started on first use. */
  public RenderPool pool() throws IOException {
    RenderPool current = pool;
    if (current != null) {
      return current;
    }
    lock.lock();
    try {
      if (pool == null) {
        Path executable =
            ChromiumExecutable.find(config.executable())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no browser: install chromium-headless-shell or chromium, or set"
                                + " ORBWEAVER_RENDER_EXECUTABLE"));
        RenderSettings settings =
            new RenderSettings(
                executable,
                config.browsers(),
                config.pagesPerBrowser(),
                config.queueCapacity(),
                config.recycleAfterRenders(),
                config.maxBrowserMemoryMb() * 1024L * 1024L,
                config.jsHeapMb(),
                java.time.Duration.ofSeconds(20),
                config.maxHtmlChars(),
                config.maxScreenshotBytes());
        RenderPool created = new RenderPool(settings, fetch.fetcher().guard(), json, meters);
        created.proxy().refusePort(httpPort);
        pool = created;
      }
      return pool;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the pool runs (for tests and health). */
  public Optional<RenderPool> running() {
    return Optional.ofNullable(pool);
  }

  @PreDestroy
  void close() {
    RenderPool current = pool;
    if (current != null) {
      current.close();
    }
  }
}
