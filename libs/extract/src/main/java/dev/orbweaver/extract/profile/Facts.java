package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.links.UrlResolver;
import dev.orbweaver.extract.metadata.JsonLd;
import dev.orbweaver.extract.metadata.PageMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;

/**
 * What profiles read a page from: its schema.org items (JSON-LD first, then microdata), its
 * metadata, its tree for page-structure fallbacks, and its main text on demand.
 */
public record Facts(
    Document document,
    PageMetadata metadata,
    UrlResolver resolver,
    List<ObjectNode> items,
    int jsonLdItems,
    Supplier<String> mainText) {

  public static Facts of(
      Document document, PageMetadata metadata, UrlResolver resolver, Supplier<String> mainText) {
    List<ObjectNode> items = new ArrayList<>(JsonLd.items(metadata.jsonLd()));
    int jsonLdItems = items.size();
    for (ObjectNode microdata : Microdata.items(document, resolver)) {
      items.addAll(JsonLd.items(List.of(microdata))); // the item, then the items nested in it
    }
    return new Facts(document, metadata, resolver, List.copyOf(items), jsonLdItems, mainText);
  }

  /** The first item with a type that {@code isType} accepts, or null. */
  public ObjectNode first(Predicate<String> isType) {
    for (ObjectNode item : items) {
      for (String type : JsonLd.types(item)) {
        if (isType.test(type)) {
          return item;
        }
      }
    }
    return null;
  }

  /** Where an item came from, for the profile's {@code source} field. */
  public String sourceOf(ObjectNode item) {
    for (int i = 0; i < jsonLdItems; i++) {
      if (items.get(i) == item) {
        return "json-ld";
      }
    }
    return "microdata";
  }
}
