package dev.orbweaver.scrape.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.scrape.support.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The automatic render decision on small documents written for it (src/test/resources). */
class RenderDecisionTest {

  private static RenderDecision decide(String fixture) {
    byte[] body = Fixtures.text("render/decision/" + fixture).getBytes(StandardCharsets.UTF_8);
    return RenderDecision.decide(200, "text/html", body, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spa-create-react-app.html",
        "spa-next-client.html",
        "spa-angular.html",
        "spa-angularjs-ng-app.html",
        "spa-vue-vite.html",
        "spa-inline-built.html",
        "spa-noscript-notice.html"
      })
  void scriptShellsGoToTheBrowser(String fixture) {
    RenderDecision decision = decide(fixture);

    assertThat(decision.mode()).as(decision.reason()).isEqualTo(RenderMode.BROWSER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "static-article.html",
        "static-news-heavy-script.html",
        "static-next-ssr.html",
        "static-small-page.html",
        "static-noscript-comments.html"
      })
  void staticPagesStayOnHttp(String fixture) {
    RenderDecision decision = decide(fixture);

    assertThat(decision.mode()).as(decision.reason()).isEqualTo(RenderMode.HTTP);
  }

  @Test
  void reasonsNameWhatWasSeen() {
    assertThat(decide("spa-create-react-app.html").reason()).contains("<noscript>");
    assertThat(decide("spa-next-client.html").reason()).contains("#__next");
    assertThat(decide("spa-angular.html").reason()).contains("<app-root>");
    assertThat(decide("static-article.html").reason()).contains("has its text");
  }

  @Test
  void onlySuccessfulHtmlIsEverRendered() {
    byte[] shell = Fixtures.text("render/decision/spa-next-client.html").getBytes();

    assertThat(RenderDecision.decide(404, "text/html", shell, null).mode())
        .isEqualTo(RenderMode.HTTP);
    assertThat(RenderDecision.decide(200, "application/json", shell, null).mode())
        .isEqualTo(RenderMode.HTTP);
    assertThat(RenderDecision.decide(200, "text/html", new byte[0], null).mode())
        .isEqualTo(RenderMode.HTTP);
    assertThat(RenderDecision.decide(200, null, shell, null).mode()).isEqualTo(RenderMode.BROWSER);
  }

  @Test
  void aHugeDocumentIsReadOnlyUpToTheCap() {
    String filler = "<p>" + "word ".repeat(200) + "</p>";
    byte[] body = ("<html><body>" + filler.repeat(5000) + "</body></html>").getBytes();

    RenderDecision decision = RenderDecision.decide(200, "text/html", body, null);

    assertThat(body.length).isGreaterThan(RenderDecision.MAX_BYTES);
    assertThat(decision.mode()).isEqualTo(RenderMode.HTTP);
  }
}
