package dev.orbweaver.extract.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes of an HTML document to text, choosing the encoding the way browsers do: a byte order mark
 * first, then the transport's hint (the HTTP {@code Content-Type} charset, found by libs/fetch),
 * then a {@code <meta charset>} or {@code http-equiv} declaration near the top, then UTF-8 when the
 * bytes are valid UTF-8 and windows-1252 otherwise.
 */
public final class HtmlDecoder {
  /** Browsers look this far for a meta declaration; some CMSs put it after long comments. */
  private static final int PRESCAN_BYTES = 4096;

  private static final Pattern META_TAG =
      Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CHARSET_ATTRIBUTE =
      Pattern.compile("charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:\\-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private HtmlDecoder() {}

  /** The decoded document and the encoding that was used. */
  public record Decoded(String html, Charset charset) {}

  /** Decodes {@code body}; {@code charsetHint} may be null, blank or a label Java does not know. */
  public static Decoded decode(byte[] body, String charsetHint) {
    Charset fromBom = byteOrderMark(body);
    if (fromBom != null) {
      int skip = fromBom == StandardCharsets.UTF_8 ? 3 : 2;
      return new Decoded(new String(body, skip, body.length - skip, fromBom), fromBom);
    }
    Charset charset = lookup(charsetHint);
    if (charset == null) {
      charset = declaredInMeta(body);
    }
    if (charset != null) {
      return new Decoded(new String(body, charset), charset);
    }
    String utf8 = strictUtf8(body);
    return utf8 != null
        ? new Decoded(utf8, StandardCharsets.UTF_8)
        : new Decoded(new String(body, WINDOWS_1252), WINDOWS_1252);
  }

  /**
   * The Java charset for an encoding label, following the WHATWG rule that ISO-8859-1 and ASCII
   * mean windows-1252 (pages that say latin-1 use its extra characters, such as curly quotes).
   */
  public static Charset lookup(String label) {
    if (label == null) {
      return null;
    }
    String name = label.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return null;
    }
    switch (name) {
      case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252" -> {
        return WINDOWS_1252;
      }
      case "shift_jis", "x-sjis", "sjis", "shift-jis", "ms_kanji", "windows-31j" ->
          name = "windows-31j";
      case "euc-kr", "ks_c_5601-1987", "korean", "windows-949" -> name = "x-windows-949";
      case "gb2312", "gbk", "x-gbk" -> name = "gbk";
      default -> {}
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static Charset byteOrderMark(byte[] body) {
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static Charset declaredInMeta(byte[] body) {
    // Every encoding a page may declare is ASCII-compatible in its markup, so Latin-1 reads the
    // tags.
    String head =
        new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher tag = META_TAG.matcher(head);
    while (tag.find()) {
      Matcher charset = CHARSET_ATTRIBUTE.matcher(tag.group());
      if (charset.find()) {
        Charset declared = lookup(charset.group(1));
        if (declared != null) {
          // A document that could be read as ASCII to find the tag cannot be UTF-16.
          String name = declared.name();
          return name.startsWith("UTF-16") ? StandardCharsets.UTF_8 : declared;
        }
      }
    }
    return null;
  }

  private static String strictUtf8(byte[] body) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
