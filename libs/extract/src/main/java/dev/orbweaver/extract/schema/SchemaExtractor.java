package dev.orbweaver.extract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.metadata.JsonLd;
import dev.orbweaver.extract.profile.Facts;
import dev.orbweaver.extract.profile.PageStructure;
import dev.orbweaver.extract.profile.Profile;
import dev.orbweaver.extract.profile.Profiles;
import dev.orbweaver.extract.profile.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Fills a caller's JSON schema from what the page states, without a language model: each property
 * is looked up by its name and common synonyms among the page's facts (schema.org properties,
 * labelled fields, meta tags), nested objects by their path ("author" then "author name"), arrays
 * of objects from typed item lists or from a table whose headers name the item's properties. Values
 * are coerced to the schema's type; what cannot be filled is null and listed in {@code missing}.
 */
public final class SchemaExtractor {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;

  /** Other names a page uses for a field, in the order they are tried after the field's own. */
  private static final Map<String, List<String>> SYNONYMS =
      Map.ofEntries(
          Map.entry("name", List.of("headline", "title", "og title", "heading")),
          Map.entry("title", List.of("headline", "name", "og title", "heading")),
          Map.entry("headline", List.of("name", "title", "og title", "heading")),
          Map.entry(
              "price",
              List.of(
                  "offers price",
                  "low price",
                  "price amount",
                  "product price amount",
                  "amount",
                  "cost")),
          Map.entry(
              "currency",
              List.of("price currency", "offers price currency", "product price currency")),
          Map.entry("description", List.of("og description", "summary")),
          Map.entry("summary", List.of("description", "og description")),
          Map.entry("author", List.of("author name", "creator", "byline", "article author")),
          Map.entry(
              "date",
              List.of(
                  "date published",
                  "published time",
                  "article published time",
                  "date posted",
                  "start date")),
          Map.entry(
              "date published",
              List.of("published time", "article published time", "date posted", "date created")),
          Map.entry(
              "published", List.of("date published", "published time", "article published time")),
          Map.entry("date modified", List.of("modified time", "article modified time")),
          Map.entry("image", List.of("image url", "og image", "thumbnail url", "thumbnail")),
          Map.entry("url", List.of("og url", "canonical")),
          Map.entry("link", List.of("url", "og url")),
          Map.entry("rating", List.of("rating value", "aggregate rating rating value")),
          Map.entry(
              "review count", List.of("aggregate rating review count", "rating count", "reviews")),
          Map.entry("reviews", List.of("review count", "rating count")),
          Map.entry("availability", List.of("offers availability", "stock", "in stock")),
          Map.entry("in stock", List.of("availability", "offers availability", "stock")),
          Map.entry(
              "company",
              List.of(
                  "hiring organization name",
                  "hiring organization",
                  "employer",
                  "organizer name",
                  "publisher name")),
          Map.entry(
              "employer", List.of("hiring organization name", "hiring organization", "company")),
          Map.entry(
              "location",
              List.of(
                  "job location address address locality",
                  "location name",
                  "address locality",
                  "venue")),
          Map.entry("city", List.of("address locality", "job location address address locality")),
          Map.entry("venue", List.of("location name", "location")),
          Map.entry("ingredients", List.of("recipe ingredient")),
          Map.entry("instructions", List.of("recipe instructions")),
          Map.entry("steps", List.of("recipe instructions", "instructions")),
          Map.entry("brand", List.of("brand name", "manufacturer")),
          Map.entry("sku", List.of("mpn", "product id", "item number")),
          Map.entry("phone", List.of("telephone")),
          Map.entry("tags", List.of("keywords")),
          Map.entry("keywords", List.of("tags")));

  private SchemaExtractor() {}

  /**
   * Fills {@code schema} (an object schema with {@code properties}) from {@code facts}.
   *
   * @throws IllegalArgumentException when the schema has no object properties to fill
   */
  public static SchemaExtraction extract(JsonNode schema, Facts facts) {
    if (schema == null || !schema.path("properties").isObject()) {
      throw new IllegalArgumentException(
          "schema: expected a JSON schema object with \"properties\"");
    }
    ObjectNode main = mainItem(facts);
    FactIndex index = FactIndex.of(facts, main);
    List<String> missing = new ArrayList<>();
    Lookup lookup = new Lookup(index, main == null ? List.of() : mainTypes(main));
    ObjectNode data = fillObject(schema, lookup, facts, "", "", missing, 0);
    return new SchemaExtraction(data, List.copyOf(missing));
  }

