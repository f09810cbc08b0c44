package dev.orbweaver.extract.markdown;

import org.jsoup.nodes.Element;

/** Whether an element is hidden from readers by its own markup (not by a stylesheet). */
public final class Visibility {
  private Visibility() {}

  public static boolean isHidden(Element element) {
    if (element.hasAttr("hidden")) {
      return true;
    }
    String style = element.attr("style");
    return !style.isEmpty() && style.indexOf("none") >= 0 && hidesByStyle(style);
  }

  private static boolean hidesByStyle(String style) {
    String compact = style.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    return compact.contains("display:none") || compact.contains("visibility:hidden");
  }
}
