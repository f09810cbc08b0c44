package dev.orbweaver.graph.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DomainNameTest {

  @Test
  void normalizesCaseTrailingDotWwwAndUnicode() {
    assertThat(DomainName.parse(" Example.COM. ").name()).isEqualTo("example.com");
    assertThat(DomainName.parse("www.example.com").name()).isEqualTo("example.com");
    assertThat(DomainName.parse("WWW.Example.co.uk").name()).isEqualTo("example.co.uk");
    assertThat(DomainName.parse("bücher.de").name()).isEqualTo("xn--bcher-kva.de");
    assertThat(DomainName.parse("www.com").name()).isEqualTo("www.com");
  }

  @Test
  void refusesWhatIsNotADomain() {
    for (String bad :
        new String[] {
          "", " ", "localhost", "https://example.com", "example.com/path", "exa mple.com",
          "-example.com", "example..com", "example.com:80", "example.c0m", "a_b.com",
              "*.example.com"
        }) {
      assertThatThrownBy(() -> DomainName.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void reversesLikeCommonCrawl() {
    DomainName domain = DomainName.parse("blog.example.co.uk");
    assertThat(domain.reversed()).isEqualTo("uk.co.example.blog");
    assertThat(DomainName.fromReversed("uk.co.example.blog")).isEqualTo(domain);
    assertThat(domain.tld()).isEqualTo("uk");
    for (String name : new String[] {"uk.co.example.blog", "com.example", "localhost", "a.b"}) {
      assertThat(DomainName.flip(name.getBytes(StandardCharsets.US_ASCII)))
          .isEqualTo(DomainName.flip(name));
    }
  }

  @Test
  void authorityIsALogRankPercentile() {
    assertThat(Authority.of(1, 1_000_000)).isEqualTo(100);
    assertThat(Authority.of(1_000, 1_000_000)).isEqualTo(50);
    assertThat(Authority.of(1_000_000, 1_000_000)).isZero();
    assertThat(Authority.of(0, 1_000_000)).isEqualTo(Authority.NONE);
  }
}
