package dev.orbweaver.scrape.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.scrape.render.cdp.CdpConnection;
import dev.orbweaver.scrape.render.cdp.CdpEvent;
import dev.orbweaver.scrape.render.cdp.CdpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One render in one browser: a fresh browser context (its own cookies, storage, cache and service
 * workers, thrown away at the end), one page in it, the request's emulation, headers and cookies,
 * navigation, waits, actions, screenshot and HTML. Everything is bounded by the render's deadline.
 */
final class PageRender {
  /**
   * Browser-level commands answer in milliseconds; one that takes this long means a hung browser.
   */
  static final Duration BROWSER_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** How often a selector is looked for while waiting for it. */
  private static final long POLL_MS = 50;

  /** How long click and scroll look for their element before the action fails. */
  private static final Duration ELEMENT_WAIT = Duration.ofSeconds(5);

  /** Full-page screenshots are cut at this height (Chromium's largest texture). */
  static final int MAX_SCREENSHOT_HEIGHT = 16_384;

  /** The largest value an executeJavascript action may return (as JSON). */
  static final int MAX_SCRIPT_RESULT_CHARS = 1 << 20;

  private static final String MOBILE_USER_AGENT =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/%s Mobile Safari/537.36";
  private static final String DESKTOP_USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/%s Safari/537.36";

  private final CdpConnection cdp;
  private final CompletableFuture<BlankPage> spare;
  private final ObjectMapper json;
  private final RenderRequest request;
  private final RenderSettings settings;
  private final String browserVersion;
  private final long deadline;

  private String context;
  private String session;
  private String mainFrame;

  /**
   * Loaders (one per main-frame navigation) that requested a document after we navigated; the first
   * load event of any of them ends the wait, so that a page which navigates on while loading (a
   * script, a refresh) is waited for too, and the about:blank we started on never counts.
   */
  private final java.util.Set<String> documentLoaders = ConcurrentHashMap.newKeySet();

  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private final CompletableFuture<String> crashed = new CompletableFuture<>();
  private volatile JsonNode mainResponse;
  private Viewport viewport;

  PageRender(
      CdpConnection cdp,
      ObjectMapper json,
      RenderRequest request,
      RenderSettings settings,
      String browserVersion,
      long deadlineNanos,
      CompletableFuture<BlankPage> spare) {
    this.spare = spare;
    this.cdp = cdp;
    this.json = json;
    this.request = request;
    this.settings = settings;
    this.browserVersion = browserVersion;
    this.deadline = deadlineNanos;
  }

  /** Why a render stopped early: an outcome other than OK and its message. */
  static final class Stop extends Exception {
    final RenderOutcome outcome;

    Stop(RenderOutcome outcome, String message) {
      super(message);
      this.outcome = outcome;
    }
  }

  /**
   * Renders the page; {@link #close()} must follow, whatever this returned or threw (the pool calls
   * it after handing the result back, so that disposing of the context is not in the render's
   * latency).
   *
   * @throws BrowserFailure when the browser crashed or hung (the pool retries elsewhere)
   */
  RenderResult run() throws BrowserFailure {
    try {
      open();
      return render();
    } catch (Stop stop) {
      return RenderResult.failed(stop.outcome, stop.getMessage(), null, 1);
    }
  }

