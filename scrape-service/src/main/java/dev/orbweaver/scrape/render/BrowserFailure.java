package dev.orbweaver.scrape.render;

/**
 * The browser itself failed during a render: its connection closed (crash, kill) or a browser-level
 * command got no answer (hung). The pool replaces the browser and retries the render once.
 */
final class BrowserFailure extends Exception {
  BrowserFailure(String message) {
    super(message);
  }
}
