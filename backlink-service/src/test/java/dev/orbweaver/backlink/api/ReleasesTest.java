package dev.orbweaver.backlink.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class ReleasesTest {

  @Test
  void listsTheIngestedReleasesNewestFirst() {
    List<Map<String, Object>> releases =
        Api.caller()
            .get("/api/v1/releases")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("releases");
    assertThat(releases.subList(0, 2))
        .containsExactly(
            Map.of("id", TestReleases.LATEST, "label", "Apr 2026", "available", true),
            Map.of("id", TestReleases.OLDER, "label", "Jan 2026", "available", true));
  }
}
