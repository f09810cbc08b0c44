package dev.orbweaver.extract.markdown;

import dev.orbweaver.extract.links.UrlResolver;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * HTML to Markdown (or plain text) in one pass over jsoup's tree, appending to one buffer. Keeps
 * headings, paragraphs, links and images (absolute), nested lists, GFM tables (layout tables become
 * paragraphs), fenced code with its language, inline code, emphasis, blockquotes, rules and line
 * breaks; drops scripts, styles, forms and hidden elements.
 *
 * <p>One instance renders one tree; {@link #render} makes a fresh one per call, so the class holds
 * no shared state.
 */
public final class MarkdownRenderer {
  /** Deeper than this, content is dropped rather than risking the stack on a hostile page. */
  private static final int MAX_DEPTH = 512;

  private final TextSink sink;
  private final UrlResolver resolver;
  private final boolean markdown;
  private int depth;
  private int listDepth;
  private int strongDepth;
  private int emphasisDepth;
  private int strikeDepth;

  private MarkdownRenderer(UrlResolver resolver, Syntax syntax, int capacity) {
    this.sink = new TextSink(capacity, syntax);
    this.resolver = resolver;
    this.markdown = syntax == Syntax.MARKDOWN;
  }

  /**
   * Renders {@code root} and everything inside it.
   *
   * @param capacityHint expected output length (a third of the HTML is typical), to size the buffer
   */
  public static String render(Element root, UrlResolver resolver, Syntax syntax, int capacityHint) {
    MarkdownRenderer renderer =
        new MarkdownRenderer(resolver, syntax, Math.max(256, Math.min(capacityHint, 1 << 24)));
    renderer.node(root);
    return renderer.sink.result();
  }

  private void node(Node node) {
    if (node instanceof TextNode text) {
      sink.text(text.getWholeText());
    } else if (node instanceof Element element && depth < MAX_DEPTH) {
      depth++;
      element(element);
      depth--;
    }
  }

  private void children(Element element) {
    int count = element.childNodeSize();
    for (int i = 0; i < count; i++) {
      node(element.childNode(i));
    }
  }

  private void element(Element element) {
    if (element.attributesSize() > 0 && Visibility.isHidden(element)) {
      return;
    }
    switch (element.normalName()) {
      case "script",
          "style",
          "noscript",
          "template",
          "head",
          "title",
          "meta",
          "link",
          "base",
          "svg",
          "math",
          "canvas",
          "iframe",
          "frame",
          "frameset",
          "object",
          "embed",
          "audio",
          "video",
          "source",
          "track",
          "input",
          "select",
          "option",
          "optgroup",
          "textarea",
          "button",
          "map",
          "dialog",
          "datalist",
          "output",
          "progress",
          "meter",
          "param" -> {}
      case "h1" -> heading(element, "# ");
      case "h2" -> heading(element, "## ");
      case "h3" -> heading(element, "### ");
      case "h4" -> heading(element, "#### ");
      case "h5" -> heading(element, "##### ");
      case "h6" -> heading(element, "###### ");
      case "ul", "ol", "menu" -> list(element);
      case "li" -> listItem(element, "- ");
      case "dl" -> block(element);
      case "dt" -> {
        sink.requestBreaks(1);
        children(element);
        sink.requestBreaks(1);
      }
      case "dd" -> definition(element);
      case "pre", "listing", "xmp", "plaintext" -> codeBlock(element);
      case "code", "kbd", "samp", "tt" -> inlineCode(element);
      case "blockquote" -> quote(element);
      case "table" -> table(element);
      case "hr" -> rule();
      case "br" -> sink.lineBreak();
      case "a" -> link(element);
      case "img" -> image(element);
      case "em", "i" -> emphasis(element);
      case "strong", "b" -> strong(element);
      case "del", "s", "strike" -> strike(element);
      case "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "nav",
          "aside",
          "address",
          "figure",
          "figcaption",
          "form",
          "fieldset",
          "legend",
          "details",
          "summary",
          "center",
          "hgroup",
          "body",
          "html",
          "caption",
          "search",
          "tr",
          "td",
          "th",
          "thead",
          "tbody",
          "tfoot",
          "noframes" ->
          block(element);
      default -> children(element);
    }
  }

  private void block(Element element) {
    sink.requestBreaks(2);
    children(element);
    sink.requestBreaks(2);
  }

  private void heading(Element element, String marker) {
    sink.requestBreaks(2);
    if (markdown && sink.singleLine == 0) {
      int mark = sink.openInline(marker);
      sink.singleLine++;
      strongDepth++; // a heading is already bold
      children(element);
      strongDepth--;
      sink.singleLine--;
      sink.closeInline(mark);
    } else {
      children(element);
    }
    sink.requestBreaks(2);
  }

  private void list(Element list) {
    boolean ordered = list.normalName().equals("ol");
    int number = ordered ? startOf(list) : 0;
    sink.requestBreaks(listDepth > 0 ? 1 : 2);
    String previousMarker = "- ";
    int count = list.childNodeSize();
    for (int i = 0; i < count; i++) {
      Node child = list.childNode(i);
      if (child instanceof Element item && item.normalName().equals("li")) {
        if (item.attributesSize() > 0 && Visibility.isHidden(item)) {
          continue;
        }
        previousMarker = ordered ? (number++) + ". " : "- ";
        listItem(item, previousMarker);
      } else if (child instanceof Element nested
          && (nested.normalName().equals("ul") || nested.normalName().equals("ol"))) {
        // A list directly inside a list (invalid, common): nest it under the previous item.
        String indent = markdown ? " ".repeat(previousMarker.length()) : "";
        TextSink.Prefix prefix = new TextSink.Prefix(indent, indent, 1);
        prefix.used = true;
        sink.push(prefix);
        listDepth++;
        node(nested);
        listDepth--;
        sink.pop();
      } else {
        node(child);
      }
    }
    sink.requestBreaks(listDepth > 0 ? 1 : 2);
  }

  private void listItem(Element item, String marker) {
    sink.requestBreaks(1);
    String first = markdown ? marker + taskMarker(item) : "";
    String rest = markdown ? " ".repeat(marker.length()) : "";
    sink.push(new TextSink.Prefix(first, rest, 1));
    listDepth++;
    children(item);
    listDepth--;
    sink.pop();
    sink.capBreaks(1);
    sink.requestBreaks(1);
  }

  private static String taskMarker(Element item) {
    Element first = item.firstElementChild();
    if (first != null
        && first.normalName().equals("input")
        && first.attr("type").equalsIgnoreCase("checkbox")) {
      return first.hasAttr("checked") ? "[x] " : "[ ] ";
    }
    return "";
  }

  private static int startOf(Element list) {
    String start = list.attr("start").strip();
    if (!start.isEmpty() && start.length() < 9) {
      try {
        return Math.max(0, Integer.parseInt(start));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }

  private void definition(Element element) {
    sink.requestBreaks(1);
    if (markdown) {
      sink.push(new TextSink.Prefix(": ", "  ", 1));
      children(element);
      sink.pop();
    } else {
      children(element);
    }
    sink.requestBreaks(1);
  }

  private void quote(Element element) {
    sink.requestBreaks(2);
    if (markdown && sink.singleLine == 0) {
      sink.push(new TextSink.Prefix("> ", "> ", 2));
      children(element);
      sink.pop();
    } else {
      children(element);
    }
    sink.requestBreaks(2);
  }

  private void rule() {
    sink.requestBreaks(2);
    if (markdown && sink.singleLine == 0) {
      sink.raw("---");
    }
    sink.requestBreaks(2);
  }

  private void codeBlock(Element pre) {
    String code = CodeText.of(pre);
    if (code.isBlank()) {
      return;
    }
    if (sink.singleLine > 0) {
      inlineCodeText(code);
      return;
    }
    sink.requestBreaks(2);
    if (markdown) {
      String fence = CodeText.fenceFor(code);
      sink.rawLine(fence + CodeText.language(pre));
      writeLines(code);
      sink.rawLine(fence);
    } else {
      writeLines(code);
    }
    sink.requestBreaks(2);
  }

  private void writeLines(String code) {
    int start = 0;
    while (start <= code.length()) {
      int end = code.indexOf('\n', start);
      if (end < 0) {
        end = code.length();
      }
      sink.rawLine(code.substring(start, end));
      start = end + 1;
    }
  }

  private void inlineCode(Element element) {
    if (!markdown) {
      children(element);
      return;
    }
    inlineCodeText(element.wholeText());
  }

  private void inlineCodeText(String raw) {
    String code = collapse(raw);
    if (code.isEmpty()) {
      if (!raw.isEmpty()) {
        sink.text(" ");
      }
      return;
    }
    if (!markdown) {
      sink.text(code);
      return;
    }
    if (TextSink.isCollapsible(raw.charAt(0))) {
      sink.text(" ");
    }
    int longest = CodeText.longestRun(code, '`');
    String ticks = "`".repeat(longest + 1);
    boolean pad = longest > 0 && (code.startsWith("`") || code.endsWith("`"));
    if (sink.tableCell > 0) {
      code = code.replace("|", "\\|");
    }
    sink.inline(pad ? ticks + " " + code + " " + ticks : ticks + code + ticks);
    if (TextSink.isCollapsible(raw.charAt(raw.length() - 1))) {
      sink.text(" ");
    }
  }

  private void link(Element anchor) {
    String url = markdown ? resolver.resolve(anchor.attr("href")) : null;
    if (url == null || anchor.attr("href").isBlank() || !linkable(url)) {
      children(anchor);
      return;
    }
    if (isPermalinkMarker(anchor)) {
      return;
    }
    int mark = sink.openInline("[");
    sink.singleLine++;
    children(anchor);
    sink.singleLine--;
    if (sink.closeInline(mark)) {
      sink.close("](" + destination(url) + title(anchor) + ")");
    }
  }

  /** The "#" or "¶" a documentation site puts after each heading to link to itself. */
  private static boolean isPermalinkMarker(Element anchor) {
    if (!anchor.attr("href").startsWith("#")) {
      return false;
    }
    String text = anchor.text().strip();
    return text.equals("#") || text.equals("¶") || text.equals("§") || text.equals("🔗");
  }

  private static boolean linkable(String url) {
    String scheme = UrlResolver.scheme(url);
    return !(scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript"));
  }

  private void image(Element image) {
    if (!markdown) {
      return;
    }
    String source = image.attr("src");
    if (source.isBlank() || source.startsWith("data:")) {
      source = firstPresent(image, "data-src", "data-original", "data-lazy-src");
    }
    if (source == null || source.startsWith("data:")) {
      return; // inline base64 images bloat the output and carry no address to follow
    }
    String url = resolver.resolve(source);
    if (url == null) {
      return;
    }
    String alt = collapse(image.attr("alt"));
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    sink.inline("![" + alt + "](" + destination(url) + title(image) + ")");
  }

  private static String firstPresent(Element element, String... attributes) {
    for (String attribute : attributes) {
      String value = element.attr(attribute);
      if (!value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private void emphasis(Element element) {
    if (!markdown || emphasisDepth > 0) {
      children(element);
      return;
    }
    emphasisDepth++;
    inlineMarked(element, "*");
    emphasisDepth--;
  }

  private void strong(Element element) {
    if (!markdown || strongDepth > 0) {
      children(element);
      return;
    }
    strongDepth++;
    inlineMarked(element, "**");
    strongDepth--;
  }

  private void strike(Element element) {
    if (!markdown || strikeDepth > 0) {
      children(element);
      return;
    }
    strikeDepth++;
    inlineMarked(element, "~~");
    strikeDepth--;
  }

  private void inlineMarked(Element element, String marker) {
    int mark = sink.openInline(marker);
    children(element);
    if (sink.closeInline(mark)) {
      sink.close(marker);
    }
  }

  private void table(Element table) {
    TableLayout layout = sink.singleLine > 0 ? null : TableLayout.of(table);
    if (layout == null) {
      block(table); // a layout table: its cells are blocks of the page
      return;
    }
    sink.requestBreaks(2);
    if (layout.caption() != null) {
      children(layout.caption());
      sink.requestBreaks(2);
    }
    Element[][] rows = layout.rows();
    int columns = layout.columns();
    if (layout.headerRows() == 0) {
      if (markdown) {
        sink.raw("|" + " |".repeat(columns));
        sink.requestBreaks(1);
        sink.raw("|" + " --- |".repeat(columns));
      }
    } else {
      headerRow(layout);
    }
    for (int r = layout.headerRows(); r < rows.length; r++) {
      sink.requestBreaks(1);
      if (markdown) {
        sink.raw("|");
      }
      for (int c = 0; c < columns; c++) {
        cell(c, c < rows[r].length ? rows[r][c] : null);
      }
    }
    sink.requestBreaks(2);
  }

  /**
   * GFM has one header row: stacked header rows merge per column ("Height m", "Height ft"), a
   * spanning header cell naming every column it covers.
   */
  private void headerRow(TableLayout layout) {
    sink.requestBreaks(1);
    if (markdown) {
      sink.raw("|");
    }
    for (int c = 0; c < layout.columns(); c++) {
      if (markdown) {
        sink.raw(" ");
      } else if (c > 0) {
        sink.raw("\t");
      }
      Element previous = null;
      for (int r = 0; r < layout.headerRows(); r++) {
        Element[] owners = layout.owners()[r];
        Element owner = c < owners.length ? owners[c] : null;
        if (owner != null && owner != previous) {
          cellContent(owner);
          sink.text(" ");
        }
        previous = owner;
      }
      if (markdown) {
        sink.raw(sink.endsWithSpace() ? "|" : " |");
      }
    }
    if (markdown) {
      sink.requestBreaks(1);
      sink.raw("|" + " --- |".repeat(layout.columns()));
    }
  }

  private void cell(int column, Element cell) {
    if (markdown) {
      sink.raw(" ");
    } else if (column > 0) {
      sink.raw("\t");
    }
    if (cell != null) {
      cellContent(cell);
    }
    if (markdown) {
      sink.raw(sink.endsWithSpace() ? "|" : " |");
    }
  }

  private void cellContent(Element cell) {
    sink.singleLine++;
    sink.tableCell++;
    children(cell);
    sink.tableCell--;
    sink.singleLine--;
  }

  private static String title(Element element) {
    String title = element.attr("title");
    if (title.isEmpty()) {
      return "";
    }
    title = collapse(title);
    return title.isEmpty() ? "" : " \"" + title.replace("\"", "\\\"") + "\"";
  }

  /** A link destination that survives Markdown: no spaces, no unbalanced parentheses. */
  private static String destination(String url) {
    boolean clean = true;
    for (int i = 0; i < url.length() && clean; i++) {
      char c = url.charAt(i);
      clean = c != ' ' && c != '(' && c != ')' && c != '<' && c != '>';
    }
    if (clean) {
      return url;
    }
    StringBuilder encoded = new StringBuilder(url.length() + 8);
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      switch (c) {
        case ' ' -> encoded.append("%20");
        case '(' -> encoded.append("%28");
        case ')' -> encoded.append("%29");
        case '<' -> encoded.append("%3C");
        case '>' -> encoded.append("%3E");
        default -> encoded.append(c);
      }
    }
    return encoded.toString();
  }

  /** Whitespace collapsed to single spaces and trimmed, as a browser lays out inline text. */
  static String collapse(String text) {
    StringBuilder out = null;
    boolean space = false;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (TextSink.isCollapsible(c)) {
        space = true;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length);
      } else if (space) {
        out.append(' ');
      }
      space = false;
      out.append(c);
    }
    return out == null ? "" : out.toString();
  }
}
