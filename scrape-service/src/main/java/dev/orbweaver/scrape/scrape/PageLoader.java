package dev.orbweaver.scrape.scrape;

import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.proxy.ProxySpec;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import dev.orbweaver.scrape.fetch.FetchFailures;
import dev.orbweaver.scrape.render.RenderDecision;
import dev.orbweaver.scrape.render.RenderLimits;
import dev.orbweaver.scrape.render.RenderMode;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.service.RenderConfig;
import dev.orbweaver.scrape.render.service.Renderer;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * How a scrape gets its page. A request that asks for what only a browser does ({@link
 * BrowserOptions#needBrowser()}) is rendered, and fails in the dialect's envelope when it cannot
 * be. Any other is fetched over HTTP, and rendered after all when the answer is a script shell
 * ({@link RenderDecision}); when that render fails the HTTP answer stands, with a warning, since
 * the caller asked for nothing a browser alone can give.
 */
@ApplicationScoped
public class PageLoader {
  private static final Logger LOG = Logger.getLogger(PageLoader.class);

  private final FetchClients fetch;
  private final Renderer renderer;
  private final ScrapeConfig config;
  private final RenderConfig render;

  @Inject
  public PageLoader(
      FetchClients fetch, Renderer renderer, ScrapeConfig config, RenderConfig render) {
    this.fetch = fetch;
    this.renderer = renderer;
    this.config = config;
    this.render = render;
  }

  /**
   * @param urlField the request field that named the URL, for error messages
   * @throws dev.orbweaver.common.error.ApiException when no page could be got
   */
  LoadedPage load(String url, ScrapeSpec spec, String urlField) {
    long started = System.nanoTime();
    Duration timeout =
        spec.timeoutMs() == null ? config.defaultTimeout() : Duration.ofMillis(spec.timeoutMs());
    if (spec.browser().needBrowser()) {
      return renderAsked(url, spec, timeout, urlField);
    }
    FetchResult fetched = fetch(url, spec, timeout, urlField);
    LoadedPage page = LoadedPage.fetched(fetched);
    if (!config.autoRender()) {
      return page;
    }
    RenderDecision decision =
        RenderDecision.decide(
            fetched.status(), fetched.mediaType(), fetched.body(), fetched.charset());
    if (decision.mode() != RenderMode.BROWSER) {
      return page;
    }
    Duration left = timeout.minusNanos(System.nanoTime() - started);
    if (left.compareTo(RenderLimits.MIN_TIMEOUT) < 0) {
      return page.warn(
          "The page looks built by script, but too little of the timeout was left to render it:"
              + " the result is the HTML the server sent.");
    }
    RenderResult result = renderer.render(request(fetched.finalUrl(), spec, left));
    if (!result.ok()) {
      LOG.debugf(
          "automatic render of %s failed (%s): %s",
          fetched.finalUrl(), result.outcome().wire(), result.message());
      return page.warn(
          "The page looks built by script ("
              + decision.reason()
              + "), but the browser could not render it ("
              + result.outcome().wire()
              + (result.message() == null ? "" : ": " + result.message())
              + "): the result is the HTML the server sent.");
    }
    return LoadedPage.rendered(
        result, page.contentType(), fetched.status(), proxyNotice(spec, List.of()));
  }

  private LoadedPage renderAsked(String url, ScrapeSpec spec, Duration timeout, String urlField) {
    Require.that(RenderLimits.isHttpUrl(url), urlField, "must be an absolute http or https URL");
    proxy(spec);
    if (config.respectRobots()) {
      try {
        fetch.robots().requireAllowed(url);
      } catch (FetchException e) {
        throw FetchFailures.toApi(e, urlField);
      }
    }
    RenderResult result = renderer.render(request(url, spec, timeout));
    if (!result.ok()) {
      throw RenderFailures.toApi(result);
    }
    return LoadedPage.rendered(result, null, 0, proxyNotice(spec, List.of()));
  }

  private RenderRequest request(String url, ScrapeSpec spec, Duration timeout) {
    BrowserOptions browser = spec.browser();
    Duration bounded = timeout.compareTo(render.maxTimeout()) > 0 ? render.maxTimeout() : timeout;
    RenderRequest request =
        new RenderRequest(
            url,
            bounded,
            browser.waitFor(),
            null,
            browser.actions(),
            browser.screenshot(),
            browser.mobile(),
            spec.headers(),
            List.of());
    RenderLimits.validate(request, render.maxTimeout());
    return request;
  }

  private static List<String> proxyNotice(ScrapeSpec spec, List<String> warnings) {
    if (spec.proxy() == null) {
      return warnings;
    }
    List<String> more = new ArrayList<>(warnings);
    more.add(
        "The page was rendered in the browser, which does not use the proxy you named: it was"
            + " loaded directly.");
    return more;
  }

  private FetchResult fetch(String url, ScrapeSpec spec, Duration timeout, String urlField) {
    FetchRequest request = FetchRequest.get(url).withHeaders(spec.headers()).withTimeout(timeout);
    ProxySpec proxy = proxy(spec);
    if (proxy != null) {
      request = request.withProxy(proxy);
    }
    try {
      return config.respectRobots() ? fetch.politely(request) : fetch.fetcher().fetch(request);
    } catch (FetchException e) {
      throw FetchFailures.toApi(e, urlField);
    }
  }

  private static ProxySpec proxy(ScrapeSpec spec) {
    if (spec.proxy() == null) {
      return null;
    }
    try {
      return ProxySpec.parse(spec.proxy());
    } catch (IllegalArgumentException e) {
      throw Require.invalid("proxy", e.getMessage());
    }
  }
}
