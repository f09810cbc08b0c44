package dev.orbweaver.fetch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetsTest {

  @Test
  void readsAnXmlDeclaration() {
    byte[] xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><urlset/>"
            .getBytes(StandardCharsets.US_ASCII);

    DetectedCharset detected = Charsets.detect(xml, "application/xml", "application/xml");

    assertThat(detected)
        .isEqualTo(
            new DetectedCharset(Charset.forName("ISO-8859-15"), CharsetSource.XML_DECLARATION));
  }

  @Test
  void takesAMetaClaimOfUtf16AsUtf8() {
    byte[] html =
        "<html><head><meta charset=\"utf-16\"></head></html>".getBytes(StandardCharsets.US_ASCII);

    assertThat(Charsets.detect(html, "text/html", "text/html"))
        .isEqualTo(new DetectedCharset(StandardCharsets.UTF_8, CharsetSource.META));
  }

  @Test
  void ignoresUnknownLabelsAndFallsBackToTheBytes() {
    byte[] utf8 = "<p>Zürich</p>".getBytes(StandardCharsets.UTF_8);

    assertThat(Charsets.detect(utf8, "text/html; charset=x-no-such-charset", "text/html"))
        .isEqualTo(new DetectedCharset(StandardCharsets.UTF_8, CharsetSource.DEFAULT));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "iso-8859-1, windows-1252",
    "US-ASCII, windows-1252",
    "latin1, windows-1252",
    "shift_jis, windows-31j",
    "gb2312, GBK",
    "euc-kr, x-windows-949",
    "utf8, UTF-8",
    "koi8-r, KOI8-R",
  })
  void readsLabelsTheWayBrowsersDo(String label, String charset) {
    assertThat(Charsets.forLabel(label)).contains(Charset.forName(charset));
  }

  @Test
  void readsAQuotedHeaderCharset() {
    byte[] body = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

    DetectedCharset detected =
        Charsets.detect(body, "text/plain; charset=\"windows-1252\"", "text/plain");

    assertThat(detected.source()).isEqualTo(CharsetSource.HEADER);
    assertThat(Charsets.decode(body, detected.charset())).isEqualTo("café");
  }
}
