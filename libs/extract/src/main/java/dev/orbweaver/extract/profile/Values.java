package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.extract.links.UrlResolver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/** Reading schema.org values as they appear in the wild: strings, objects, arrays, HTML, money. */
public final class Values {
  private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d.,'\u00A0 ]*");
  private static final Pattern CURRENCY_CODE = Pattern.compile("\\b([A-Z]{3})\\b");
  private static final Map<String, String> CURRENCY_SYMBOLS =
      Map.of("$", "USD", "£", "GBP", "€", "EUR", "¥", "JPY", "₹", "INR", "₩", "KRW", "CHF", "CHF");

  private Values() {}

  /** The text of a value: a string, a number, an object's name, or the first of a list. */
  public static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        String text = text(element);
        if (text != null) {
          return text;
        }
      }
      return null;
    }
    if (node.isObject()) {
      for (String field : List.of("name", "@value", "text", "value", "url", "@id")) {
        String text = text(node.get(field));
        if (text != null) {
          return text;
        }
      }
      return null;
    }
    String text = plain(node.asText());
    return text.isEmpty() ? null : text;
  }

  /** Every text of a value that may be one item or a list. */
  public static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return texts;
    }
    if (node.isArray()) {
      node.forEach(element -> texts.addAll(texts(element)));
    } else {
      String text = text(node);
      if (text != null) {
        texts.add(text);
      }
    }
    return texts;
  }

  /** Image addresses of a value: strings, ImageObjects (url, contentUrl), lists of either. */
  public static List<String> images(JsonNode node, UrlResolver resolver) {
    List<String> images = new ArrayList<>();
    if (node == null || node.isNull()) {
      return images;
    }
    if (node.isArray()) {
      node.forEach(element -> images.addAll(images(element, resolver)));
      return images;
    }
    String url =
        node.isObject()
            ? firstText(node.get("url"), node.get("contentUrl"), node.get("@id"))
            : node.asText();
    String resolved = url == null ? null : resolver.resolve(url);
    if (resolved != null && !images.contains(resolved)) {
      images.add(resolved);
    }
    return images;
  }

  static String firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      String text = text(node);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** Text of HTML (JSON-LD descriptions often carry markup), whitespace collapsed. */
  public static String plain(String text) {
    if (text.indexOf('<') >= 0 && text.indexOf('>') > 0) {
      return Jsoup.parseBodyFragment(text).text().strip();
    }
    if (text.indexOf('&') >= 0) {
      text = org.jsoup.parser.Parser.unescapeEntities(text, false);
    }
    return text.strip().replaceAll("\\s+", " ");
  }

  /** "https://schema.org/InStock" and "InStock" both read as "InStock". */
  public static String enumName(String value) {
    if (value == null) {
      return null;
    }
    int cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf(':'));
    return cut >= 0 ? value.substring(cut + 1) : value;
  }

  /**
   * The first number in {@code text}, with either decimal convention: "1,299.99", "1.299,99",
   * "59,90", "4.6". A lone separator followed by exactly three digits groups thousands.
   */
  public static BigDecimal number(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = NUMBER.matcher(text);
    if (!matcher.find()) {
      return null;
    }
    String digits = matcher.group().replace("\u00A0", "").replace(" ", "").replace("'", "");
    while (!digits.isEmpty() && !Character.isDigit(digits.charAt(digits.length() - 1))) {
      digits = digits.substring(0, digits.length() - 1);
    }
    int dot = digits.lastIndexOf('.');
    int comma = digits.lastIndexOf(',');
    String normalized;
    if (dot >= 0 && comma >= 0) {
      char decimal = dot > comma ? '.' : ',';
      char group = decimal == '.' ? ',' : '.';
      normalized = digits.replace(String.valueOf(group), "").replace(decimal, '.');
    } else if (comma >= 0 || dot >= 0) {
      char separator = comma >= 0 ? ',' : '.';
      int last = Math.max(comma, dot);
      boolean single = digits.indexOf(separator) == last;
      boolean grouping = digits.length() - last - 1 == 3 && (separator == ',' || !single);
      normalized =
          grouping
              ? digits.replace(String.valueOf(separator), "")
              : digits.replace(String.valueOf(separator), single ? "." : "");
    } else {
      normalized = digits;
    }
    try {
      return new BigDecimal(normalized);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The currency a price text names by ISO code or symbol ("£129", "NOK 650"), or null. */
  public static String currency(String text) {
    if (text == null) {
      return null;
    }
    Matcher code = CURRENCY_CODE.matcher(text);
    if (code.find()
        && java.util.Currency.getAvailableCurrencies().stream()
            .anyMatch(c -> c.getCurrencyCode().equals(code.group(1)))) {
      return code.group(1);
    }
    for (Map.Entry<String, String> symbol : CURRENCY_SYMBOLS.entrySet()) {
      if (text.contains(symbol.getKey())) {
        return symbol.getValue();
      }
    }
    return null;
  }

  static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
