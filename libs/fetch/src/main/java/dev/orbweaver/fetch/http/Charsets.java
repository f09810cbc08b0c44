package dev.orbweaver.fetch.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Character-encoding detection the way browsers do it (WHATWG "encoding sniffing"): byte-order
 * mark, then the Content-Type charset, then a prescan of the first 1024 bytes for a meta charset
 * (HTML) or an XML declaration, then a default. Labels are read as browsers read them: "iso-8859-1"
 * and "us-ascii" mean windows-1252, which is what such pages are really written in.
 */
public final class Charsets {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final Map<String, String> LABEL_ALIASES =
      Map.ofEntries(
          Map.entry("iso-8859-1", "windows-1252"),
          Map.entry("iso8859-1", "windows-1252"),
          Map.entry("iso_8859-1", "windows-1252"),
          Map.entry("latin1", "windows-1252"),
          Map.entry("l1", "windows-1252"),
          Map.entry("us-ascii", "windows-1252"),
          Map.entry("ascii", "windows-1252"),
          Map.entry("cp1252", "windows-1252"),
          Map.entry("cp819", "windows-1252"),
          Map.entry("x-cp1252", "windows-1252"),
          Map.entry("iso-8859-9", "windows-1254"),
          Map.entry("latin5", "windows-1254"),
          Map.entry("iso-8859-11", "x-windows-874"),
          Map.entry("tis-620", "x-windows-874"),
          Map.entry("windows-874", "x-windows-874"),
          Map.entry("shift_jis", "windows-31j"),
          Map.entry("sjis", "windows-31j"),
          Map.entry("x-sjis", "windows-31j"),
          Map.entry("ms_kanji", "windows-31j"),
          Map.entry("gb2312", "GBK"),
          Map.entry("x-gbk", "GBK"),
          Map.entry("euc-kr", "x-windows-949"),
          Map.entry("ks_c_5601-1987", "x-windows-949"),
          Map.entry("big5", "Big5-HKSCS"),
          Map.entry("iso-8859-8-i", "ISO-8859-8"),
          Map.entry("utf8", "UTF-8"),
          Map.entry("unicode-1-1-utf-8", "UTF-8"));

  private static final Pattern META = Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?\\s*([-\\w.:]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTTP_EQUIV_CONTENT_TYPE =
      Pattern.compile("http-equiv\\s*=\\s*[\"']?\\s*content-type", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET_ATTRIBUTE =
      Pattern.compile("\\scharset\\s*=\\s*[\"']?\\s*([-\\w.:]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern XML_DECLARATION =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([-\\w.:]+)[\"']");
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

  private Charsets() {}

  /**
   * The encoding of a body.
   *
   * @param body the decoded body bytes
   * @param contentType the Content-Type header value, or null
   * @param mediaType the body's media type (header or sniffed), for choosing HTML or XML prescans
   */
  public static DetectedCharset detect(byte[] body, String contentType, String mediaType) {
    Optional<Charset> bom = fromBom(body);
    if (bom.isPresent()) {
      return new DetectedCharset(bom.get(), CharsetSource.BOM);
    }
    Optional<Charset> header = headerCharset(contentType).flatMap(Charsets::forLabel);
    if (header.isPresent()) {
      return new DetectedCharset(header.get(), CharsetSource.HEADER);
    }
    String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1);
    if (mediaType != null && mediaType.contains("xml")) {
      Optional<Charset> declared = xmlDeclaration(head);
      if (declared.isPresent()) {
        return new DetectedCharset(declared.get(), CharsetSource.XML_DECLARATION);
      }
    }
    if (mediaType == null
        || mediaType.equals("text/html")
        || mediaType.equals("application/xhtml+xml")) {
      Optional<Charset> meta = metaCharset(head);
      if (meta.isPresent()) {
        return new DetectedCharset(meta.get(), CharsetSource.META);
      }
    }
    return new DetectedCharset(
        isUtf8(body) ? StandardCharsets.UTF_8 : WINDOWS_1252, CharsetSource.DEFAULT);
  }

  /** The charset a label names, the browsers' way; empty for unknown labels. */
  public static Optional<Charset> forLabel(String label) {
    String key = label.strip().toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String name = LABEL_ALIASES.getOrDefault(key, key);
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Decodes text, dropping a leading byte-order mark that matches the charset. */
  public static String decode(byte[] body, Charset charset) {
    int skip = 0;
    if (charset.equals(StandardCharsets.UTF_8) && startsWith(body, 0xEF, 0xBB, 0xBF)) {
      skip = 3;
    } else if ((charset.equals(StandardCharsets.UTF_16LE) && startsWith(body, 0xFF, 0xFE))
        || (charset.equals(StandardCharsets.UTF_16BE) && startsWith(body, 0xFE, 0xFF))) {
      skip = 2;
    }
    return new String(body, skip, body.length - skip, charset);
  }

  static Optional<String> headerCharset(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    for (String parameter : contentType.split(";")) {
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String value = parameter.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static Optional<Charset> metaCharset(String head) {
    String text = COMMENT.matcher(head).replaceAll("");
    Matcher meta = META.matcher(text);
    while (meta.find()) {
      String tag = meta.group();
      Matcher direct = META_CHARSET_ATTRIBUTE.matcher(tag);
      String label = null;
      if (direct.find()) {
        label = direct.group(1);
      } else if (HTTP_EQUIV_CONTENT_TYPE.matcher(tag).find()) {
        Matcher inContent = META_CHARSET.matcher(tag);
        if (inContent.find()) {
          label = inContent.group(1);
        }
      }
      if (label != null) {
        Optional<Charset> charset = forLabel(label);
        if (charset.isPresent()) {
          // A page that claims UTF-16 in ASCII-compatible bytes is UTF-8 (WHATWG prescan rule).
          Charset c = charset.get();
          if (c.name().startsWith("UTF-16")) {
            return Optional.of(StandardCharsets.UTF_8);
          }
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Charset> xmlDeclaration(String head) {
    Matcher m = XML_DECLARATION.matcher(head);
    return m.find() ? forLabel(m.group(1)) : Optional.empty();
  }

  private static Optional<Charset> fromBom(byte[] body) {
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (startsWith(body, 0xFE, 0xFF)) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (startsWith(body, 0xFF, 0xFE)) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] body, int... prefix) {
    if (body.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((body[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
