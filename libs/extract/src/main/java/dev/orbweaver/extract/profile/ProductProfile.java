package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code product}: name, description, brand, sku, gtin, price, currency, availability (schema.org
 * name such as InStock), images, rating, review_count, url, source. From a schema.org Product
 * (JSON-LD or microdata), else Open Graph product tags, else the visible page: the h1, a price
 * element or "Price:" label, "SKU:"/"Brand:" labels and stock wording.
 */
final class ProductProfile {
  private ProductProfile() {}

  static boolean isProduct(String type) {
    return type.equals("Product")
        || type.equals("ProductGroup")
        || type.equals("IndividualProduct");
  }

  static ObjectNode read(Facts facts) {
    ObjectNode product = facts.first(ProductProfile::isProduct);
    return product != null ? fromSchema(facts, product) : fromPage(facts);
  }

  private static ObjectNode fromSchema(Facts facts, ObjectNode product) {
    JsonNode offers = product.path("offers");
    JsonNode offer = offers.isArray() ? offers.path(0) : offers;
    String priceText =
        Values.firstText(
            offer.get("price"),
            offer.get("lowPrice"),
            offer.path("priceSpecification").get("price"));
    String currency =
        Values.firstText(
            offer.get("priceCurrency"), offer.path("priceSpecification").get("priceCurrency"));
    JsonNode rating = product.path("aggregateRating");
    return new Shape(Profile.PRODUCT)
        .text("name", Values.text(product.get("name")))
        .text("description", Values.text(product.get("description")))
        .text("brand", Values.text(product.get("brand")))
        .text("sku", Values.text(product.get("sku")))
        .text(
            "gtin",
            Values.firstText(
                product.get("gtin13"),
                product.get("gtin"),
                product.get("gtin12"),
                product.get("gtin14"),
                product.get("gtin8")))
        .number("price", Values.number(priceText))
        .text("currency", currency)
        .text("availability", Values.enumName(Values.text(offer.get("availability"))))
        .texts("images", Values.images(product.get("image"), facts.resolver()))
        .number("rating", Values.number(Values.text(rating.get("ratingValue"))))
        .integer(
            "review_count",
            Values.number(Values.firstText(rating.get("reviewCount"), rating.get("ratingCount"))))
        .text("url", url(facts, Values.firstText(product.get("url"), offer.get("url"))))
        .text("source", facts.sourceOf(product))
        .build();
  }

  private static ObjectNode fromPage(Facts facts) {
    var og = facts.metadata().og();
    var meta = facts.metadata().meta();
    boolean openGraph =
        "product".equalsIgnoreCase(og.get("type")) || meta.containsKey("product:price:amount");
    String priceText = meta.get("product:price:amount");
    String currency = meta.get("product:price:currency");
    if (priceText == null) {
      priceText = PageStructure.price(facts.document());
      currency = Values.currency(priceText);
    }
    String availability = meta.get("product:availability");
    if (availability == null) {
      availability = PageStructure.labelled(facts.document(), List.of("availability", "stock"));
    }
    String name =
        openGraph && og.get("title") != null
            ? og.get("title")
            : PageStructure.heading(facts.document());
    BigDecimal price = Values.number(priceText);
    return new Shape(Profile.PRODUCT)
        .text("name", name)
        .text("description", facts.metadata().description())
        .text(
            "brand",
            PageStructure.labelled(facts.document(), List.of("brand", "manufacturer", "marke")))
        .text(
            "sku",
            PageStructure.labelled(
                facts.document(), List.of("sku", "item number", "artikelnummer", "part number")))
        .text(
            "gtin", PageStructure.labelled(facts.document(), List.of("gtin", "ean", "upc", "isbn")))
        .number("price", price)
        .text("currency", currency)
        .text("availability", stock(availability))
        .texts("images", og.get("image") == null ? List.of() : List.of(og.get("image")))
        .number("rating", null)
        .integer("review_count", null)
        .text("url", url(facts, og.get("url")))
        .text("source", openGraph ? "open-graph" : price != null ? "page" : null)
        .build();
  }

  private static String stock(String text) {
    String lower = Values.lower(text);
    if (lower.isEmpty()) {
      return null;
    }
    if (lower.contains("out of stock")
        || lower.contains("sold out")
        || lower.contains("unavailable")) {
      return "OutOfStock";
    }
    if (lower.contains("in stock") || lower.contains("available") || lower.contains("lieferbar")) {
      return "InStock";
    }
    return Values.enumName(text);
  }

  static String url(Facts facts, String declared) {
    if (declared != null) {
      String resolved = facts.resolver().resolve(declared);
      if (resolved != null) {
        return resolved;
      }
    }
    return facts.metadata().canonical() != null
        ? facts.metadata().canonical()
        : facts.metadata().sourceUrl();
  }
}
