package dev.orbweaver.scrape.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.scrape.render.browser.ChromiumExecutable;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The render pool against Debian's real Chromium and pages served on loopback. The site lives on
 * 127.0.0.2, the only address the guard allows; everything on 127.0.0.3 must stay unreached.
 */
class RenderPoolTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] PIXEL_PNG =
      java.util.Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AddressGuard GUARD =
      new AddressGuard(AllowedPrivateCidrs.of("127.0.0.2/32"), HostResolver.system());

  private static FixtureSite site;
  private static RenderPool pool;

  @BeforeAll
  static void start() throws Exception {
    site =
        FixtureSite.on("127.0.0.2")
            .page("/built", page("built-on-dom-ready.html"))
            .page("/late", page("late-content.html"))
            .page("/interactive", page("interactive.html"))
            .page("/tall", page("tall.html"))
            .page("/hostile", page("hostile.html"))
            .page("/loop", page("busy-loop.html"))
            .page("/image", page("with-image.html"))
            .file("/pixel.png", "image/png", PIXEL_PNG)
            .answer(
                "/set-state",
                200,
                "text/html",
                page("set-state.html").getBytes(),
                Duration.ZERO,
                Map.of("Set-Cookie", "server=alice; Max-Age=3600; Path=/"))
            .page("/read-state", page("read-state.html"))
            .slow("/slow", Duration.ofSeconds(3), "<p>slow but there</p>")
            .start();
    pool = new RenderPool(settings(), GUARD, JSON, new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    pool.close();
    site.close();
  }

  static RenderSettings settings() {
    return RenderSettings.defaults(
        ChromiumExecutable.find(Optional.empty())
            .orElseThrow(() -> new IllegalStateException("no Chromium installed")));
  }

  static String page(String name) {
    return Fixtures.text("render/pages/" + name);
  }

  private static RenderRequest request(String path) {
    return RenderRequest.of(site.url(path), TIMEOUT);
  }

  @Test
  void contentBuiltOnDomContentLoadedIsInTheRenderedHtml() {
    RenderResult result = pool.render(request("/built"));

    assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.finalUrl()).isEqualTo(site.url("/built"));
    assertThat(result.html())
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Rare fruit of the week</h1>")
        .contains("<li>Loquat is in season</li>");
    assertThat(result.attempts()).isEqualTo(1);
  }

  @Test
  void waitForCatchesContentThatAppearsAfter700Milliseconds() {
    RenderResult result = pool.render(request("/late").withWaitFor(Duration.ofMillis(1500)));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(result.html()).contains("The timetable arrived after 700 milliseconds");
  }

  @Test
  void waitForSelectorWaitsForTheElement() {
    RenderRequest request =
        new RenderRequest(
            site.url("/late"),
            TIMEOUT,
            Duration.ZERO,
            "#late",
            List.of(),
            null,
            false,
            Map.of(),
            List.of());

    RenderResult result = pool.render(request);

    assertThat(result.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(result.html()).contains("The timetable arrived");
  }

  @Test
  void clickRevealsHiddenTextAndWriteTypesIntoAnInput() {
    RenderResult result =
        pool.render(
            request("/interactive")
                .withActions(
                    List.of(
                        new RenderAction.Click("#reveal", false),
                        new RenderAction.Click("#name", false),
                        new RenderAction.Write("Ada"),
                        new RenderAction.Click("#query", false),
                        new RenderAction.Write("bridges"),
                        new RenderAction.Press("Enter"),
                        new RenderAction.Scrape(),
                        new RenderAction.ExecuteJavascript(
                            "document.getElementById('name').value.length"))));

    assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
    assertThat(result.html())
        .contains("The vault code is 4711")
        .contains("Hello Ada")
        .contains("Submitted Ada");
    assertThat(result.actions().scrapes()).hasSize(1);
    assertThat(result.actions().scrapes().get(0).html()).contains("The vault code is 4711");
    assertThat(result.actions().javascriptReturns())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.type()).isEqualTo("number");
              assertThat(r.value().asInt()).isEqualTo(3);
            });
  }

  @Test
  void aClickOnNothingFailsTheActionNamingIt() {
    RenderResult result =
        pool.render(
            request("/interactive")
                .withActions(List.of(new RenderAction.Click("#no-such-button", false))));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.ACTION_FAILED);
    assertThat(result.message()).contains("actions[0]").contains("#no-such-button");
  }

  @Test
  void aFullPagePngScreenshotHasThePagesHeight() throws Exception {
    RenderResult result =
        pool.render(request("/tall").withScreenshot(ScreenshotSpec.FULL_PAGE_PNG));

    assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
    assertThat(result.screenshot().mediaType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.screenshot().bytes()));
    assertThat(image.getHeight()).isEqualTo(3000);
    assertThat(image.getWidth()).isEqualTo(Viewport.DESKTOP.width());
  }

  @Test
  void aViewportJpegScreenshotHasTheAskedSize() throws Exception {
    RenderResult result =
        pool.render(
            request("/tall").withScreenshot(new ScreenshotSpec(false, 60, new Viewport(640, 480))));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(result.screenshot().mediaType()).isEqualTo("image/jpeg");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.screenshot().bytes()));
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
  }

  @Test
  void imagesAreNotFetchedUnlessAScreenshotIsAsked() {
    long before = site.hits("/pixel.png");

    pool.render(request("/image"));
    long withoutScreenshot = site.hits("/pixel.png") - before;
    pool.render(request("/image").withScreenshot(ScreenshotSpec.VIEWPORT_PNG));
    long withScreenshot = site.hits("/pixel.png") - before;

    assertThat(withoutScreenshot).isZero();
    assertThat(withScreenshot).isEqualTo(1);
  }

  @Test
  void aPagesCookiesAndStorageAreInvisibleToTheNextRender() {
    RenderResult first = pool.render(request("/set-state"));
    assertThat(first.html())
        .contains("server=alice")
        .contains("tenant=alice")
        .contains("storage=[alice]");

    RenderResult second = pool.render(request("/read-state").withWaitFor(Duration.ofMillis(200)));

    assertThat(second.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(second.html()).contains("cookie=[] storage=[] session=[]").contains("databases=[]");
  }

  @Test
  void anAlertDoesNotStopThePage() {
    RenderResult result = pool.render(request("/hostile"));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(result.html()).contains("after the alert");
  }

  @Test
  void aPageThatNeverStopsRunningTimesOutAndTheBrowserStillWorks() {
    RenderResult result = pool.render(RenderRequest.of(site.url("/loop"), Duration.ofSeconds(3)));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.TIMEOUT);
    assertThat(pool.render(request("/built")).outcome()).isEqualTo(RenderOutcome.OK);
  }

  @Test
  void aRefusedFirstUrlIsBlockedWithoutABrowser() {
    RenderResult result = pool.render(RenderRequest.of("http://127.0.0.3:9/", TIMEOUT));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.BLOCKED);
    assertThat(result.message()).contains("127.0.0.3");
    assertThat(result.attempts()).isZero();
  }

  @Test
  void theQueueRefusesBeyondItsBound() throws Exception {
    try (RenderPool small =
        new RenderPool(
            settings().withBrowsers(1, 1).withQueueCapacity(1),
            GUARD,
            JSON,
            new SimpleMeterRegistry())) {
      Future<RenderResult> running =
          CompletableFuture.supplyAsync(() -> small.render(request("/slow")));
      await().atMost(Duration.ofSeconds(30)).until(() -> small.activeRenders() == 1);
      Future<RenderResult> waiting =
          CompletableFuture.supplyAsync(() -> small.render(request("/built")));
      await().atMost(Duration.ofSeconds(10)).until(() -> small.queueDepth() == 1);

      RenderResult refused = small.render(request("/built"));

      assertThat(refused.outcome()).isEqualTo(RenderOutcome.BUSY);
      assertThat(refused.attempts()).isZero();
      assertThat(running.get().outcome()).isEqualTo(RenderOutcome.OK);
      assertThat(waiting.get().outcome()).isEqualTo(RenderOutcome.OK);
    }
  }

  @Test
  void aBrowserKilledMidRenderIsReplacedAndTheRenderRetried() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (RenderPool own = new RenderPool(settings(), GUARD, JSON, meters)) {
      own.warm();
      long pid = own.browserPids().getFirst();
      CompletableFuture<RenderResult> render =
          CompletableFuture.supplyAsync(() -> own.render(request("/slow")));
      // The slow page answers after 3 s: the render is in the browser, waiting for it.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> site.hits("/slow") > 0 && own.activeRenders() == 1);

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      RenderResult result = render.get();

      assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.html()).contains("slow but there");
      assertThat(own.browserPids()).doesNotContain(pid);
      assertThat(own.render(request("/built")).outcome()).isEqualTo(RenderOutcome.OK);
      assertThat(
              meters
                  .get("orbweaver.render.browser.restarts")
                  .tag("reason", "failed")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void aBrowserIsRecycledAfterItsRenders() throws Exception {
    try (RenderPool own =
        new RenderPool(
            settings().withRecycling(2, Long.MAX_VALUE), GUARD, JSON, new SimpleMeterRegistry())) {
      own.warm();
      long first = own.browserPids().getFirst();
      own.render(request("/built"));
      own.render(request("/built"));
      own.render(request("/built"));

      // Retired after its second render, the browser is closed once its last context is gone.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false));
      RenderResult next = own.render(request("/built"));
      assertThat(next.outcome()).isEqualTo(RenderOutcome.OK);
      assertThat(own.browserPids()).singleElement().isNotEqualTo(first);
      assertThat(
              own.meters()
                  .get("orbweaver.render.browser.restarts")
                  .tag("reason", "recycled")
                  .counter()
                  .count())
          .isGreaterThanOrEqualTo(1);
    }
  }
}
