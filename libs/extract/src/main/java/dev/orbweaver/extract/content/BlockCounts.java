package dev.orbweaver.extract.content;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Totals over each element's subtree (text, link text, commas, paragraphs, images, list items,
 * inputs, heading text, data-table markers), counted in one walk and kept right as subtrees are
 * removed, so that judging every block of a page costs one pass rather than one pass per block.
 */
final class BlockCounts {
  static final int TEXT = 0;
  static final int LINK_TEXT = 1;
  static final int COMMAS = 2;
  static final int PARAGRAPHS = 3;
  static final int IMAGES = 4;
  static final int ITEMS = 5;
  static final int INPUTS = 6;
  static final int HEADING_TEXT = 7;
  static final int TABLE_HEADERS = 8;
  private static final int FIELDS = 9;

  private final Map<Element, int[]> counts = new IdentityHashMap<>();

  BlockCounts(Element root) {
    count(root, 0);
  }

  int get(Element element, int field) {
    int[] total = counts.get(element);
    return total == null ? 0 : total[field];
  }

  TextStats stats(Element element) {
    return new TextStats(get(element, TEXT), get(element, LINK_TEXT), get(element, COMMAS));
  }

  double linkDensity(Element element) {
    int text = get(element, TEXT);
    return text == 0 ? 0 : (double) get(element, LINK_TEXT) / text;
  }

  /** Call before removing {@code element}: its totals leave every ancestor's. */
  void removing(Element element) {
    int[] removed = counts.get(element);
    if (removed == null) {
      return;
    }
    for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
      int[] total = counts.get(parent);
      if (total == null) {
        return;
      }
      for (int i = 0; i < FIELDS; i++) {
        total[i] -= removed[i];
      }
    }
  }

  private int[] count(Element element, int depth) {
    int[] total = new int[FIELDS];
    int[] commas = new int[3];
    for (Node child : element.childNodes()) {
      if (child instanceof TextNode text) {
        total[TEXT] += TextStats.visibleLength(text.getWholeText(), commas);
      } else if (child instanceof Element inner && depth < 256) {
        int[] sub = count(inner, depth + 1);
        for (int i = 0; i < FIELDS; i++) {
          total[i] += sub[i];
        }
      }
    }
    total[COMMAS] += commas[2];
    switch (element.normalName()) {
      case "a" -> total[LINK_TEXT] = total[TEXT];
      case "p" -> total[PARAGRAPHS]++;
      case "img" -> total[IMAGES]++;
      case "li" -> total[ITEMS]++;
      case "input" -> total[INPUTS]++;
      case "h1", "h2", "h3", "h4", "h5", "h6" -> total[HEADING_TEXT] = total[TEXT];
      case "th", "thead", "caption" -> total[TABLE_HEADERS]++;
      default -> {}
    }
    counts.put(element, total);
    return total;
  }
}
