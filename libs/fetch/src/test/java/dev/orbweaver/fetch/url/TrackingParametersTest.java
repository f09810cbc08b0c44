package dev.orbweaver.fetch.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingParametersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://example.com/p?utm_source=news&utm_medium=mail&id=7, https://example.com/p?id=7",
    "https://example.com/p?id=7&gclid=abc&fbclid=def&msclkid=ghi, https://example.com/p?id=7",
    "https://example.com/p?mc_cid=1&mc_eid=2, https://example.com/p",
    "https://example.com/p?UTM_Campaign=x&q=silk+web, https://example.com/p?q=silk+web",
    "https://example.com/p?q=a%26b&_ga=1.2&page=2#top, https://example.com/p?q=a%26b&page=2#top",
    "https://example.com/p?utm%5Fsource=x&a=1, https://example.com/p?a=1",
    "https://example.com/p?futm_source=keep, https://example.com/p?futm_source=keep",
    "https://example.com/p, https://example.com/p",
    "https://example.com/p?, https://example.com/p",
  })
  void stripsOnlyTrackingParameters(String url, String expected) {
    assertThat(TrackingParameters.strip(url)).isEqualTo(expected);
  }
}
