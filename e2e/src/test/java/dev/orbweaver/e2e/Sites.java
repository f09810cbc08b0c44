package dev.orbweaver.e2e;

import dev.orbweaver.testing.FixtureSite;

/** Fixture sites the end-to-end crawls run against, on loopback. */
final class Sites {
  private Sites() {}

  static String page(String title, String body) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title></head><body><main><h1>"
        + title
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  /** A home page linking to /p/0 … /p/(n-1), each of which links to about ten others. */
  static FixtureSite web(String address, int n) {
    FixtureSite site = FixtureSite.on(address);
    StringBuilder home = new StringBuilder();
    for (int i = 0; i < Math.min(n, 50); i++) {
      home.append("<a href=\"/p/").append(i).append("\">p").append(i).append("</a> ");
    }
    site.page("/", page("Home", home.toString()));
    for (int i = 0; i < n; i++) {
      StringBuilder links = new StringBuilder("<p>Page ").append(i).append(".</p>");
      for (int k = 1; k <= 10; k++) {
        links.append("<a href=\"/p/").append((i * 7 + k * 13) % n).append("\">l</a> ");
      }
      site.page("/p/" + i, page("Page " + i, links.toString()));
    }
    return site;
  }
}
