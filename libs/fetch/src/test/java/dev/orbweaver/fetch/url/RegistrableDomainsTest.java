package dev.orbweaver.fetch.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrableDomainsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "www.example.com, example.com",
    "example.com, example.com",
    "a.b.c.example.com, example.com",
    "WWW.Example.COM., example.com",
    "www.bbc.co.uk, bbc.co.uk",
    "news.bbc.co.uk, bbc.co.uk",
    "shop.example.com.au, example.com.au",
    "myblog.blogspot.com, myblog.blogspot.com",
    "user.github.io, user.github.io",
    "www.b\u00fccher.de, xn--bcher-kva.de",
    "127.0.0.1, 127.0.0.1",
  })
  void findsTheRegistrableDomain(String host, String expected) {
    assertThat(RegistrableDomains.of(host)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"co.uk", "com", "", "localhost"})
  void hasNoneForPublicSuffixesAndUnknownNames(String host) {
    assertThat(RegistrableDomains.of(host)).isEmpty();
  }

  @Test
  void tellsWhetherTwoHostsAreOneSite() {
    assertThat(RegistrableDomains.sameSite("blog.example.com", "www.example.com")).isTrue();
    assertThat(RegistrableDomains.sameSite("a.blogspot.com", "b.blogspot.com")).isFalse();
    assertThat(RegistrableDomains.sameSite("example.com", "example.org")).isFalse();
  }
}
