package dev.orbweaver.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class McpSessionOwnersTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
  private final McpSessionOwners owners = new McpSessionOwners(clock, Duration.ofMinutes(30));

  @Test
  void aSessionBelongsToTheKeyThatOpenedIt() {
    owners.opened("s1", "key_a");

    assertThat(owners.ownedBy("s1", "key_a")).isTrue();
    assertThat(owners.ownedBy("s1", "key_b")).isFalse();
    assertThat(owners.ownedBy("unknown", "key_a")).isFalse();
  }

  @Test
  void useKeepsASessionAndIdlenessEndsIt() {
    owners.opened("s1", "key_a");
    clock.advance(Duration.ofMinutes(29));
    assertThat(owners.ownedBy("s1", "key_a")).isTrue();
    clock.advance(Duration.ofMinutes(29));
    assertThat(owners.ownedBy("s1", "key_a")).isTrue();

    clock.advance(Duration.ofMinutes(30));
    assertThat(owners.ownedBy("s1", "key_a")).isFalse();
  }

  @Test
  void aLegacySessionBelongsToTheFirstKeyThatUsesIt() {
    assertThat(owners.claimedBy("legacy", "key_a")).isTrue();
    assertThat(owners.claimedBy("legacy", "key_b")).isFalse();
    assertThat(owners.claimedBy("legacy", "key_a")).isTrue();
  }

  @Test
  void anEndedSessionIsForgotten() {
    owners.opened("s1", "key_a");
    owners.closed("s1");
    assertThat(owners.ownedBy("s1", "key_a")).isFalse();
  }
}
