package dev.orbweaver.extract.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Firecrawl's {@code includeTags}/{@code excludeTags}: CSS selectors (a tag name, {@code .class},
 * {@code #id}, any jsoup selector). Excluded elements are removed; when anything is included, the
 * body keeps only the outermost included elements, in document order.
 */
public final class TagSelection {
  private TagSelection() {}

  /**
   * A copy of {@code page} restricted by the selectors.
   *
   * @throws IllegalArgumentException naming the selector that does not parse
   */
  public static Document apply(Document page, List<String> include, List<String> exclude) {
    Document copy = page.clone();
    Element body = copy.body();
    for (String selector : exclude) {
      if (!selector.isBlank()) {
        select(body, selector, "excludeTags").remove();
      }
    }
    Set<Element> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean including = false;
    for (String selector : include) {
      if (selector.isBlank()) {
        continue;
      }
      including = true;
      kept.addAll(select(body, selector, "includeTags"));
    }
    if (!including) {
      return copy;
    }
    List<Element> outermost = new ArrayList<>();
    for (Element element : body.getAllElements()) {
      if (kept.contains(element) && !hasAncestorIn(element, kept, body)) {
        outermost.add(element);
      }
    }
    body.empty();
    for (Element element : outermost) {
      body.appendChild(element);
    }
    return copy;
  }

  private static Elements select(Element body, String selector, String field) {
    try {
      return body.select(selector);
    } catch (Selector.SelectorParseException e) {
      throw new IllegalArgumentException(field + ": not a valid selector: " + selector, e);
    }
  }

  private static boolean hasAncestorIn(Element element, Set<Element> kept, Element body) {
    for (Element parent = element.parent();
        parent != null && parent != body;
        parent = parent.parent()) {
      if (kept.contains(parent)) {
        return true;
      }
    }
    return false;
  }
}
