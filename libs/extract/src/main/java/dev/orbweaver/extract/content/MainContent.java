package dev.orbweaver.extract.content;

import dev.orbweaver.extract.markdown.Visibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Finds the main content of a page, Readability-style: drop what is plainly not content (scripts,
 * navigation, elements whose class or id say banner, comment, sidebar, share…), score every block
 * of prose and credit its ancestors, take the best-scoring ancestor discounted by its link density,
 * add siblings that score close to it, then remove what inside it looks like boilerplate (link
 * lists, forms, image strips). Each pass that yields too little text is retried with fewer filters.
 *
 * <p>Works on a copy; the page given is never changed.
 */
public final class MainContent {
  /** Below this many characters an attempt is retried with fewer filters. */
  private static final int ENOUGH_TEXT = 500;

  private static final Pattern UNLIKELY =
      Pattern.compile(
          "(?:^|[\\s_-])ads?(?:$|[\\s_-])|ad-break|adbox|advert|agegate|banner|breadcrumb|combx|comment|community|consent"
              + "|cookie|cover-wrap|disqus|editsection|extra|footer|gdpr|header|legends|menu|modal|navbar"
              + "|newsletter|outbrain|pager|pagination|paywall|popup|promo|related|remark|replies"
              + "|rss|share|sharing|shoutbox|sidebar|signup|skyscraper|social|sponsor|subscribe"
              + "|supplemental|taboola|toolbar|trending|widget",
          Pattern.CASE_INSENSITIVE);

  /** Advertising is never content, whatever else its class says ("ad-slot article-content"). */
  private static final Pattern ADVERTISING =
      Pattern.compile("(?:^|[\\s_-])ads?(?:$|[\\s_-])|advert|sponsor", Pattern.CASE_INSENSITIVE);

  private static final Pattern MAYBE_CONTENT =
      Pattern.compile(
          "and|article|body|column|content|entry|main|post|shadow", Pattern.CASE_INSENSITIVE);
  private static final Pattern POSITIVE =
      Pattern.compile(
          "article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose"
              + "|markdown|documentation",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATIVE =
      Pattern.compile(
          "(?:^|[\\s_-])ads?(?:$|[\\s_-])|hidden|^hid$|banner|combx|comment|com-|contact|footer|footnote|gdpr|masthead"
              + "|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping"
              + "|tags|widget|newsletter|subscribe|social|byline|meta|nav",
          Pattern.CASE_INSENSITIVE);

  private static final Set<String> NEVER_CONTENT =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "iframe",
          "svg",
          "canvas",
          "object",
          "embed",
          "link",
          "meta",
          "button",
          "input",
          "select",
          "textarea",
          "nav",
          "aside",
          "footer",
          "dialog",
          "menu");
  private static final Set<String> NON_CONTENT_ROLES =
      Set.of(
          "navigation",
          "menu",
          "menubar",
          "complementary",
          "banner",
          "contentinfo",
          "dialog",
          "alertdialog",
          "search",
          "tablist");

  /** Never removed for their class or id: structure that holds content or is content. */
  private static final Set<String> KEEP_ANYWAY =
      Set.of(
          "html", "body", "article", "main", "a", "code", "pre", "table", "tbody", "tr", "td",
          "th");

  private static final Set<String> BLOCKS =
      Set.of(
          "div",
          "p",
          "table",
          "ul",
          "ol",
          "dl",
          "pre",
          "blockquote",
          "section",
          "article",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "footer",
          "figure",
          "form",
          "address",
          "main",
          "aside",
          "nav",
          "hr");

  private record Attempt(boolean stripUnlikely, boolean weighClasses, boolean cleanConditionally) {}

  private static final List<Attempt> ATTEMPTS =
      List.of(
          new Attempt(true, true, true),
          new Attempt(false, true, true),
          new Attempt(false, false, true),
          new Attempt(false, false, false));

  // Class and id strings repeat across a page; their regex verdicts are kept for one extraction.
  private final Map<String, Integer> identityVerdicts = new HashMap<>();
  private final Map<String, Integer> identityWeights = new HashMap<>();

  private MainContent() {}