  private static List<String> mainTypes(ObjectNode main) {
    List<String> types = new ArrayList<>();
    for (String type : JsonLd.types(main)) {
      types.add(FactIndex.normalise(type));
    }
    return types;
  }

  /** Generic names callers give an object that groups page-wide values rather than a sub-item. */
  private static final java.util.Set<String> GROUPING =
      java.util.Set.of("data", "result", "item", "page", "details", "info", "information", "main");

  /** The page's facts plus what tells a grouping object from a sub-item. */
  private record Lookup(FactIndex index, List<String> mainTypes) {
    /** Whether an object field with no facts under its own name gathers page-wide values. */
    boolean groups(String prefix) {
      if (GROUPING.contains(prefix)) {
        return true;
      }
      for (String type : mainTypes) {
        if (type.equals(prefix) || type.endsWith(" " + prefix) || type.startsWith(prefix + " ")) {
          return true;
        }
      }
      return false;
    }
  }

  /** The item the page is about: the one the auto profile would read. */
  private static ObjectNode mainItem(Facts facts) {
    Profile profile = Profiles.choose(facts);
    String wanted =
        switch (profile) {
          case PRODUCT -> "Product";
          case RECIPE -> "Recipe";
          case JOB_POSTING -> "JobPosting";
          case FAQ -> "FAQPage";
          case EVENT -> "Event";
          default -> "Article";
        };
    ObjectNode item =
        facts.first(
            type ->
                type.equals(wanted)
                    || type.endsWith(wanted)
                    || wanted.equals("Article") && type.endsWith("Posting"));
    return item != null ? item : facts.items().isEmpty() ? null : facts.items().get(0);
  }

