package dev.orbweaver.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The limiter against the real Redis: two limiter instances stand for two gateway replicas. */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class BurstLimiterTest {
  @Inject RedisAPI redis;

  @Test
  void replicasShareOneCountPerAddressAndMinute() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:15Z"), ZoneOffset.UTC);
    BurstLimiter first = new BurstLimiter(redis, clock, 3);
    BurstLimiter second = new BurstLimiter(redis, clock, 3);
    String client = "198.51.100." + UUID.randomUUID().hashCode();

    assertThat(admit(first, client).allowed()).isTrue();
    assertThat(admit(second, client).allowed()).isTrue();
    assertThat(admit(first, client).allowed()).isTrue();
    BurstLimiter.Decision fourth = admit(second, client);
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.retryAfter()).isEqualTo(45);

    assertThat(admit(first, client + "-other").allowed()).isTrue();
  }

  @Test
  void aNewMinuteStartsAFreshWindow() {
    String client = "198.51.100." + UUID.randomUUID().hashCode();
    BurstLimiter atStart =
        new BurstLimiter(
            redis, Clock.fixed(Instant.parse("2026-11-22T10:01:59Z"), ZoneOffset.UTC), 1);
    BurstLimiter nextMinute =
        new BurstLimiter(
            redis, Clock.fixed(Instant.parse("2026-11-22T10:02:00Z"), ZoneOffset.UTC), 1);
    assertThat(admit(atStart, client).allowed()).isTrue();
    assertThat(admit(atStart, client).allowed()).isFalse();
    assertThat(admit(nextMinute, client).allowed()).isTrue();
  }

  @Test
  void oneIpv6SlashSixtyFourSharesOneCount() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:03:15Z"), ZoneOffset.UTC);
    BurstLimiter limiter = new BurstLimiter(redis, clock, 2);
    int n = UUID.randomUUID().hashCode() & 0xFFFF;
    String network = "2001:db8:" + Integer.toHexString(n) + ":7:";

    assertThat(admit(limiter, network + ":1").allowed()).isTrue();
    assertThat(admit(limiter, network + "ffff:ffff:ffff:1").allowed()).isTrue();
    assertThat(admit(limiter, network + "abcd::42").allowed()).isFalse();
    assertThat(admit(limiter, "2001:db8:" + Integer.toHexString(n) + ":8::1").allowed()).isTrue();
  }

  private static BurstLimiter.Decision admit(BurstLimiter limiter, String client) {
    return limiter.admit(client).toCompletionStage().toCompletableFuture().join();
  }
}
