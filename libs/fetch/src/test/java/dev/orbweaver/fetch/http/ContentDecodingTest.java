package dev.orbweaver.fetch.http;

import static dev.orbweaver.fetch.fixture.FixtureServer.readResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {

  @Test
  void undoesStackedCodingsFromTheLast() throws IOException {
    byte[] html = readResource("site/article.html");
    byte[] brThenGzip = gzip(readResource("site/article.html.br"));

    ContentDecoding.Body body = ContentDecoding.decode(brThenGzip, "br, gzip", 1 << 20, false);

    assertThat(body.bytes()).isEqualTo(html);
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void passesUnknownCodingsThrough() throws IOException {
    byte[] raw = "plain".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(ContentDecoding.decode(raw, "identity, x-unknown", 100, false).bytes())
        .isEqualTo(raw);
  }

  @Test
  void truncatesADecodedBodyAtTheLimitWhenAsked() throws IOException {
    byte[] html = readResource("site/article.html");

    ContentDecoding.Body body =
        ContentDecoding.decode(readResource("site/article.html.gz"), "gzip", 100, true);

    assertThat(body.truncated()).isTrue();
    assertThat(body.bytes()).isEqualTo(java.util.Arrays.copyOf(html, 100));
  }

  @Test
  void reportsABrokenBrotliStreamAsADecodingFailure() {
    byte[] broken = java.util.Arrays.copyOf(readResource("site/article.html.br"), 40);

    assertThatThrownBy(() -> ContentDecoding.decode(broken, "br", 1 << 20, false))
        .isInstanceOf(ContentDecoding.DecodingException.class);
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() throws IOException {
    byte[] exact = new byte[256];

    ContentDecoding.Body body = ContentDecoding.decode(exact, null, 256, true);

    assertThat(body.truncated()).isFalse();
    assertThat(body.bytes()).hasSize(256);
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
