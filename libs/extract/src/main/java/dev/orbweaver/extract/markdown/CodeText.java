package dev.orbweaver.extract.markdown;

import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** The text, language and fence of a {@code <pre>} block. */
final class CodeText {
  private CodeText() {}

  /** The block's text as displayed: highlighter markup dropped, {@code <br>} and line divs kept. */
  static String of(Element pre) {
    StringBuilder code = new StringBuilder();
    append(pre, code);
    int start = 0;
    while (start < code.length() && code.charAt(start) == '\n') {
      start++;
    }
    int end = code.length();
    while (end > start && Character.isWhitespace(code.charAt(end - 1))) {
      end--;
    }
    String text = code.substring(start, end);
    if (text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n").replace('\r', '\n');
    }
    return text.indexOf('\u00A0') >= 0 ? text.replace('\u00A0', ' ') : text;
  }

  private static void append(Element element, StringBuilder code) {
    for (Node child : element.childNodes()) {
      if (child instanceof TextNode text) {
        code.append(text.getWholeText());
      } else if (child instanceof Element inner) {
        switch (inner.normalName()) {
          case "br" -> code.append('\n');
          case "div", "p", "li", "tr" -> {
            append(inner, code);
            if (code.length() > 0 && code.charAt(code.length() - 1) != '\n') {
              code.append('\n');
            }
          }
          case "script", "style", "button" -> {}
          default -> append(inner, code);
        }
      }
    }
  }

  /**
   * The language named by {@code class="language-x"} (or lang-x, a data attribute) on the block.
   */
  static String language(Element pre) {
    String language = languageOf(pre);
    if (language.isEmpty()) {
      Element code = pre.firstElementChild();
      if (code != null && code.normalName().equals("code")) {
        language = languageOf(code);
      }
    }
    return language;
  }

  private static String languageOf(Element element) {
    String declared = element.attr("data-lang");
    if (declared.isEmpty()) {
      declared = element.attr("data-language");
    }
    if (!declared.isEmpty()) {
      return clean(declared);
    }
    String classes = element.attr("class");
    if (classes.isEmpty()) {
      return "";
    }
    for (String name : classes.split("\\s+")) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("language-")) {
        return clean(name.substring(9));
      }
      if (lower.startsWith("lang-")) {
        return clean(name.substring(5));
      }
      if (lower.startsWith("highlight-source-")) {
        return clean(name.substring(17));
      }
    }
    int brush = classes.indexOf("brush:");
    if (brush >= 0) {
      String rest = classes.substring(brush + 6).strip();
      int end = 0;
      while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
        end++;
      }
      return clean(rest.substring(0, end));
    }
    return "";
  }

  private static String clean(String language) {
    StringBuilder out = new StringBuilder(language.length());
    for (int i = 0; i < language.length(); i++) {
      char c = language.charAt(i);
      if (Character.isLetterOrDigit(c)
          || c == '+'
          || c == '#'
          || c == '-'
          || c == '_'
          || c == '.') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Three backticks, or one more than the longest run inside the code. */
  static String fenceFor(String code) {
    return "`".repeat(Math.max(3, longestRun(code, '`') + 1));
  }

  static int longestRun(String text, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        run++;
        longest = Math.max(longest, run);
      } else {
        run = 0;
      }
    }
    return longest;
  }
}
