package dev.orbweaver.fetch.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

  private final UrlNormalizer normalizer = new UrlNormalizer();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "HTTP://Example.COM/Path, http://example.com/Path",
    "http://example.com:80/, http://example.com/",
    "https://example.com:443/a, https://example.com/a",
    "https://example.com:8443/a, https://example.com:8443/a",
    "http://example.com, http://example.com/",
    "http://example.com/a#section, http://example.com/a",
    "http://example.com/a/./b/../c, http://example.com/a/c",
    "http://example.com/%7Euser/, http://example.com/~user/",
    "http://example.com/a%2fb, http://example.com/a%2Fb",
    "http://example.com/caf\u00e9, http://example.com/caf%C3%A9",
    "http://b\u00fccher.example/, http://xn--bcher-kva.example/",
    "http://0x7f.1/a, http://127.0.0.1/a",
    "http://example.com/?b=2&a=1, http://example.com/?a=1&b=2",
  })
  void writesOneSpellingPerUrl(String url, String expected) {
    assertThat(normalizer.normalize(url)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not a url",
        "ftp://example.com/",
        "mailto:a@example.com",
        "http://1.2.3.256/"
      })
  void refusesWhatIsNoHttpUrl(String url) {
    assertThat(normalizer.normalize(url)).isEmpty();
  }
}
