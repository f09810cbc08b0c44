package dev.orbweaver.extract.content;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** Text measures the content scoring relies on, counted in one walk over an element. */
record TextStats(int length, int linkLength, int commas) {
  static TextStats of(Element element) {
    int[] counts = new int[3];
    walk(element, false, counts, 0);
    return new TextStats(counts[0], counts[1], counts[2]);
  }

  double linkDensity() {
    return length == 0 ? 0 : (double) linkLength / length;
  }

  private static void walk(Node node, boolean inLink, int[] counts, int depth) {
    if (depth > 256) {
      return;
    }
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode text) {
        int length = visibleLength(text.getWholeText(), counts);
        counts[0] += length;
        if (inLink) {
          counts[1] += length;
        }
      } else if (child instanceof Element element) {
        walk(element, inLink || element.normalName().equals("a"), counts, depth + 1);
      }
    }
  }

  /** No character but whitespace (no-break spaces included), as {@code Element.text()} sees it. */
  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00A0';
  }

  /** Length with whitespace runs counted as one character; counts commas on the way. */
  static int visibleLength(String text, int[] counts) {
    int length = 0;
    boolean space = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        if (!space) {
          length++;
        }
        space = true;
      } else {
        length++;
        space = false;
        if (c == ',' || c == '\uFF0C' || c == '\u3001' || c == '\u060C') {
          counts[2]++;
        }
      }
    }
    return length;
  }
}
