package dev.orbweaver.fetch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchResultTest {

  @Test
  void textLeavesOutTheNulBytesAPageCarries() {
    byte[] body = "<p>Tea\0 and\0\0 cake</p>".getBytes(StandardCharsets.UTF_8);

    assertThat(result(body).text()).isEqualTo("<p>Tea and cake</p>");
  }

  @Test
  void textWithoutNulIsTheDecodedBodyAsItIs() {
    byte[] body = "\uFEFF<p>Caf\u00e9</p>".getBytes(StandardCharsets.UTF_8);

    assertThat(result(body).text()).isEqualTo("<p>Caf\u00e9</p>");
  }

  private static FetchResult result(byte[] body) {
    return new FetchResult(
        "http://example.test/",
        "http://example.test/",
        List.of(),
        200,
        Map.of(),
        body,
        false,
        "text/html",
        StandardCharsets.UTF_8,
        CharsetSource.HEADER,
        null,
        new FetchTiming(Duration.ZERO, Duration.ZERO));
  }
}
