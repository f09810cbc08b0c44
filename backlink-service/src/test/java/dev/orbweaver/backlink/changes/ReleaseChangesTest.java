package dev.orbweaver.backlink.changes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseChangesTest {
  @Test
  void namesTheQuarterCommonCrawlPublishesNext() {
    assertThat(ReleaseChanges.nextId("cc-main-2026-jan-feb-mar"))
        .isEqualTo("cc-main-2026-apr-may-jun");
    assertThat(ReleaseChanges.nextId("cc-main-2025-oct-nov-dec"))
        .isEqualTo("cc-main-2026-jan-feb-mar");
    assertThat(ReleaseChanges.nextId("cc-main-2025-aug-sep-oct"))
        .isEqualTo("cc-main-2025-26-nov-dec-jan");
    assertThat(ReleaseChanges.nextId("cc-main-2024-25-nov-dec-jan"))
        .isEqualTo("cc-main-2025-feb-mar-apr");
    assertThat(ReleaseChanges.nextId("CC-MAIN-2026-jan-feb-mar"))
        .isEqualTo("CC-MAIN-2026-APR-MAY-JUN");
    assertThat(ReleaseChanges.nextId("CC-MAIN-2026-04")).isNull();
  }
}