  /** Takes the pool's spare page when there is one and it opened in time, else opens a page now. */
  private void open() throws BrowserFailure, Stop {
    BlankPage page = null;
    if (spare != null) {
      try {
        page = spare.get(remainingMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        spare.thenAccept(unused -> unused.discard(cdp));
        throw new Stop(RenderOutcome.TIMEOUT, "no page was ready before the deadline");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop(RenderOutcome.TIMEOUT, "interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        page = null; // a spare that failed: open one here, which fails too if the browser is gone
      }
    }
    if (page == null) {
      page = BlankPage.open(cdp, shorter(BROWSER_COMMAND_TIMEOUT));
    }
    context = page.context();
    mainFrame = page.target();
    session = page.session();
    cdp.listen(session, this::onEvent);
  }

  /** Disposes of the render's browser context (its page, storage and renderer go with it). */
  void close() throws BrowserFailure {
    if (session != null) {
      cdp.forget(session);
    }
    if (context != null) {
      ObjectNode p = cdp.params();
      p.put("browserContextId", context);
      // Not bounded by the render's deadline: a browser that cannot dispose of a context is hung.
      try {
        cdp.send("Target.disposeBrowserContext", p, BROWSER_COMMAND_TIMEOUT);
      } catch (CdpException e) {
        throw new BrowserFailure("disposing the context failed: " + e.getMessage());
      }
    }
  }

  private RenderResult render() throws BrowserFailure, Stop {
    prepare();
    navigate();
    awaitLoad();
    if (!request.waitFor().isZero()) {
      sleep(request.waitFor());
    }
    if (request.waitForSelector() != null) {
      awaitSelector(request.waitForSelector(), remaining(), "waitForSelector");
    }
    ActionResults actions = runActions();
    Screenshot screenshot = request.screenshot() == null ? null : capture(request.screenshot());
    JsonNode page = evaluate(PAGE_HTML, remaining());
    String html = page.path("html").asText();
    if (html.length() > settings.maxHtmlChars()) {
      throw new Stop(
          RenderOutcome.TOO_LARGE,
          "the rendered HTML has " + html.length() + " characters, over the limit");
    }
    JsonNode response = mainResponse;
    if (response != null && refusedByGuard(response)) {
      throw new Stop(
          RenderOutcome.BLOCKED, "the SSRF guard refused " + response.path("url").asText());
    }
    if (page.path("url").asText().startsWith("chrome-error:")) {
      throw new Stop(
          RenderOutcome.NAVIGATION_FAILED, "the page navigated to an address that could not load");
    }
    int status = response == null ? 0 : response.path("status").asInt();
    return new RenderResult(
        RenderOutcome.OK,
        null,
        page.path("url").asText(),
        status,
        html,
        screenshot,
        actions,
        null,
        1);
  }

  /** Emulation, blocking, headers and cookies, all sent at once and then awaited. */
  private void prepare() throws BrowserFailure, Stop {
    List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
    if (!request.wantsPixels()) {
      // Images, media and fonts cannot change the text; they are refused before they leave.
      ObjectNode fetch = cdp.params();
      ArrayNode patterns = fetch.putArray("patterns");
      for (String type : List.of("Image", "Media", "Font")) {
        patterns.addObject().put("resourceType", type).put("requestStage", "Request");
      }
      sent.add(page("Fetch.enable", fetch));
    }
    ObjectNode agent = cdp.params();
    agent.put(
        "userAgent",
        String.format(request.mobile() ? MOBILE_USER_AGENT : DESKTOP_USER_AGENT, browserVersion));
    agent.put("acceptLanguage", "en-US,en;q=0.9");
    sent.add(page("Emulation.setUserAgentOverride", agent));
    viewport = request.mobile() ? Viewport.MOBILE : Viewport.DESKTOP;
    sent.add(page("Emulation.setDeviceMetricsOverride", metrics(viewport)));
    if (request.mobile()) {
      ObjectNode touch = cdp.params();
      touch.put("enabled", true);
      touch.put("maxTouchPoints", 5);
      sent.add(page("Emulation.setTouchEmulationEnabled", touch));
    }
    if (!request.headers().isEmpty()) {
      ObjectNode headers = cdp.params();
      ObjectNode values = headers.putObject("headers");
      request.headers().forEach(values::put);
      sent.add(page("Network.setExtraHTTPHeaders", headers));
    }
    if (!request.cookies().isEmpty()) {
      ObjectNode cookies = cdp.params();
      ArrayNode list = cookies.putArray("cookies");
      for (Cookie cookie : request.cookies()) {
        list.addObject()
            .put("name", cookie.name())
            .put("value", cookie.value())
            .put("url", request.url());
      }
      sent.add(page("Network.setCookies", cookies));
    }
    for (CompletableFuture<JsonNode> answer : sent) {
      await(answer, "preparing the page");
    }
  }

  private ObjectNode metrics(Viewport size) {
    ObjectNode metrics = cdp.params();
    metrics.put("width", size.width());
    metrics.put("height", size.height());
    metrics.put("deviceScaleFactor", request.mobile() ? 2 : 1);
    metrics.put("mobile", request.mobile());
    return metrics;
  }

  private void navigate() throws BrowserFailure, Stop {
    ObjectNode p = cdp.params();
    p.put("url", request.url());
    JsonNode answer = await(page("Page.navigate", p), "navigating");
    String error = answer.path("errorText").asText("");
    if (!error.isEmpty()) {
      JsonNode response = mainResponse;
      if (response != null && refusedByGuard(response)) {
        throw new Stop(
            RenderOutcome.BLOCKED, "the SSRF guard refused " + response.path("url").asText());
      }
      throw new Stop(
          RenderOutcome.NAVIGATION_FAILED, "the browser could not load the page: " + error);
    }
  }

  private void awaitLoad() throws BrowserFailure, Stop {
    try {
      CompletableFuture.anyOf(loaded, crashed).get(remainingMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new Stop(RenderOutcome.TIMEOUT, "the page did not finish loading before the deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop(RenderOutcome.TIMEOUT, "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new Stop(RenderOutcome.NAVIGATION_FAILED, String.valueOf(e.getCause()));
    }
    checkCrash();
  }

  private void onEvent(CdpEvent event) {
    switch (event.method()) {
      case "Page.lifecycleEvent" -> {
        JsonNode params = event.params();
        if ("load".equals(params.path("name").asText())
            && mainFrame.equals(params.path("frameId").asText())
            && documentLoaders.contains(params.path("loaderId").asText())) {
          loaded.complete(null);
        }
      }
      case "Network.requestWillBeSent" -> {
        JsonNode params = event.params();
        if ("Document".equals(params.path("type").asText())
            && mainFrame.equals(params.path("frameId").asText())) {
          documentLoaders.add(params.path("loaderId").asText());
        }
      }
      case "Network.responseReceived" -> {
        JsonNode params = event.params();
        if ("Document".equals(params.path("type").asText())
            && mainFrame.equals(params.path("frameId").asText())) {
          mainResponse = params.path("response");
        }
      }
      case "Fetch.requestPaused" -> {
        ObjectNode fail = cdp.params();
        fail.put("requestId", event.params().path("requestId").asText());
        fail.put("errorReason", "BlockedByClient");
        cdp.sendAsync(session, "Fetch.failRequest", fail);
      }
      case "Page.javascriptDialogOpening" -> {
        // An alert() would stop the page until someone answers it: nobody will.
        ObjectNode dismiss = cdp.params();
        dismiss.put("accept", false);
        cdp.sendAsync(session, "Page.handleJavaScriptDialog", dismiss);
      }
      case "Inspector.targetCrashed" -> crashed.complete("the page's renderer crashed");
      default -> {}
    }
  }

  private ActionResults runActions() throws BrowserFailure, Stop {
    if (request.actions().isEmpty()) {
      return ActionResults.NONE;
    }
    List<Screenshot> screenshots = new ArrayList<>();
    List<ActionResults.PageSnapshot> scrapes = new ArrayList<>();
    List<ActionResults.JavascriptReturn> returns = new ArrayList<>();
    for (int i = 0; i < request.actions().size(); i++) {
      String field = "actions[" + i + "]";
      switch (request.actions().get(i)) {
        case RenderAction.Wait w -> {
          if (w.duration() != null) {
            sleep(w.duration());
          } else {
            awaitSelector(w.selector(), remaining(), field);
          }
        }
        case RenderAction.Click c -> click(c, field);
        case RenderAction.Write w -> {
          ObjectNode p = cdp.params();
          p.put("text", w.text());
          await(page("Input.insertText", p), field);
        }
        case RenderAction.Press p -> press(Keys.of(p.key()), field);
        case RenderAction.Scroll s -> scroll(s, field);
        case RenderAction.TakeScreenshot s -> screenshots.add(capture(s.spec()));
        case RenderAction.Scrape s -> {
          JsonNode snapshot = evaluate(PAGE_HTML, remaining());
          scrapes.add(
              new ActionResults.PageSnapshot(
                  snapshot.path("url").asText(), snapshot.path("html").asText()));
        }
        case RenderAction.ExecuteJavascript js -> returns.add(execute(js.script(), field));
      }
      checkCrash();
    }
    return new ActionResults(screenshots, scrapes, returns);
  }

  private void click(RenderAction.Click click, String field) throws BrowserFailure, Stop {
    String selector = literal(click.selector());
    awaitSelector(click.selector(), shorter(ELEMENT_WAIT), field);
    int count =
        click.all()
            ? evaluate("document.querySelectorAll(" + selector + ").length", remaining()).asInt()
            : 1;
    for (int n = 0; n < count; n++) {
      JsonNode box =
          evaluate(
              "(() => { const e = document.querySelectorAll("
                  + selector
                  + ")["
                  + n
                  + "]; if (!e) return null; e.scrollIntoView({block: 'center', inline: 'center'});"
                  + " const r = e.getBoundingClientRect();"
                  + " if (r.width === 0 || r.height === 0) { e.click(); return {clicked: true}; }"
                  + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()",
              remaining());
      if (box.isNull() || box.path("clicked").asBoolean(false)) {
        continue;
      }
      List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
      for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
        ObjectNode mouse = cdp.params();
        mouse.put("type", type);
        mouse.put("x", box.path("x").asDouble());
        mouse.put("y", box.path("y").asDouble());
        if (!type.equals("mouseMoved")) {
          mouse.put("button", "left");
          mouse.put("clickCount", 1);
        }
        sent.add(page("Input.dispatchMouseEvent", mouse));
      }
      for (CompletableFuture<JsonNode> answer : sent) {
        await(answer, field);
      }
    }
  }

  private void press(Keys.Key key, String field) throws BrowserFailure, Stop {
    List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
    for (String type : List.of("keyDown", "keyUp")) {
      ObjectNode event = cdp.params();
      event.put("type", type.equals("keyDown") && key.text() != null ? "keyDown" : type);
      event.put("key", key.key());
      event.put("code", key.code());
      event.put("windowsVirtualKeyCode", key.keyCode());
      if (type.equals("keyDown") && key.text() != null) {
        event.put("text", key.text());
      }
      sent.add(page("Input.dispatchKeyEvent", event));
    }
    for (CompletableFuture<JsonNode> answer : sent) {
      await(answer, field);
    }
  }

  private void scroll(RenderAction.Scroll scroll, String field) throws BrowserFailure, Stop {
    String sign = scroll.down() ? "" : "-";
    if (scroll.selector() == null) {
      evaluate("window.scrollBy(0, " + sign + "window.innerHeight)", remaining());
      return;
    }
    awaitSelector(scroll.selector(), shorter(ELEMENT_WAIT), field);
    evaluate(
        "(() => { const e = document.querySelector("
            + literal(scroll.selector())
            + "); e.scrollBy(0, "
            + sign
            + "(e.clientHeight || window.innerHeight)); })()",
        remaining());
  }

  private ActionResults.JavascriptReturn execute(String script, String field)
      throws BrowserFailure, Stop {
    ObjectNode p = cdp.params();
    p.put("expression", script);
    p.put("returnByValue", true);
    p.put("awaitPromise", true);
    p.put("userGesture", true);
    JsonNode answer = await(page("Runtime.evaluate", p), field);
    if (answer.has("exceptionDetails")) {
      throw new Stop(
          RenderOutcome.ACTION_FAILED, field + ": the script threw " + exception(answer));
    }
    JsonNode result = answer.path("result");
    JsonNode value = result.has("value") ? result.get("value") : json.nullNode();
    if (value.toString().length() > MAX_SCRIPT_RESULT_CHARS) {
      throw new Stop(
          RenderOutcome.TOO_LARGE, field + ": the script returned more than 1 MiB of JSON");
    }
    return new ActionResults.JavascriptReturn(result.path("type").asText("undefined"), value);
  }

  private Screenshot capture(ScreenshotSpec spec) throws BrowserFailure, Stop {
    if (spec.viewport() != null && !spec.viewport().equals(viewport)) {
      viewport = spec.viewport();
      await(page("Emulation.setDeviceMetricsOverride", metrics(viewport)), "screenshot");
    }
    ObjectNode p = cdp.params();
    p.put("format", spec.quality() == null ? "png" : "jpeg");
    if (spec.quality() != null) {
      p.put("quality", spec.quality());
    }
    if (spec.fullPage()) {
      JsonNode layout = await(page("Page.getLayoutMetrics", cdp.params()), "screenshot");
      JsonNode content = layout.path("cssContentSize");
      int width = (int) Math.ceil(layout.path("cssLayoutViewport").path("clientWidth").asDouble());
      int height = (int) Math.ceil(content.path("height").asDouble());
      ObjectNode clip = p.putObject("clip");
      clip.put("x", 0);
      clip.put("y", 0);
      clip.put("width", Math.max(1, width));
      clip.put("height", Math.max(1, Math.min(height, MAX_SCREENSHOT_HEIGHT)));
      clip.put("scale", 1);
      p.put("captureBeyondViewport", true);
    }
    String data = await(page("Page.captureScreenshot", p), "screenshot").path("data").asText();
    byte[] bytes = Base64.getDecoder().decode(data);
    if (bytes.length > settings.maxScreenshotBytes()) {
      throw new Stop(RenderOutcome.TOO_LARGE, "the screenshot is larger than the limit");
    }
    return new Screenshot(spec.mediaType(), bytes);
  }

  private void awaitSelector(String selector, Duration within, String field)
      throws BrowserFailure, Stop {
    long until = System.nanoTime() + within.toNanos();
    String probe = "document.querySelector(" + literal(selector) + ") !== null";
    while (true) {
      if (evaluate(probe, remaining(), field).asBoolean()) {
        return;
      }
      if (System.nanoTime() + POLL_MS * 1_000_000 > until) {
        if (System.nanoTime() + POLL_MS * 1_000_000 > deadline) {
          throw new Stop(
              RenderOutcome.TIMEOUT,
              field + ": nothing matched " + selector + " before the deadline");
        }
        throw new Stop(RenderOutcome.ACTION_FAILED, field + ": no element matches " + selector);
      }
      sleep(Duration.ofMillis(POLL_MS));
    }
  }

  private static final String PAGE_HTML =
      "(() => { const d = document.doctype;"
          + " return {url: location.href, html: (d ? new XMLSerializer().serializeToString(d) + '\\n'"
          + " : '') + (document.documentElement ? document.documentElement.outerHTML : '')}; })()";

  private JsonNode evaluate(String expression, Duration within) throws BrowserFailure, Stop {
    return evaluate(expression, within, "the page");
  }

  private JsonNode evaluate(String expression, Duration within, String field)
      throws BrowserFailure, Stop {
    ObjectNode p = cdp.params();
    p.put("expression", expression);
    p.put("returnByValue", true);
    p.put("awaitPromise", true);
    JsonNode answer = await(page("Runtime.evaluate", p), field, within);
    if (answer.has("exceptionDetails")) {
      throw new Stop(RenderOutcome.ACTION_FAILED, field + ": " + exception(answer));
    }
    JsonNode value = answer.path("result").path("value");
    return value.isMissingNode() ? json.nullNode() : value;
  }

  private static String exception(JsonNode answer) {
    JsonNode details = answer.path("exceptionDetails");
    String description = details.path("exception").path("description").asText("");
    String text = description.isEmpty() ? details.path("text").asText() : description;
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline) : text;
  }

  private void checkCrash() throws Stop {
    if (crashed.isDone()) {
      throw new Stop(RenderOutcome.PAGE_CRASHED, crashed.join());
    }
  }

  private CompletableFuture<JsonNode> page(String method, ObjectNode params) {
    return cdp.sendAsync(session, method, params);
  }

  private JsonNode await(CompletableFuture<JsonNode> answer, String what)
      throws BrowserFailure, Stop {
    return await(answer, what, remaining());
  }

  private JsonNode await(CompletableFuture<JsonNode> answer, String what, Duration within)
      throws BrowserFailure, Stop {
    try {
      return answer.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      checkCrash();
      throw new Stop(RenderOutcome.TIMEOUT, what + ": the deadline passed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop(RenderOutcome.TIMEOUT, what + ": interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof CdpException cdpError && cdpError.connectionLost()) {
        throw new BrowserFailure(cdpError.getMessage());
      }
      checkCrash();
      throw new Stop(RenderOutcome.ACTION_FAILED, what + ": " + e.getCause().getMessage());
    }
  }

  private void sleep(Duration wait) throws Stop {
    long millis = Math.min(wait.toMillis(), remainingMillis());
    try {
      if (crashed.isDone()) {
        checkCrash();
      }
      crashed.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
      checkCrash();
    } catch (java.util.concurrent.TimeoutException e) {
      // waited the whole time without a crash
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop(RenderOutcome.TIMEOUT, "interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new Stop(RenderOutcome.PAGE_CRASHED, String.valueOf(e.getCause()));
    }
    if (millis < wait.toMillis()) {
      throw new Stop(RenderOutcome.TIMEOUT, "the deadline passed while waiting");
    }
  }

  private long remainingMillis() {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private Duration remaining() {
    return Duration.ofMillis(remainingMillis());
  }

  private Duration shorter(Duration limit) {
    Duration left = remaining();
    return left.compareTo(limit) < 0 ? left : limit;
  }

  private String literal(String text) {
    try {
      return json.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean refusedByGuard(JsonNode response) {
    JsonNode headers = response.path("headers");
    for (Map.Entry<String, JsonNode> header :
        (Iterable<Map.Entry<String, JsonNode>>) headers::fields) {
      if (header.getKey().equalsIgnoreCase("X-Orbweaver-Egress")) {
        return true;
      }
    }
    return false;
  }
}