  /** A detached element holding the main content of {@code page}. */
  public static Element extract(Document page) {
    MainContent run = new MainContent();
    Element first = null;
    int firstLength = 0;
    Element best = null;
    int bestLength = -1;
    for (Attempt attempt : ATTEMPTS) {
      Element content = run.attempt(page.body().clone(), attempt);
      int length = TextStats.of(content).length();
      if (first == null) {
        first = content;
        firstLength = length;
      }
      if (length >= ENOUGH_TEXT) {
        best = content;
        break;
      }
      if (length > bestLength) {
        best = content;
        bestLength = length;
      }
    }
    // A short page stays with the strictest reading unless a looser one finds far more text.
    if (best != first
        && TextStats.of(best).length() < ENOUGH_TEXT
        && bestLength < 2 * firstLength) {
      best = first;
    }
    restoreTitle(page, best);
    return unwrap(best);
  }

  private Element attempt(Element body, Attempt attempt) {
    strip(body, attempt.stripUnlikely());
    Set<Element> holdingBlocks = holdingBlocks(body);
    BlockCounts counts = new BlockCounts(body);
    Map<Element, Double> scores = score(body, attempt.weighClasses(), holdingBlocks, counts);
    Element top = null;
    double topScore = 0;
    for (Map.Entry<Element, Double> entry : scores.entrySet()) {
      Element candidate = entry.getKey();
      double score = entry.getValue() * (1 - counts.linkDensity(candidate));
      entry.setValue(score);
      if (top == null || score > topScore) {
        top = candidate;
        topScore = score;
      }
    }
    Element container = new Element("div");
    if (top == null || top == body) {
      for (Node child : new ArrayList<>(body.childNodes())) {
        container.appendChild(child);
      }
    } else {
      top = climb(top, topScore, scores, body);
      topScore = scores.getOrDefault(top, topScore);
      gatherSiblings(top, topScore, scores, counts, holdingBlocks, container);
    }
    if (attempt.cleanConditionally()) {
      cleanConditionally(container, attempt.weighClasses(), counts);
    }
    removeEmptyParagraphs(container);
    return container;
  }

