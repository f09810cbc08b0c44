package dev.orbweaver.extract.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.links.UrlResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads {@link PageMetadata} from the head (and the JSON-LD) of a parsed page. */
public final class MetadataReader {
  private MetadataReader() {}

  public static PageMetadata read(
      Document document, UrlResolver resolver, String sourceUrl, int statusCode) {
    Map<String, String> og = new LinkedHashMap<>();
    Map<String, String> twitter = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    String contentLanguage = null;
    Sources sources = Sources.of(document);
    for (Element tag : sources.metas()) {
      String content = tag.attr("content").strip();
      if (tag.hasAttr("itemprop") || content.isEmpty()) {
        continue; // microdata values belong to their item, not to the page
      }
      String httpEquiv = tag.attr("http-equiv");
      if (httpEquiv.equalsIgnoreCase("content-language")) {
        contentLanguage = content;
        continue;
      }
      String key = tag.hasAttr("property") ? tag.attr("property") : tag.attr("name");
      key = key.strip();
      if (key.isEmpty()) {
        continue;
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.startsWith("og:")) {
        og.putIfAbsent(lower.substring(3), content);
      } else if (lower.startsWith("twitter:")) {
        twitter.putIfAbsent(lower.substring(8), content);
      } else {
        meta.putIfAbsent(lower, content);
      }
    }

    List<JsonNode> jsonLd = JsonLd.blocks(sources.scripts());
    List<ObjectNode> items = JsonLd.items(jsonLd);

    String title = firstNonBlank(titleOf(document), og.get("title"), twitter.get("title"));
    String description =
        firstNonBlank(meta.get("description"), og.get("description"), twitter.get("description"));
    String canonical = null;
    for (Element link : sources.links()) {
      if (link.attr("rel").equalsIgnoreCase("canonical") && link.hasAttr("href")) {
        canonical = resolver.resolve(link.attr("href"));
        break;
      }
    }
    Element root = document.firstElementChild();
    String language = firstNonBlank(root == null ? null : root.attr("lang"), contentLanguage);
    String author =
        firstNonBlank(
            meta.get("author"),
            meta.get("article:author"),
            meta.get("dc.creator"),
            authorOf(items));
    String published =
        firstNonBlank(
            meta.get("article:published_time"),
            meta.get("date"),
            meta.get("pubdate"),
            meta.get("publish-date"),
            meta.get("dc.date.issued"),
            textOf(items, "datePublished"));
    return new PageMetadata(
        title,
        description,
        canonical,
        language,
        Collections.unmodifiableMap(og),
        Collections.unmodifiableMap(twitter),
        jsonLd,
        sourceUrl,
        statusCode,
        meta.get("keywords"),
        author,
        published,
        favicon(sources.links(), resolver),
        Collections.unmodifiableMap(meta));
  }

  private static String titleOf(Document document) {
    Element title = document.head().getElementsByTag("title").first();
    if (title == null) {
      title = document.selectFirst("title:not(svg title)");
    }
    return title == null ? null : title.text();
  }

  private static String favicon(List<Element> links, UrlResolver resolver) {
    String fallback = null;
    for (Element link : links) {
      if (!link.hasAttr("rel") || !link.hasAttr("href")) {
        continue;
      }
      String rel = " " + link.attr("rel").toLowerCase(Locale.ROOT) + " ";
      if (rel.contains(" icon ")) {
        return resolver.resolve(link.attr("href"));
      }
      if (fallback == null && rel.contains("icon")) {
        fallback = resolver.resolve(link.attr("href"));
      }
    }
    return fallback;
  }

  /**
   * The page's meta, link and script elements in document order, gathered in one walk: reading each
   * kind with its own selector walked a large page four times.
   */
  private record Sources(List<Element> metas, List<Element> links, List<Element> scripts) {
    static Sources of(Document document) {
      Sources sources = new Sources(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      document.traverse(
          (node, depth) -> {
            if (node instanceof Element element) {
              switch (element.normalName()) {
                case "meta" -> sources.metas().add(element);
                case "link" -> sources.links().add(element);
                case "script" -> sources.scripts().add(element);
                default -> {}
              }
            }
          });
      return sources;
    }
  }

  private static String authorOf(List<ObjectNode> items) {
    for (ObjectNode item : items) {
      JsonNode author = item.get("author");
      if (author == null) {
        continue;
      }
      if (author.isArray() && !author.isEmpty()) {
        author = author.get(0);
      }
      String name = author.isTextual() ? author.asText() : author.path("name").asText("");
      if (!name.isBlank()) {
        return name.strip();
      }
    }
    return null;
  }

  private static String textOf(List<ObjectNode> items, String property) {
    for (ObjectNode item : items) {
      JsonNode value = item.get(property);
      if (value != null && value.isValueNode() && !value.asText().isBlank()) {
        return value.asText().strip();
      }
    }
    return null;
  }

  static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
