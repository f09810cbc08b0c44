package dev.orbweaver.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which addresses share one burst count. */
class BurstBucketTest {

  @Test
  void anIpv4AddressIsItsOwnBucket() {
    assertThat(BurstLimiter.bucket("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(BurstLimiter.bucket("198.51.100.8"))
        .isNotEqualTo(BurstLimiter.bucket("198.51.100.7"));
  }

  @Test
  void anIpv6SlashSixtyFourIsOneBucketHoweverItsAddressesAreWritten() {
    String bucket = BurstLimiter.bucket("2001:db8:1:2::1");
    assertThat(bucket).isEqualTo("2001:db8:1:2::/64");
    assertThat(BurstLimiter.bucket("2001:0db8:0001:0002:ffff:ffff:ffff:fffe")).isEqualTo(bucket);
    assertThat(BurstLimiter.bucket("2001:DB8:1:2:a::9")).isEqualTo(bucket);
    assertThat(BurstLimiter.bucket("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
  }

  @Test
  void anIpv4MappedAddressCountsAsItsIpv4Address() {
    assertThat(BurstLimiter.bucket("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(BurstLimiter.bucket("::ffff:c633:6407")).isEqualTo("198.51.100.7");
  }

  @Test
  void whatIsNoIpLiteralIsCountedAsWrittenAndNeverLookedUp() {
    assertThat(BurstLimiter.bucket("unknown")).isEqualTo("unknown");
    assertThat(BurstLimiter.bucket("localhost")).isEqualTo("localhost");
    assertThat(BurstLimiter.bucket("evil:host")).isEqualTo("evil:host");
    assertThat(BurstLimiter.bucket("1.2.3")).isEqualTo("1.2.3");
    assertThat(BurstLimiter.bucket("999.1.1.1")).isEqualTo("999.1.1.1");
    assertThat(BurstLimiter.bucket("f:g::1")).isEqualTo("f:g::1");
  }
}