  private static ObjectNode fillObject(
      JsonNode schema,
      Lookup lookup,
      Facts facts,
      String path,
      String prefix,
      List<String> missing,
      int depth) {
    ObjectNode out = JSON.objectNode();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String name = property.getKey();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      JsonNode value =
          fill(name, property.getValue(), lookup, facts, fieldPath, prefix, missing, depth);
      if (value == null) {
        out.putNull(name);
        if (!property.getValue().path("properties").isObject()) {
          missing.add(fieldPath);
        }
      } else {
        out.set(name, value);
      }
    }
    return out;
  }

  private static JsonNode fill(
      String name,
      JsonNode schema,
      Lookup lookup,
      Facts facts,
      String path,
      String prefix,
      List<String> missing,
      int depth) {
    String key = FactIndex.normalise(name);
    String scoped = prefix.isEmpty() ? key : prefix + " " + key;
    switch (type(schema)) {
      case "object" -> {
        if (depth >= MAX_DEPTH || !schema.path("properties").isObject()) {
          JsonNode value = find(lookup, scoped, key, prefix);
          return value != null && value.isObject() ? value : null;
        }
        int before = missing.size();
        ObjectNode object = fillObject(schema, lookup, facts, path, scoped, missing, depth + 1);
        boolean anything = false;
        for (JsonNode value : object) {
          anything |= !value.isNull();
        }
        if (!anything) {
          missing.subList(before, missing.size()).clear();
          missing.add(path);
          return null;
        }
        return object;
      }
      case "array" -> {
        ArrayNode array =
            fillArray(key, scoped, prefix, schema.path("items"), lookup, facts, depth);
        return array == null || array.isEmpty() ? null : array;
      }
      default -> {
        return coerce(find(lookup, scoped, key, prefix), type(schema));
      }
    }
  }

  private static ArrayNode fillArray(
      String key,
      String scoped,
      String prefix,
      JsonNode itemSchema,
      Lookup lookup,
      Facts facts,
      int depth) {
    String itemType = type(itemSchema);
    JsonNode found = find(lookup, scoped, key, prefix);
    ArrayNode array = JSON.arrayNode();
    if (itemType.equals("object") && itemSchema.path("properties").isObject()) {
      List<JsonNode> objects = new ArrayList<>();
      if (found != null && found.isArray()) {
        found.forEach(
            element -> {
              if (element.isObject()) {
                objects.add(element);
              }
            });
      } else if (found != null && found.isObject()) {
        objects.add(found);
      }
      if (objects.isEmpty()) {
        objects.addAll(itemsNamed(facts, key));
      }
      for (JsonNode object : objects) {
        array.add(
            fillObject(
                itemSchema,
                new Lookup(FactIndex.ofObject(object), List.of()),
                facts,
                "",
                "",
                new ArrayList<>(),
                depth + 1));
      }
      if (array.isEmpty()) {
        tableRows(facts, itemSchema).forEach(array::add);
      }
      return array;
    }
    List<JsonNode> values = new ArrayList<>();
    if (found != null && found.isArray()) {
      found.forEach(values::add);
    } else if (found != null && found.isTextual() && found.asText().contains(",")) {
      for (String part : found.asText().split(",")) {
        if (!part.isBlank()) {
          values.add(JSON.textNode(part.strip()));
        }
      }
    } else if (found != null) {
      values.add(found);
    }
    if (values.isEmpty()) {
      for (String item :
          PageStructure.listUnder(
              facts.document(), Pattern.compile("(?iU)\\b" + Pattern.quote(key) + "\\b"))) {
        values.add(JSON.textNode(item));
      }
    }
    for (JsonNode value : values) {
      JsonNode coerced =
          coerce(value.isObject() && value.has("text") ? value.get("text") : value, itemType);
      if (coerced != null) {
        array.add(coerced);
      }
    }
    return array;
  }

  /** Typed items named by a plural field: "products" → Product items, "events" → any Event. */
  private static List<JsonNode> itemsNamed(Facts facts, String key) {
    String singular = key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
    String wanted = FactIndex.normalise(singular).replace(" ", "");
    List<JsonNode> items = new ArrayList<>();
    for (ObjectNode item : facts.items()) {
      for (String type : JsonLd.types(item)) {
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals(wanted) || lower.endsWith(wanted)) {
          items.add(item);
          break;
        }
      }
    }
    return items;
  }

  /**
   * Rows of the first table whose header cells name at least half of the item's properties, each
   * row an object of the matching columns.
   */
  private static List<ObjectNode> tableRows(Facts facts, JsonNode itemSchema) {
    List<ObjectNode> rows = new ArrayList<>();
    List<String> properties = new ArrayList<>();
    itemSchema.path("properties").fieldNames().forEachRemaining(properties::add);
    for (Element table : facts.document().body().select("table")) {
      Element headerRow = table.selectFirst("tr:has(th)");
      if (headerRow == null) {
        continue;
      }
      List<String> headers = new ArrayList<>();
      for (Element cell : headerRow.select("> th, > td")) {
        for (int span = Math.max(1, Math.min(span(cell, "colspan"), 64)); span > 0; span--) {
          headers.add(FactIndex.normalise(cell.text()));
        }
      }
      int[] columnOf = new int[properties.size()];
      int matched = 0;
      for (int p = 0; p < properties.size(); p++) {
        columnOf[p] = column(headers, FactIndex.normalise(properties.get(p)));
        matched += columnOf[p] >= 0 ? 1 : 0;
      }
      if (matched == 0 || matched * 2 < properties.size()) {
        continue;
      }
      String[] carried = new String[headers.size()];
      int[] carriedRows = new int[headers.size()];
      for (Element row : table.select("tr")) {
        if (row == headerRow || row.select("> td").isEmpty()) {
          continue;
        }
        List<String> cells = rowCells(row, carried, carriedRows);
        ObjectNode object = JSON.objectNode();
        for (int p = 0; p < properties.size(); p++) {
          String property = properties.get(p);
          int column = columnOf[p];
          JsonNode value =
              column >= 0 && column < cells.size() && cells.get(column) != null
                  ? coerce(
                      JSON.textNode(cells.get(column)),
                      type(itemSchema.path("properties").path(property)))
                  : null;
          object.set(property, value == null ? JSON.nullNode() : value);
        }
        rows.add(object);
      }
      return rows;
    }
    return rows;
  }

  /**
   * A row's cell texts by column: a colspan fills every column it covers, a rowspan carries its
   * text into the rows below.
   */
  private static List<String> rowCells(Element row, String[] carried, int[] carriedRows) {
    List<String> cells = new ArrayList<>();
    int column = 0;
    for (Element cell : row.select("> th, > td")) {
      while (column < carried.length && carriedRows[column] > 0) {
        cells.add(carried[column]);
        carriedRows[column]--;
        column++;
      }
      int colspan = Math.max(1, Math.min(span(cell, "colspan"), 64));
      int rowspan = Math.max(1, Math.min(span(cell, "rowspan"), 1000));
      for (int k = 0; k < colspan; k++, column++) {
        cells.add(cell.text());
        if (column < carried.length && rowspan > 1) {
          carried[column] = cell.text();
          carriedRows[column] = rowspan - 1;
        }
      }
    }
    while (column < carried.length && carriedRows[column] > 0) {
      cells.add(carried[column]);
      carriedRows[column]--;
      column++;
    }
    return cells;
  }

  private static int span(Element cell, String attribute) {
    try {
      return Integer.parseInt(cell.attr(attribute).strip());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static int column(List<String> headers, String property) {
    List<String> names = new ArrayList<>();
    names.add(property);
    names.addAll(SYNONYMS.getOrDefault(property, List.of()));
    for (String name : names) {
      int index = headers.indexOf(name);
      if (index >= 0) {
        return index;
      }
    }
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).contains(property)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The best-sourced value among the field's own key, its synonyms and keys ending with it; typed
   * data beats labels beats meta tags, and among equals the earlier candidate wins. Inside an
   * object only the object's own facts count ("author name" for author.name), unless the object
   * merely groups page-wide values ("product" on a product page). A field of several words that
   * finds nothing tries its last word ("job_title" → "title").
   */
  private static JsonNode find(Lookup lookup, String scoped, String key, String prefix) {
    FactIndex index = lookup.index();
    List<String> candidates = new ArrayList<>();
    if (!prefix.isEmpty()) {
      candidates.add(scoped);
      for (String synonym : SYNONYMS.getOrDefault(key, List.of())) {
        candidates.add(prefix + " " + synonym);
      }
      candidates.addAll(index.keysEndingWith(scoped));
      candidates.addAll(index.keysUnder(prefix, key));
    }
    if (prefix.isEmpty() || !index.hasPrefix(prefix) && lookup.groups(lastWord(prefix))) {
      candidates.add(key);
      candidates.addAll(SYNONYMS.getOrDefault(key, List.of()));
      candidates.addAll(index.keysEndingWith(key));
    }
    JsonNode found = best(index, candidates);
    int space = key.lastIndexOf(' ');
    if (found == null && space > 0) {
      String last = key.substring(space + 1);
      return find(lookup, prefix.isEmpty() ? last : prefix + " " + last, last, prefix);
    }
    return found;
  }

  private static JsonNode best(FactIndex index, List<String> candidates) {
    FactIndex.Fact best = null;
    for (String candidate : candidates) {
      FactIndex.Fact fact = index.get(candidate);
      if (fact != null && (best == null || fact.rank() < best.rank())) {
        best = fact;
      }
    }
    return best == null ? null : best.value();
  }

  private static String lastWord(String words) {
    int space = words.lastIndexOf(' ');
    return space < 0 ? words : words.substring(space + 1);
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode option : type) {
        if (!option.asText().equals("null")) {
          return option.asText();
        }
      }
    }
    return type.isTextual() ? type.asText() : "";
  }

  /** The value as the schema's type, or null when it does not read as one. */
  static JsonNode coerce(JsonNode value, String type) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isValueNode() ? Values.plain(value.asText()) : Values.text(value);
    switch (type) {
      case "string" -> {
        return text == null || text.isBlank() ? null : JSON.textNode(text);
      }
      case "number" -> {
        BigDecimal number = value.isNumber() ? value.decimalValue() : Values.number(text);
        return number == null ? null : JSON.numberNode(number);
      }
      case "integer" -> {
        BigDecimal number = value.isNumber() ? value.decimalValue() : Values.number(text);
        return number == null ? null : JSON.numberNode(number.longValue());
      }
      case "boolean" -> {
        if (value.isBoolean()) {
          return value;
        }
        return bool(text);
      }
      default -> {
        return value.isContainerNode() ? value : text == null ? null : JSON.textNode(text);
      }
    }
  }

  private static JsonNode bool(String text) {
    String lower =
        Values.enumName(text == null ? "" : text).toLowerCase(java.util.Locale.ROOT).strip();
    if (lower.matches("true|yes|y|1|instock|in stock.*|available|on")) {
      return JSON.booleanNode(true);
    }
    if (lower.matches("false|no|n|0|outofstock|out of stock.*|sold ?out|soldout|unavailable|off")) {
      return JSON.booleanNode(false);
    }
    return null;
  }
}
