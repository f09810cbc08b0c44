package dev.orbweaver.scrape.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.orbweaver.scrape.render.ActionResults;
import dev.orbweaver.scrape.render.Cookie;
import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.Screenshot;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.render.Viewport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an api replica sends and a render replica answers: every field of a request and a result
 * survives the trip through JSON unchanged.
 */
class RenderWireTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aRequestSurvivesTheWire() throws Exception {
    RenderRequest request =
        new RenderRequest(
            "https://example.com/app",
            Duration.ofSeconds(45),
            Duration.ofMillis(700),
            "#app h1",
            List.of(
                new RenderAction.Wait(Duration.ofMillis(250), null),
                new RenderAction.Wait(null, ".loaded"),
                new RenderAction.Click("#more", true),
                new RenderAction.Write("Ada"),
                new RenderAction.Press("Enter"),
                new RenderAction.Scroll(false, "#list"),
                new RenderAction.TakeScreenshot(
                    new ScreenshotSpec(true, 70, new Viewport(800, 600))),
                new RenderAction.Scrape(),
                new RenderAction.ExecuteJavascript("document.title")),
            new ScreenshotSpec(false, null, null),
            true,
            Map.of("Accept-Language", "de"),
            List.of(new Cookie("session", "abc")));

    String wire = json.writeValueAsString(RenderWire.fromRequest(request));
    RenderRequest back =
        RenderWire.toRequest(
            json.readValue(wire, RenderWire.Request.class), Duration.ofSeconds(30));

    assertThat(back).isEqualTo(request);
    assertThat(wire).contains("\"timeout_ms\":45000").contains("\"type\":\"executeJavascript\"");
  }

  @Test
  void aResultSurvivesTheWire() throws Exception {
    RenderResult result =
        new RenderResult(
            RenderOutcome.OK,
            null,
            "https://example.com/app#done",
            200,
            "<html><body>hi</body></html>",
            new Screenshot("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
            new ActionResults(
                List.of(new Screenshot("image/jpeg", new byte[] {1, 2, 3})),
                List.of(new ActionResults.PageSnapshot("https://example.com/app", "<p>x</p>")),
                List.of(new ActionResults.JavascriptReturn("string", new TextNode("Title")))),
            new RenderResult.Timing(3, 180, 183),
            2);

    String wire = json.writeValueAsString(RenderWire.fromResult(result));
    RenderResult back = RenderWire.toResult(json.readValue(wire, RenderWire.Response.class));

    assertThat(back.outcome()).isEqualTo(RenderOutcome.OK);
    assertThat(back.finalUrl()).isEqualTo(result.finalUrl());
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.html()).isEqualTo(result.html());
    assertThat(back.screenshot().bytes()).isEqualTo(result.screenshot().bytes());
    assertThat(back.actions().screenshots().getFirst().mediaType()).isEqualTo("image/jpeg");
    assertThat(back.actions().scrapes()).isEqualTo(result.actions().scrapes());
    assertThat(back.actions().javascriptReturns()).isEqualTo(result.actions().javascriptReturns());
    assertThat(back.timing()).isEqualTo(result.timing());
    assertThat(back.attempts()).isEqualTo(2);
    assertThat(wire).contains("\"final_url\"").contains("\"javascript_returns\"");
  }

  @Test
  void aBusyAnswerIsTyped() throws Exception {
    RenderResult busy =
        RenderResult.failed(
            RenderOutcome.BUSY, "every page is busy", new RenderResult.Timing(0, 0, 0), 0);

    RenderResult back =
        RenderWire.toResult(
            json.readValue(
                json.writeValueAsString(RenderWire.fromResult(busy)), RenderWire.Response.class));

    assertThat(back.outcome()).isEqualTo(RenderOutcome.BUSY);
    assertThat(back.message()).isEqualTo("every page is busy");
  }
}
