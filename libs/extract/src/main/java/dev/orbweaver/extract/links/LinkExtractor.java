package dev.orbweaver.extract.links;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/** The http(s) links of a page: absolute, deduplicated, in document order. */
public final class LinkExtractor {
  private LinkExtractor() {}

  public static List<String> links(Element root, UrlResolver resolver) {
    Set<String> seen = new LinkedHashSet<>();
    for (Element anchor : root.select("a[href], area[href]")) {
      String url = resolver.resolve(anchor.attr("href"));
      if (url != null && UrlResolver.isHttp(url)) {
        seen.add(url);
      }
    }
    return List.copyOf(new ArrayList<>(seen));
  }
}
