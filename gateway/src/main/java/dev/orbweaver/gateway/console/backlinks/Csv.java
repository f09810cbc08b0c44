package dev.orbweaver.gateway.console.backlinks;

/** RFC 4180 fields, and no cell a spreadsheet would take for a formula. */
final class Csv {
  private Csv() {}

  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
