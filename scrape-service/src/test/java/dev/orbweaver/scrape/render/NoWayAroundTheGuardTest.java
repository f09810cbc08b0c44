package dev.orbweaver.scrape.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.testing.FixtureSite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSRF through the browser: the page is served on 127.0.0.2, the only address the guard allows; a
 * canary on 127.0.0.3 counts every TCP connection and UDP datagram that reaches it. Pages that try
 * every way a browser has to reach it (subresources, fetch/XHR, WebSocket, EventSource, beacons,
 * workers, service workers, iframes, forms, popups, prefetch and preconnect hints, speculation
 * rules, other spellings of the address, localhost, WebRTC) and pages that navigate or redirect to
 * it must leave it at zero.
 */
class NoWayAroundTheGuardTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Canary canary;
  private static FixtureSite site;
  private static RenderPool pool;

  @BeforeAll
  static void start() throws Exception {
    canary = new Canary("127.0.0.3");
    String decimal = String.valueOf((127L << 24) + 3);
    java.util.function.UnaryOperator<String> aim =
        text ->
            text.replace("CANARY_UDP_PORT", String.valueOf(canary.udpPort()))
                .replace("CANARY_PORT", String.valueOf(canary.port()))
                .replace("CANARY_DECIMAL", decimal)
                .replace("CANARY", canary.authority());
    site =
        FixtureSite.on("127.0.0.2")
            .page("/every-way-out", aim.apply(RenderPoolTest.page("every-way-out.html")))
            .text("/sw.js", "text/javascript", aim.apply(RenderPoolTest.page("sw.js")))
            .text("/own", "text/plain", "reached")
            .redirect("/redirect", 302, "http://" + canary.authority() + "/redirected")
            .page(
                "/navigate",
                "<p>leaving</p><script>location.href = 'http://"
                    + canary.authority()
                    + "/navigated';</script>")
            .page(
                "/meta-refresh",
                "<meta http-equiv=\"refresh\" content=\"0; url=http://"
                    + canary.authority()
                    + "/refreshed\"><p>refreshing</p>")
            .start();
    AddressGuard guard =
        new AddressGuard(AllowedPrivateCidrs.of("127.0.0.2/32"), HostResolver.system());
    pool =
        new RenderPool(
            RenderPoolTest.settings(), guard, new ObjectMapper(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close();
    site.close();
    canary.close();
  }

  @Test
  void aCanaryCountsWhatReachesIt() throws Exception {
    try (Canary other = new Canary("127.0.0.3");
        Socket socket = new Socket(other.host(), other.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();

      assertThat(other.connections()).isEqualTo(1);
      assertThat(other.heard()).containsExactly("GET / HTTP/1.0");
    }
  }

  @Test
  void aPageThatTriesEveryWayOutReachesNothingButItsOwnOrigin() {
    long refusedBefore = pool.proxy().refused();
    RenderRequest request =
        RenderRequest.of(site.url("/every-way-out"), TIMEOUT)
            .withWaitFor(Duration.ofMillis(2500))
            // A screenshot lets images, media and fonts load too, so that they meet the guard.
            .withScreenshot(ScreenshotSpec.VIEWPORT_PNG)
            .withActions(
                List.of(
                    new RenderAction.ExecuteJavascript(
                        "fetch('http://" + canary.authority() + "/from-action').catch(() => 0)"),
                    new RenderAction.Wait(Duration.ofMillis(500), null)));

    RenderResult result = pool.render(request);

    assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
    assertThat(result.html()).contains("own origin: reached");
    assertThat(canary.connections()).as(canary.heard().toString()).isZero();
    assertThat(canary.datagrams()).isZero();
    assertThat(pool.proxy().refused() - refusedBefore).isGreaterThan(10);
  }

  @Test
  void aRedirectToTheCanaryIsNotFollowed() {
    RenderResult result = pool.render(RenderRequest.of(site.url("/redirect"), TIMEOUT));

    assertThat(result.outcome()).isEqualTo(RenderOutcome.BLOCKED);
    assertThat(result.message()).contains(canary.authority());
    assertThat(canary.connections()).isZero();
  }

  @Test
  void aScriptOrMetaNavigationToTheCanaryIsNotFollowed() {
    RenderResult scripted =
        pool.render(
            RenderRequest.of(site.url("/navigate"), TIMEOUT).withWaitFor(Duration.ofMillis(500)));
    RenderResult refreshed =
        pool.render(
            RenderRequest.of(site.url("/meta-refresh"), TIMEOUT)
                .withWaitFor(Duration.ofMillis(500)));

    assertThat(scripted.outcome()).as(scripted.message()).isEqualTo(RenderOutcome.BLOCKED);
    assertThat(refreshed.outcome()).isEqualTo(RenderOutcome.BLOCKED);
    assertThat(canary.connections()).isZero();
  }

  @Test
  void aNavigationToTheCanaryOverTlsFailsWithoutReachingIt() {
    RenderResult result =
        pool.render(
            RenderRequest.of(site.url("/own"), TIMEOUT)
                .withActions(
                    List.of(
                        new RenderAction.ExecuteJavascript(
                            "location.href = 'https://" + canary.authority() + "/tls'"),
                        new RenderAction.Wait(Duration.ofMillis(1000), null))));

    assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.NAVIGATION_FAILED);
    assertThat(canary.connections()).isZero();
  }

  @Test
  void thePoolsOwnPortsAreRefusedEvenWhenLoopbackIsAllowed() throws Exception {
    AddressGuard loopback =
        new AddressGuard(AllowedPrivateCidrs.of("127.0.0.0/8"), HostResolver.system());
    try (RenderPool open =
        new RenderPool(
            RenderPoolTest.settings(), loopback, new ObjectMapper(), new SimpleMeterRegistry())) {
      open.warm();
      String probe =
          "Promise.all([fetch('http://127.0.0.1:"
              + open.proxy().port()
              + "/').then(r => r.status).catch(() => 'refused'), fetch('http://127.0.0.1:"
              + "' + DEVTOOLS + '/json/version').then(r => r.status).catch(() => 'refused')])";
      RenderResult result =
          open.render(
              RenderRequest.of(site.url("/own"), TIMEOUT)
                  .withActions(
                      List.of(
                          new RenderAction.ExecuteJavascript(
                              "const DEVTOOLS = " + devtoolsPort(open) + "; " + probe))));

      assertThat(result.outcome()).as(result.message()).isEqualTo(RenderOutcome.OK);
      assertThat(result.actions().javascriptReturns().getFirst().value().toString())
          .isEqualTo("[\"refused\",\"refused\"]");
    }
  }

  private static int devtoolsPort(RenderPool pool) throws Exception {
    long pid = pool.browserPids().getFirst();
    // The profile directory of the browser holds its DevTools port (see BrowserProcess).
    String command =
        ProcessHandle.of(pid).orElseThrow().info().arguments().map(List::of).orElseThrow().stream()
            .filter(a -> a.startsWith("--user-data-dir="))
            .findFirst()
            .orElseThrow();
    java.nio.file.Path dir = java.nio.file.Path.of(command.substring("--user-data-dir=".length()));
    return Integer.parseInt(
        java.nio.file.Files.readAllLines(dir.resolve("DevToolsActivePort")).getFirst().strip());
  }
}
