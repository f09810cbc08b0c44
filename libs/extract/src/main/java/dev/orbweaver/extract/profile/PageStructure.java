package dev.orbweaver.extract.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fallbacks for pages without structured data: what a reader sees, found by its shape. Labelled
 * values ("Price: $24", {@code <dt>}/{@code <dd>}, two-cell table rows), lists under a heading,
 * questions with their answers.
 */
public final class PageStructure {
  private static final Pattern MONEY =
      Pattern.compile(
          "(?:[$£€¥₹₩]\\s?\\d[\\d.,]*|\\d[\\d.,]*\\s?(?:[$£€¥₹₩]|USD|EUR|GBP|NOK|SEK|DKK|CHF|JPY)"
              + "|(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|JPY)\\s?\\d[\\d.,]*)");

  private PageStructure() {}

  /** The text of the page's first h1, or null. */
  public static String heading(Document document) {
    Element h1 = document.body().selectFirst("h1");
    return h1 == null || h1.text().isBlank() ? null : h1.text().strip();
  }

  /**
   * The value a page gives under one of {@code labels} (compared case-insensitively, without the
   * colon): "Label: value" in a line of text, a {@code <dt>} and its {@code <dd>}, a {@code
   * <th>}/first cell and the next cell of a table row.
   */
  public static String labelled(Document document, List<String> labels) {
    for (Element term : document.body().select("dt, th, td:eq(0)")) {
      if (matches(term.text(), labels)) {
        Element value = term.nextElementSibling();
        if (value != null && !value.text().isBlank()) {
          return value.text().strip();
        }
      }
    }
    for (Element line : document.body().select("p, li, span, div, td, dd, strong, b")) {
      if (line.childrenSize() > 3) {
        continue;
      }
      String text = line.text();
      int colon = text.indexOf(':');
      if (colon > 0 && colon < 40 && matches(text.substring(0, colon), labels)) {
        String value = text.substring(colon + 1).strip();
        if (!value.isEmpty()) {
          return value;
        }
      }
    }
    return null;
  }

  private static boolean matches(String label, List<String> labels) {
    String normalized = label.strip().toLowerCase(Locale.ROOT);
    if (normalized.endsWith(":")) {
      normalized = normalized.substring(0, normalized.length() - 1).strip();
    }
    for (String candidate : labels) {
      if (normalized.equals(candidate)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A visible price: an element whose itemprop, class or id says price (not a struck-through former
   * price), else a labelled price. Returns the text holding the amount.
   */
  public static String price(Document document) {
    for (Element element :
        document.body().select("[itemprop=price], [class*=price], [id*=price], [data-price]")) {
      String identity = (element.className() + " " + element.id()).toLowerCase(Locale.ROOT);
      if (identity.contains("was")
          || identity.contains("old")
          || identity.contains("rrp")
          || element.closest("del, s") != null) {
        continue;
      }
      String text = ownPrice(element);
      if (text != null) {
        return text;
      }
    }
    String labelled =
        labelled(document, List.of("price", "our price", "sale price", "preis", "prix"));
    if (labelled != null && MONEY.matcher(labelled).find()) {
      return labelled;
    }
    return null;
  }

  /** A page with many prices lists products rather than describing one. */
  public static boolean isListing(Document document) {
    return document.body().select("[itemprop=price], [class*=price], [id*=price]").size() > 2;
  }

  private static String ownPrice(Element element) {
    if (element.hasAttr("content") && Values.number(element.attr("content")) != null) {
      return element.attr("content") + " " + element.text();
    }
    Element copy = element.clone();
    copy.select("del, s, .was, [class*=old]").remove();
    Matcher money = MONEY.matcher(copy.text());
    return money.find() ? money.group() : null;
  }

  /** Items of the first list that follows a heading matching {@code heading}. */
  public static List<String> listUnder(Document document, Pattern heading) {
    for (Element title : document.body().select("h1, h2, h3, h4, h5, h6, strong, b, p")) {
      if (title.text().length() > 60 || !heading.matcher(title.text()).find()) {
        continue;
      }
      for (Element next = following(title); next != null; next = following(next)) {
        if (next.normalName().matches("h[1-6]")) {
          break;
        }
        Element list = next.normalName().matches("ul|ol") ? next : next.selectFirst("ul, ol");
        if (list != null) {
          List<String> items = new ArrayList<>();
          for (Element item : list.children()) {
            if (item.normalName().equals("li") && !item.text().isBlank()) {
              items.add(item.text().strip());
            }
          }
          return items;
        }
      }
    }
    return List.of();
  }

  private static Element following(Element element) {
    Element next = element.nextElementSibling();
    if (next == null
        && element.parent() != null
        && element.parent().normalName().matches("p|strong|b|header")) {
      next = element.parent().nextElementSibling();
    }
    return next;
  }

  /** A question and the answer a page gives to it. */
  public record QuestionAnswer(String question, String answer) {}

  /**
   * Questions with their answers: {@code <details>} with a {@code <summary>}, a {@code <dt>} that
   * asks with its {@code <dd>}, or a heading that ends in a question mark with the text after it.
   */
  public static List<QuestionAnswer> questions(Document document) {
    List<QuestionAnswer> found = new ArrayList<>();
    for (Element details : document.body().select("details:has(> summary)")) {
      Element summary = details.selectFirst("> summary");
      Element answer = details.clone();
      answer.select("> summary").remove();
      add(found, summary.text(), answer.text());
    }
    if (!found.isEmpty()) {
      return found;
    }
    for (Element term : document.body().select("dt")) {
      Element definition = term.nextElementSibling();
      if (term.text().strip().endsWith("?") && definition != null) {
        add(found, term.text(), definition.text());
      }
    }
    if (!found.isEmpty()) {
      return found;
    }
    for (Element heading : document.body().select("h2, h3, h4, h5, h6, summary, button")) {
      if (!heading.text().strip().endsWith("?")) {
        continue;
      }
      StringBuilder answer = new StringBuilder();
      for (Element next = heading.nextElementSibling();
          next != null && !next.normalName().matches("h[1-6]");
          next = next.nextElementSibling()) {
        if (answer.length() > 0) {
          answer.append(' ');
        }
        answer.append(next.text().strip());
      }
      add(found, heading.text(), answer.toString());
    }
    return found;
  }

  private static void add(List<QuestionAnswer> found, String question, String answer) {
    if (!question.isBlank() && !answer.isBlank()) {
      found.add(new QuestionAnswer(question.strip(), answer.strip()));
    }
  }
}
