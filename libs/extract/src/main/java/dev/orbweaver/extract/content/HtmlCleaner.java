package dev.orbweaver.extract.content;

import dev.orbweaver.extract.links.UrlResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;

/**
 * Cleaned HTML: scripts, styles, comments, embedded frames, event handlers, inline styles and
 * tracking pixels removed; relative URLs made absolute; lazy images given their real source.
 * Changes the tree it is given, so callers pass a copy.
 */
public final class HtmlCleaner {
  private static final Set<String> REMOVED =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "applet",
          "base");
  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "action", "poster", "cite", "background", "longdesc", "formaction");
  private static final List<String> TRACKERS =
      List.of(
          "google-analytics.com",
          "googletagmanager.com",
          "doubleclick.net",
          "facebook.com/tr",
          "bat.bing.com",
          "scorecardresearch.com",
          "quantserve.com",
          "/pixel",
          "pixel.",
          "/beacon",
          "/track/",
          "/collect?");

  private HtmlCleaner() {}

  public static void clean(Element root, UrlResolver resolver) {
    root.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Comment) {
              return FilterResult.REMOVE;
            }
            if (!(node instanceof Element element)) {
              return FilterResult.CONTINUE;
            }
            String name = element.normalName();
            if (REMOVED.contains(name) || name.equals("link") && !keepLink(element)) {
              return FilterResult.REMOVE;
            }
            if (name.equals("meta") && element.attr("http-equiv").equalsIgnoreCase("refresh")) {
              return FilterResult.REMOVE;
            }
            if (name.equals("img")) {
              restoreLazySource(element);
              if (isTrackingPixel(element)) {
                return FilterResult.REMOVE;
              }
            }
            if (element.attributesSize() > 0) {
              cleanAttributes(element, resolver);
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        });
  }

  private static boolean keepLink(Element link) {
    String rel = link.attr("rel").toLowerCase(Locale.ROOT);
    return rel.contains("canonical") || rel.contains("icon") || rel.contains("alternate");
  }

  private static void restoreLazySource(Element image) {
    String source = image.attr("src");
    if (source.isBlank() || source.startsWith("data:")) {
      for (String lazy : List.of("data-src", "data-original", "data-lazy-src")) {
        if (!image.attr(lazy).isBlank()) {
          image.attr("src", image.attr(lazy));
          return;
        }
      }
    }
  }

  private static boolean isTrackingPixel(Element image) {
    if (tiny(image.attr("width")) && tiny(image.attr("height"))) {
      return true;
    }
    String source = image.attr("src").toLowerCase(Locale.ROOT);
    for (String tracker : TRACKERS) {
      if (source.contains(tracker)) {
        return true;
      }
    }
    return false;
  }

  private static boolean tiny(String dimension) {
    String value = dimension.strip();
    if (value.endsWith("px")) {
      value = value.substring(0, value.length() - 2);
    }
    return value.equals("0") || value.equals("1");
  }

  private static void cleanAttributes(Element element, UrlResolver resolver) {
    List<String> removed = new ArrayList<>();
    List<Attribute> rewritten = new ArrayList<>();
    for (Attribute attribute : element.attributes()) {
      String key = attribute.getKey().toLowerCase(Locale.ROOT);
      String value = attribute.getValue();
      if (key.startsWith("on") || key.equals("style")) {
        removed.add(attribute.getKey());
      } else if (URL_ATTRIBUTES.contains(key)) {
        String absolute = resolver.resolve(value);
        if (absolute == null || isScript(absolute)) {
          removed.add(attribute.getKey());
        } else if (!absolute.equals(value)) {
          rewritten.add(new Attribute(attribute.getKey(), absolute));
        }
      } else if (key.equals("srcset")) {
        rewritten.add(new Attribute(attribute.getKey(), resolveSrcset(value, resolver)));
      }
    }
    removed.forEach(element::removeAttr);
    rewritten.forEach(attribute -> element.attr(attribute.getKey(), attribute.getValue()));
  }

  private static boolean isScript(String url) {
    String scheme = UrlResolver.scheme(url);
    return scheme.equals("javascript") || scheme.equals("vbscript");
  }

  private static String resolveSrcset(String srcset, UrlResolver resolver) {
    StringBuilder out = new StringBuilder(srcset.length() + 32);
    for (String candidate : srcset.split(",")) {
      String trimmed = candidate.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      String url = space < 0 ? trimmed : trimmed.substring(0, space);
      String descriptor = space < 0 ? "" : trimmed.substring(space);
      String absolute = resolver.resolve(url);
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(absolute == null ? url : absolute).append(descriptor);
    }
    return out.toString();
  }
}
