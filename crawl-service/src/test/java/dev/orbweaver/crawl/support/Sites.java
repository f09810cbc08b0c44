package dev.orbweaver.crawl.support;

import dev.orbweaver.testing.FixtureSite;
import java.util.ArrayList;
import java.util.List;

/** Generated fixture sites: pages that link to each other in a known shape. */
public final class Sites {
  private Sites() {}

  /** A home page linking to /p/1 … /p/n, each linking to its two neighbours. */
  public static FixtureSite chain(String address, int n) {
    FixtureSite site = FixtureSite.on(address);
    List<String> links = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      links.add("<a href=\"/p/" + i + "\">page " + i + "</a>");
    }
    site.page("/", page("Home", String.join("\n", links)));
    for (int i = 1; i <= n; i++) {
      site.page(
          "/p/" + i,
          page(
              "Page " + i,
              "<p>Content of page "
                  + i
                  + ".</p><a href=\"/p/"
                  + (i + 1)
                  + "\">next</a> <a href=\"/p/"
                  + Math.max(1, i - 1)
                  + "\">prev</a>"));
    }
    return site;
  }

  public static String page(String title, String body) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title><meta name=\"description\" content=\""
        + title
        + " description\"></head><body><main><h1>"
        + title
        + "</h1>"
        + body
        + "</main></body></html>";
  }
}
