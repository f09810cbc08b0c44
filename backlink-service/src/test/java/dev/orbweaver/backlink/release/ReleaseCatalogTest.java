package dev.orbweaver.backlink.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.graph.store.StoreLayout;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class ReleaseCatalogTest {
  @Inject ReleaseCatalog catalog;

  private static List<Map<String, Object>> releases() {
    return Api.caller()
        .get("/api/v1/releases")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("releases");
  }

  @Test
  void aReleaseAnotherProcessCommittedIsServedAfterTheNextScan() throws Exception {
    TestReleases.ingest(
        "CC-TEST-2020-01", "Jan 2020", LocalDate.of(2020, 1, 15), TestReleases.OLDER_SOURCE);
    catalog.refresh();
    List<Map<String, Object>> releases = releases();
    assertThat(releases)
        .contains(Map.of("id", "CC-TEST-2020-01", "label", "Jan 2020", "available", true));
    // Newest first: the 2020 release comes after both 2026 quarters.
    assertThat(
            releases.indexOf(
                Map.of("id", "CC-TEST-2020-01", "label", "Jan 2020", "available", true)))
        .isGreaterThan(1);
    Api.caller()
        .body("{\"domain\": \"example.com\", \"release_id\": \"CC-TEST-2020-01\"}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(200)
        .body("release_label", equalTo("Jan 2020"));
  }

  @Test
  void aHalfWrittenIngestIsNeverListed() throws Exception {
    Path pending = TestReleases.STORE.resolve(StoreLayout.PENDING_PREFIX + "CC-TEST-2019-01-cafe");
    Files.createDirectories(pending);
    Files.writeString(pending.resolve("names.fc"), "partial");
    Files.copy(
        TestReleases.STORE.resolve(TestReleases.OLDER).resolve(StoreLayout.MANIFEST),
        pending.resolve(StoreLayout.MANIFEST + ".tmp"));
    catalog.refresh();
    assertThat(releases()).extracting(r -> r.get("id")).doesNotContain("CC-TEST-2019-01");
  }

  @Test
  void aReleaseWhoseFilesDoNotMatchItsManifestIsListedUnavailable() throws Exception {
    TestReleases.ingest(
        "CC-TEST-2019-07", "Jul 2019", LocalDate.of(2019, 7, 15), TestReleases.OLDER_SOURCE);
    Path names = TestReleases.STORE.resolve("CC-TEST-2019-07").resolve(StoreLayout.NAMES);
    Files.write(names, new byte[] {1, 2, 3});
    catalog.refresh();
    assertThat(releases())
        .contains(Map.of("id", "CC-TEST-2019-07", "label", "Jul 2019", "available", false));
    Api.caller()
        .body("{\"domain\": \"example.com\", \"release_id\": \"CC-TEST-2019-07\"}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
  }
}