  /** Removes what is never content and, when asked, what its class or id says is not content. */
  private void strip(Element body, boolean stripUnlikely) {
    body.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Comment) {
              return FilterResult.REMOVE;
            }
            if (!(node instanceof Element element) || element == body) {
              return FilterResult.CONTINUE;
            }
            String name = element.normalName();
            if (NEVER_CONTENT.contains(name) && !isCheckbox(element)) {
              return FilterResult.REMOVE;
            }
            if (element.attributesSize() == 0) {
              return FilterResult.CONTINUE;
            }
            if (Visibility.isHidden(element)
                || element.attr("aria-hidden").equals("true") && !name.equals("img")
                || NON_CONTENT_ROLES.contains(element.attr("role").toLowerCase(Locale.ROOT))) {
              return FilterResult.REMOVE;
            }
            if (stripUnlikely && !KEEP_ANYWAY.contains(name) && isUnlikely(element)) {
              return FilterResult.REMOVE;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        });
  }

  /** A task list's checkbox is part of the item it marks. */
  private static boolean isCheckbox(Element element) {
    return element.normalName().equals("input")
        && element.attr("type").equalsIgnoreCase("checkbox");
  }

  private static final int LIKELY = 0;
  private static final int ADVERT = 1;
  private static final int UNLIKELY_NAME = 2;

  private boolean isUnlikely(Element element) {
    String identity = element.className() + " " + element.id();
    int verdict =
        identityVerdicts.computeIfAbsent(
            identity,
            name -> {
              if (name.isBlank() || !UNLIKELY.matcher(name).find()) {
                return LIKELY;
              }
              if (ADVERTISING.matcher(name).find()) {
                return ADVERT;
              }
              return MAYBE_CONTENT.matcher(name).find() ? LIKELY : UNLIKELY_NAME;
            });
    if (verdict == LIKELY) {
      return false;
    }
    if (verdict == ADVERT) {
      return element.getElementsByTag("h1").isEmpty();
    }
    // A wrapper of the page's main heading is the article's header, not the site's.
    return element.getElementsByTag("h1").isEmpty()
        || element.normalName().equals("footer")
        || !element.getElementsByTag("footer").isEmpty();
  }

  /** Credits every block of prose to its ancestors, nearer ones more. */
  private Map<Element, Double> score(
      Element body, boolean weighClasses, Set<Element> holdingBlocks, BlockCounts counts) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    for (Element element : body.getAllElements()) {
      if (!isParagraph(element, holdingBlocks)) {
        continue;
      }
      TextStats text = counts.stats(element);
      if (text.length() < 25) {
        continue;
      }
      double score = 1 + text.commas() + Math.min(text.length() / 100, 3);
      Element ancestor = element.parent();
      for (int level = 0; level < 5 && ancestor != null; level++) {
        if (ancestor.normalName().equals("html")) {
          break;
        }
        Double current = scores.get(ancestor);
        if (current == null) {
          current = initialScore(ancestor, weighClasses);
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        scores.put(ancestor, current + score / divider);
        ancestor = ancestor.parent();
      }
    }
    return scores;
  }

  /** Paragraphs, preformatted blocks, and divs or cells that hold only inline content. */
  private static boolean isParagraph(Element element, Set<Element> holdingBlocks) {
    switch (element.normalName()) {
      case "p", "pre", "blockquote" -> {
        return true;
      }
      case "div", "section", "li", "dd", "td" -> {
        return element.childNodeSize() > 0 && !holdingBlocks.contains(element);
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Every element with a block element somewhere inside it, found in one walk up from each block.
   */
  private static Set<Element> holdingBlocks(Element body) {
    Set<Element> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element element : body.getAllElements()) {
      if (!BLOCKS.contains(element.normalName())) {
        continue;
      }
      for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
        if (!holding.add(parent)) {
          break;
        }
      }
    }
    return holding;
  }

  private double initialScore(Element element, boolean weighClasses) {
    double score =
        switch (element.normalName()) {
          case "div", "article", "main" -> 5;
          case "pre", "td", "blockquote" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    return score + (weighClasses ? classWeight(element) : 0);
  }

  private int classWeight(Element element) {
    int weight = weightOf(element.className()) + weightOf(element.id());
    if (element.attr("itemprop").contains("articleBody")) {
      weight += 25;
    }
    return weight;
  }

  private int weightOf(String identity) {
    if (identity.isEmpty()) {
      return 0;
    }
    return identityWeights.computeIfAbsent(
        identity,
        name ->
            (NEGATIVE.matcher(name).find() ? -25 : 0) + (POSITIVE.matcher(name).find() ? 25 : 0));
  }

  /**
   * Moves up from the top candidate while the step adds nothing but a wrapper, or while several
   * close runners-up live under the same ancestor (an article split into sections).
   */
  private static Element climb(
      Element top, double topScore, Map<Element, Double> scores, Element body) {
    List<Element> runnersUp = new ArrayList<>();
    for (Map.Entry<Element, Double> entry : scores.entrySet()) {
      if (entry.getKey() != top && entry.getValue() >= topScore * 0.75) {
        runnersUp.add(entry.getKey());
      }
    }
    if (runnersUp.size() >= 3) {
      Element ancestor = top.parent();
      while (ancestor != null && ancestor != body) {
        int contained = 0;
        for (Element runnerUp : runnersUp) {
          if (isAncestor(ancestor, runnerUp)) {
            contained++;
          }
        }
        if (contained >= 3) {
          top = ancestor;
          break;
        }
        ancestor = ancestor.parent();
      }
    }
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return top;
  }

  private static boolean isAncestor(Element ancestor, Element element) {
    for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
      if (parent == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static void gatherSiblings(
      Element top,
      double topScore,
      Map<Element, Double> scores,
      BlockCounts counts,
      Set<Element> holdingBlocks,
      Element container) {
    Element parent = top.parent();
    if (parent == null) {
      container.appendChild(top);
      return;
    }
    double threshold = Math.max(10, topScore * 0.2);
    for (Element sibling : new ArrayList<>(parent.children())) {
      boolean include = sibling == top;
      if (!include && isFigure(sibling)) {
        include = true; // a lead image sits beside the text it illustrates
      } else if (!include) {
        double bonus =
            !top.className().isEmpty() && top.className().equals(sibling.className())
                ? topScore * 0.2
                : 0;
        Double score = scores.get(sibling);
        if (score != null && score + bonus >= threshold) {
          include = true;
        } else if (isParagraph(sibling, holdingBlocks)) {
          TextStats text = counts.stats(sibling);
          String content = sibling.text();
          include =
              text.length() > 80 && text.linkDensity() < 0.25
                  || text.length() > 0
                      && text.linkDensity() == 0
                      && (content.endsWith(".") || content.contains(". "));
        }
      }
      if (include) {
        container.appendChild(sibling);
      }
    }
  }

  private static boolean isFigure(Element element) {
    String name = element.normalName();
    return (name.equals("figure") || name.equals("picture"))
        && !element.getElementsByTag("img").isEmpty()
        && TextStats.of(element).linkDensity() < 0.5;
  }

  /** Removes blocks inside the content that look like boilerplate rather than prose. */
  /** {@code counts} covers every element inside the container (it was counted before the move). */
  private void cleanConditionally(Element container, boolean weighClasses, BlockCounts counts) {
    List<Element> all = container.getAllElements();
    for (int i = all.size() - 1; i > 0; i--) {
      Element element = all.get(i);
      String name = element.normalName();
      if (!(name.equals("div")
          || name.equals("section")
          || name.equals("ul")
          || name.equals("ol")
          || name.equals("table")
          || name.equals("fieldset")
          || name.equals("header")
          || name.equals("form"))) {
        continue;
      }
      if (element.parent() == null || insideCode(element)) {
        continue;
      }
      if (shouldRemove(element, name, weighClasses, counts)) {
        counts.removing(element);
        element.remove();
      }
    }
  }

  private boolean shouldRemove(
      Element element, String name, boolean weighClasses, BlockCounts counts) {
    int weight = weighClasses ? classWeight(element) : 0;
    if (weight < 0) {
      return true;
    }
    if (counts.get(element, BlockCounts.COMMAS) >= 10) {
      return false;
    }
    boolean isList = name.equals("ul") || name.equals("ol");
    if (name.equals("table") && counts.get(element, BlockCounts.TABLE_HEADERS) > 0) {
      return false; // a data table is content, however many links it holds
    }
    int text = counts.get(element, BlockCounts.TEXT);
    int paragraphs = counts.get(element, BlockCounts.PARAGRAPHS);
    int images = counts.get(element, BlockCounts.IMAGES);
    int items = counts.get(element, BlockCounts.ITEMS) - 100;
    int inputs = counts.get(element, BlockCounts.INPUTS);
    int headings = counts.get(element, BlockCounts.HEADING_TEXT);
    double headingDensity = text == 0 ? 0 : (double) headings / text;
    double linkDensity = counts.linkDensity(element);
    boolean inFigure = element.closest("figure") != null;
    return (images > 1 && (double) paragraphs / images < 0.5 && !inFigure)
        || (!isList && items > paragraphs)
        || (!isList && inputs > paragraphs / 3)
        || (!isList
            && headingDensity < 0.9
            && text < 25
            && (images == 0 || images > 2)
            && linkDensity > 0)
        || (!isList && weight < 25 && linkDensity > 0.2 && text < 2000)
        || (isList && linkDensity > 0.5 && weight < 25 && text < 1000 && images == 0)
        || (weight >= 25 && linkDensity > 0.5);
  }

  private static boolean insideCode(Element element) {
    for (Element at = element; at != null; at = at.parent()) {
      String name = at.normalName();
      if (name.equals("pre") || name.equals("code")) {
        return true;
      }
    }
    return false;
  }

  private static void removeEmptyParagraphs(Element container) {
    for (Element paragraph : container.getElementsByTag("p")) {
      if (isEmpty(paragraph)) {
        paragraph.remove();
      }
    }
  }

  /** No text but whitespace and no image: stops at the first sign of either. */
  private static boolean isEmpty(Node node) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode text) {
        if (!TextStats.isBlank(text.getWholeText())) {
          return false;
        }
      } else if (child instanceof Element element) {
        String name = element.normalName();
        if (name.equals("img") || name.equals("picture") || !isEmpty(element)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Puts the page's main heading back in front when the content starts below it (it often lives in
   * a header that was dropped). Only an h1 the page's title agrees with counts.
   */
  private static void restoreTitle(Document page, Element content) {
    if (!content.getElementsByTag("h1").isEmpty()) {
      return;
    }
    Element heading = page.body().selectFirst("h1");
    if (heading == null) {
      return;
    }
    String text = heading.text().strip();
    String title = page.title().toLowerCase(Locale.ROOT);
    Element ogTitle = page.head().selectFirst("meta[property=og:title]");
    String og = ogTitle == null ? "" : ogTitle.attr("content").toLowerCase(Locale.ROOT);
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.isEmpty() || text.length() > 200 || !(title.contains(lower) || og.contains(lower))) {
      return;
    }
    if (content.text().startsWith(text)) {
      return;
    }
    Element copy = new Element("h1");
    copy.appendText(text);
    content.prependChild(copy);
  }

  private static Element unwrap(Element container) {
    if (container.childrenSize() == 1
        && container.textNodes().stream().allMatch(org.jsoup.nodes.TextNode::isBlank)) {
      Element only = container.child(0);
      only.remove();
      return only;
    }
    return container;
  }
}
