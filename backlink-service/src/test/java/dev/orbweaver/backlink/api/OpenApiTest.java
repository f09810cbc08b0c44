package dev.orbweaver.backlink.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.testing.ManagementInterface;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class OpenApiTest {

  @Test
  void describesEveryCrawlGraphEndpointWithItsFields() {
    JsonPath doc =
        ManagementInterface.given()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    assertThat(paths.get("/api/v1/backlinks")).containsKey("post");
    assertThat(paths.get("/api/v1/releases")).containsKey("get");
    assertThat(paths.get("/api/v1/gap-analysis")).containsKey("post");
    assertThat(paths.get("/api/v1/gap-analysis/{job_id}")).containsKey("get");
    assertThat(paths.get("/api/v1/changes")).containsKey("get");
    assertThat(paths.get("/api/v1/outreach-targets")).containsKey("post");

    assertThat(doc.getMap("components.schemas.BacklinksRequest.properties"))
        .containsOnlyKeys("domain", "release_id", "limit", "sort");
    assertThat(doc.getMap("components.schemas.BacklinksResponse.properties"))
        .containsOnlyKeys(
            "domain",
            "release_id",
            "release_label",
            "total_linking_domains",
            "returned",
            "results");
    assertThat(doc.getMap("components.schemas.LinkingDomain.properties"))
        .containsOnlyKeys("linking_domain", "num_hosts", "tld", "cg_authority", "cg_rank");
    assertThat(doc.getMap("components.schemas.GapAnalysisSubmitted.properties"))
        .containsOnlyKeys("job_id", "status", "poll_url");
    assertThat(doc.getString("paths.'/api/v1/gap-analysis'.post.responses.'202'.description"))
        .isEqualTo("Queued");
    assertThat(
            doc.getMap(
                "paths.'/api/v1/backlinks'.post.requestBody.content.'application/json'.examples"))
        .isNotEmpty();
  }
}
