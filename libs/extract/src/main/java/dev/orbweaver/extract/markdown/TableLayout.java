package dev.orbweaver.extract.markdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * A data table laid out on a grid: every cell at its column, spanned slots empty. Layout tables
 * (role="presentation", nested tables, one row or one column, cells holding lists or headings) have
 * no layout and are rendered as ordinary blocks.
 *
 * @param rows one array per row, {@code columns} long at most; null where a span covers the slot
 * @param owners like {@code rows}, but a covered slot holds the cell that spans it
 * @param headerRows how many leading rows are headers (0 for a key/value sheet)
 */
record TableLayout(
    Element caption, Element[][] rows, Element[][] owners, int columns, int headerRows) {
  private static final int MAX_SPAN = 64;

  static TableLayout of(Element table) {
    String role = table.attr("role");
    if (role.equalsIgnoreCase("presentation")
        || role.equalsIgnoreCase("none")
        || table.attr("datatable").equals("0")) {
      return null;
    }
    Element caption = null;
    List<Element> rows = new ArrayList<>();
    boolean header = table.hasAttr("summary");
    for (Element child : table.children()) {
      switch (child.normalName()) {
        case "caption" -> caption = child;
        case "tr" -> rows.add(child);
        case "thead", "tbody", "tfoot" -> {
          header |= child.normalName().equals("thead");
          for (Element row : child.children()) {
            if (row.normalName().equals("tr")) {
              rows.add(row);
            }
          }
        }
        default -> {}
      }
    }
    if (rows.size() < 2) {
      return null;
    }
    int maxCells = 0;
    for (Element row : rows) {
      int cells = 0;
      for (Element cell : row.children()) {
        String name = cell.normalName();
        if (name.equals("td") || name.equals("th")) {
          cells++;
          header |= name.equals("th");
          if (holdsBlocks(cell, 0)) {
            return null;
          }
        }
      }
      maxCells = Math.max(maxCells, cells);
    }
    if (maxCells < 2 && !(header && maxCells == 1)) {
      return null;
    }
    return grid(caption, rows, rowHeadersOnly(rows) ? 0 : headerRows(rows));
  }

  /** Rows of a thead, or leading rows of header cells only; at least the first row otherwise. */
  private static int headerRows(List<Element> rows) {
    int count = 0;
    for (Element row : rows) {
      boolean inHead = row.parent() != null && row.parent().normalName().equals("thead");
      boolean allHeaderCells = true;
      for (Element cell : row.children()) {
        if (cell.normalName().equals("td")) {
          allHeaderCells = false;
        }
      }
      if (!(inHead || allHeaderCells) || count == rows.size() - 1) {
        break;
      }
      count++;
    }
    return Math.max(1, count);
  }

  /**
   * A table whose only header cells start each row (a key/value sheet) has no header row: Markdown
   * then gets an empty one rather than promoting the first pair to column titles.
   */
  private static boolean rowHeadersOnly(List<Element> rows) {
    boolean sawHeaderCell = false;
    for (Element row : rows) {
      if (row.parent() != null && row.parent().normalName().equals("thead")) {
        return false;
      }
      boolean first = true;
      for (Element cell : row.children()) {
        String name = cell.normalName();
        if (name.equals("th")) {
          if (!first) {
            return false;
          }
          sawHeaderCell = true;
        }
        if (name.equals("td") || name.equals("th")) {
          first = false;
        }
      }
    }
    return sawHeaderCell;
  }

  private static TableLayout grid(Element caption, List<Element> rows, int headerRows) {
    int[] spanLeft = new int[8];
    Element[] spanOwner = new Element[8];
    Element[][] grid = new Element[rows.size()][];
    Element[][] owners = new Element[rows.size()][];
    int columns = 0;
    for (int r = 0; r < rows.size(); r++) {
      List<Element> slots = new ArrayList<>();
      List<Element> slotOwners = new ArrayList<>();
      int column = 0;
      for (Element cell : rows.get(r).children()) {
        String name = cell.normalName();
        if (!name.equals("td") && !name.equals("th")) {
          continue;
        }
        while (column < spanLeft.length && spanLeft[column] > 0) {
          spanLeft[column]--;
          slots.add(null);
          slotOwners.add(spanOwner[column]);
          column++;
        }
        int colspan = span(cell.attr("colspan"), 1);
        int rowspan = span(cell.attr("rowspan"), rows.size() - r);
        rowspan = Math.min(rowspan, rows.size() - r);
        if (column + colspan > spanLeft.length) {
          spanLeft = Arrays.copyOf(spanLeft, Math.max(spanLeft.length * 2, column + colspan));
          spanOwner = Arrays.copyOf(spanOwner, spanLeft.length);
        }
        slots.add(cell);
        slotOwners.add(cell);
        for (int k = 1; k < colspan; k++) {
          slots.add(null);
          slotOwners.add(cell);
        }
        for (int k = 0; k < colspan; k++) {
          spanLeft[column + k] = rowspan - 1;
          spanOwner[column + k] = cell;
        }
        column += colspan;
      }
      for (int c = column; c < spanLeft.length; c++) {
        if (spanLeft[c] > 0) {
          while (slots.size() < c) {
            slots.add(null);
            slotOwners.add(null);
          }
          spanLeft[c]--;
          slots.add(null);
          slotOwners.add(spanOwner[c]);
        }
      }
      grid[r] = slots.toArray(new Element[0]);
      owners[r] = slotOwners.toArray(new Element[0]);
      columns = Math.max(columns, grid[r].length);
    }
    return new TableLayout(caption, grid, owners, columns, headerRows);
  }

  private static int span(String value, int whenZero) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      return 1;
    }
    try {
      int span = Integer.parseInt(trimmed);
      if (span == 0) {
        return Math.max(1, whenZero);
      }
      return Math.max(1, Math.min(span, MAX_SPAN));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Whether a cell holds page structure (a layout table) rather than a value. */
  private static boolean holdsBlocks(Element element, int depth) {
    if (depth > 16) {
      return false;
    }
    for (int i = 0; i < element.childNodeSize(); i++) {
      if (!(element.childNode(i) instanceof Element child)) {
        continue;
      }
      switch (child.normalName()) {
        case "table",
            "ul",
            "ol",
            "dl",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "form",
            "hr",
            "section",
            "article",
            "nav",
            "header",
            "footer",
            "aside" -> {
          return true;
        }
        default -> {
          if (holdsBlocks(child, depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
