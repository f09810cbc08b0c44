package dev.orbweaver.fetch.http;

import java.util.Locale;

/** The media type of a body: from Content-Type, or sniffed from its first bytes when absent. */
public final class MediaTypes {

  private MediaTypes() {}

  /** The lower-cased {@code type/subtype} of a Content-Type value, or null when there is none. */
  public static String fromHeader(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.isEmpty() || type.indexOf('/') < 0 ? null : type.toLowerCase(Locale.ROOT);
  }

  /** A best guess from the body, for responses that do not say what they are. */
  public static String sniff(byte[] body) {
    if (body.length == 0) {
      return "application/octet-stream";
    }
    if (startsWith(body, "%PDF-")) {
      return "application/pdf";
    }
    if (body.length >= 4 && (body[0] & 0xFF) == 0x89 && startsWith(body, 1, "PNG")) {
      return "image/png";
    }
    if (startsWith(body, "GIF87a") || startsWith(body, "GIF89a")) {
      return "image/gif";
    }
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xFF
        && (body[1] & 0xFF) == 0xD8
        && (body[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    if (startsWith(body, "RIFF") && startsWith(body, 8, "WEBP")) {
      return "image/webp";
    }
    if (body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B) {
      return "application/gzip";
    }
    String head =
        new String(
                body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
            .replaceFirst("^\\xEF\\xBB\\xBF", "")
            .stripLeading()
            .toLowerCase(Locale.ROOT);
    if (head.startsWith("<?xml")) {
      return head.contains("<html") ? "application/xhtml+xml" : "application/xml";
    }
    for (String html :
        new String[] {
          "<!doctype html",
          "<html",
          "<head",
          "<body",
          "<!--",
          "<script",
          "<title",
          "<div",
          "<p>",
          "<meta"
        }) {
      if (head.startsWith(html)) {
        return "text/html";
      }
    }
    for (int i = 0; i < Math.min(body.length, 512); i++) {
      int b = body[i] & 0xFF;
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
        return "application/octet-stream";
      }
    }
    return "text/plain";
  }

  private static boolean startsWith(byte[] body, String ascii) {
    return startsWith(body, 0, ascii);
  }

  private static boolean startsWith(byte[] body, int offset, String ascii) {
    if (body.length < offset + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (body[offset + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
