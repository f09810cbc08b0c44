package dev.orbweaver.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.common.error.Dialect;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final List<QuotaCounter> COUNTERS =
      List.of(
          new QuotaCounter("backlinks", 1000L, 997L, 1_798_761_600L),
          new QuotaCounter("gap", 50L, 50L, 1_798_761_600L),
          new QuotaCounter("scrape", null, null, 1_798_761_600L),
          new QuotaCounter("batch_scrape", 20L, 3L, 1_798_761_600L));

  @Test
  void crawlGraphRoutesCarryBacklinksAndGapAsTheDocumentNamesThem() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    RateLimitHeaders.add(headers, Dialect.CRAWLGRAPH, Optional.empty(), COUNTERS);
    assertThat(headers.get("X-RateLimit-Limit-Backlinks")).isEqualTo("1000");
    assertThat(headers.get("X-RateLimit-Remaining-Backlinks")).isEqualTo("997");
    assertThat(headers.get("X-RateLimit-Limit-Gap")).isEqualTo("50");
    assertThat(headers.get("X-RateLimit-Remaining-Gap")).isEqualTo("50");
    assertThat(headers.get("X-RateLimit-Reset")).isEqualTo("1798761600");
    assertThat(headers.names()).hasSize(5);
  }

  @Test
  void otherRoutesCarryTheirOwnResourceAndNothingForUnlimited() {
    MultiMap batch = MultiMap.caseInsensitiveMultiMap();
    RateLimitHeaders.add(batch, Dialect.FIRECRAWL, Optional.of("batch_scrape"), COUNTERS);
    assertThat(batch.get("X-RateLimit-Limit-Batch-Scrape")).isEqualTo("20");
    assertThat(batch.get("X-RateLimit-Remaining-Batch-Scrape")).isEqualTo("3");

    MultiMap scrape = MultiMap.caseInsensitiveMultiMap();
    RateLimitHeaders.add(scrape, Dialect.FIRECRAWL, Optional.of("scrape"), COUNTERS);
    assertThat(scrape.names()).containsExactly("X-RateLimit-Reset");
  }
}
