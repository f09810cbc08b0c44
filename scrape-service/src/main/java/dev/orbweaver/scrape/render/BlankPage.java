package dev.orbweaver.scrape.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.scrape.render.cdp.CdpConnection;
import dev.orbweaver.scrape.render.cdp.CdpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A page that no render has used yet: a new browser context (downloads denied), one about:blank
 * target in it, attached, with the Page and Network domains and lifecycle events on. Enabling them
 * makes the browser start the page's renderer process, the largest part of a render's fixed cost,
 * so the pool keeps one of these ready per browser while renders run.
 */
record BlankPage(String context, String target, String session) {

  /**
   * Opens one.
   *
   * @throws BrowserFailure when the browser does not answer within the timeout or is gone; an error
   *     answer is one too (the caller may try once more itself)
   */
  static BlankPage open(CdpConnection cdp, Duration timeout) throws BrowserFailure {
    try {
      ObjectNode p = cdp.params();
      p.put("disposeOnDetach", true);
      String context =
          cdp.send("Target.createBrowserContext", p, timeout).path("browserContextId").asText();
      ObjectNode downloads = cdp.params();
      downloads.put("behavior", "deny");
      downloads.put("browserContextId", context);
      // Sent together with the target's creation: the browser handles them in order.
      cdp.sendAsync("", "Browser.setDownloadBehavior", downloads);
      ObjectNode target = cdp.params();
      target.put("url", "about:blank");
      target.put("browserContextId", context);
      String targetId = cdp.send("Target.createTarget", target, timeout).path("targetId").asText();
      ObjectNode attach = cdp.params();
      attach.put("targetId", targetId);
      attach.put("flatten", true);
      String session =
          cdp.send("Target.attachToTarget", attach, timeout).path("sessionId").asText();
      cdp.listen(session, event -> {});
      ObjectNode lifecycle = cdp.params();
      lifecycle.put("enabled", true);
      List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
      sent.add(cdp.sendAsync(session, "Page.enable", cdp.params()));
      sent.add(cdp.sendAsync(session, "Page.setLifecycleEventsEnabled", lifecycle));
      sent.add(cdp.sendAsync(session, "Network.enable", cdp.params()));
      for (CompletableFuture<JsonNode> answer : sent) {
        answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return new BlankPage(context, targetId, session);
    } catch (CdpException e) {
      throw new BrowserFailure("opening a page failed: " + e.getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new BrowserFailure("the browser did not start a page's renderer in time");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new BrowserFailure("opening a page failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserFailure("interrupted while opening a page");
    }
  }

  /** Disposes of the page's context without waiting (a spare nobody will use). */
  void discard(CdpConnection cdp) {
    cdp.forget(session);
    ObjectNode p = cdp.params();
    p.put("browserContextId", context);
    cdp.sendAsync("", "Target.disposeBrowserContext", p);
  }
}
