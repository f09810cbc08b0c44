package dev.orbweaver.backlink.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.graph.testing.CrawlFiles;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class ChangesTest {
  static CrawlFiles older;
  static CrawlFiles latest;
  static Map<String, Integer> olderIds;

  @BeforeAll
  static void readTheSourceFiles() throws Exception {
    older = CrawlFiles.read(TestReleases.OLDER_SOURCE);
    latest = CrawlFiles.read(TestReleases.LATEST_SOURCE);
    olderIds = new HashMap<>();
    for (int v = 0; v < older.size(); v++) {
      olderIds.put(older.domain(v), v);
    }
  }

  private static JsonPath changes(String query) {
    String path = query.isEmpty() ? "/api/v1/changes" : "/api/v1/changes?" + query;
    return Api.caller().get(path).then().statusCode(200).extract().jsonPath();
  }

  /** The diff computed from names: ids differ between the two releases. */
  private static void assertDiff(String domain, JsonPath answer, int limit) {
    int now =
        IntStream.range(0, latest.size())
            .filter(v -> latest.domain(v).equals(domain))
            .findFirst()
            .orElse(-1);
    Integer before = olderIds.get(domain);
    Set<String> wasLinking =
        before == null
            ? Set.of()
            : IntStream.of(older.linking()[before])
                .mapToObj(older::domain)
                .collect(Collectors.toSet());
    Set<String> isLinking =
        now < 0
            ? Set.of()
            : IntStream.of(latest.linking()[now])
                .mapToObj(latest::domain)
                .collect(Collectors.toSet());
    List<Integer> added =
        now < 0
            ? List.of()
            : latest.linkingSorted(now, latest.authorityOrder()).stream()
                .filter(v -> !wasLinking.contains(latest.domain(v)))
                .toList();
    List<Integer> lost =
        before == null
            ? List.of()
            : older.linkingSorted(before, older.authorityOrder()).stream()
                .filter(v -> !isLinking.contains(older.domain(v)))
                .toList();
    assertThat(answer.getBoolean("comparison_available")).isTrue();
    assertThat(answer.getString("domain")).isEqualTo(domain);
    assertThat(answer.getString("from_release")).isEqualTo(TestReleases.OLDER);
    assertThat(answer.getString("from_label")).isEqualTo("Jan 2026");
    assertThat(answer.getString("to_release")).isEqualTo(TestReleases.LATEST);
    assertThat(answer.getInt("linking_domains_before")).isEqualTo(wasLinking.size());
    assertThat(answer.getInt("linking_domains_after")).isEqualTo(isLinking.size());
    assertThat(answer.getInt("total_added")).isEqualTo(added.size());
    assertThat(answer.getInt("total_lost")).isEqualTo(lost.size());
    assertThat(answer.getList("added"))
        .isEqualTo(Api.linkingDomains(latest, added.subList(0, Math.min(limit, added.size()))));
    assertThat(answer.getList("lost"))
        .isEqualTo(Api.linkingDomains(older, lost.subList(0, Math.min(limit, lost.size()))));
  }

  @Test
  void theDiffOfTheMostLinkedDomainsEqualsTheDiffOfTheEdgeFiles() {
    List<Integer> top = Api.byInDegree(latest);
    for (int v : top.subList(0, 6)) {
      String domain = latest.domain(v);
      JsonPath answer = changes("domain=" + domain);
      assertThat(answer.getInt("total_added") + answer.getInt("total_lost")).isPositive();
      assertDiff(domain, answer, 1000);
    }
  }

  @Test
  void namingBothReleasesAndALimitGivesTheSameDiffCut() {
    String domain = latest.domain(Api.byInDegree(latest).get(1));
    JsonPath answer =
        changes(
            "domain="
                + domain
                + "&from="
                + TestReleases.OLDER
                + "&to="
                + TestReleases.LATEST
                + "&limit=5");
    assertDiff(domain, answer, 5);
  }

  @Test
  void aDomainNewThisQuarterGainedAllItsLinkingDomains() {
    for (int v : Api.byInDegree(latest)) {
      String domain = latest.domain(v);
      if (!olderIds.containsKey(domain) && latest.linking()[v].length > 0) {
        JsonPath answer = changes("domain=" + domain);
        assertThat(answer.getInt("linking_domains_before")).isZero();
        assertThat(answer.getInt("total_added")).isEqualTo(latest.linking()[v].length);
        assertDiff(domain, answer, 1000);
        return;
      }
    }
    throw new AssertionError("the second quarter has no new domain with links");
  }

  @Test
  void withoutADomainItSaysWhatItWouldCompare() {
    JsonPath answer = changes("");
    assertThat(answer.getBoolean("comparison_available")).isTrue();
    assertThat(answer.getString("from_release")).isEqualTo(TestReleases.OLDER);
    assertThat(answer.getString("to_release")).isEqualTo(TestReleases.LATEST);
    assertThat(answer.getMap("")).doesNotContainKey("added");
  }

  @Test
  void withNothingOlderThanToItAnswersTheDocumentsStub() {
    Api.caller()
        .get("/api/v1/changes?domain=example.com&to=" + TestReleases.OLDER)
        .then()
        .statusCode(200)
        .body("comparison_available", equalTo(false))
        .body("current_release", equalTo(TestReleases.OLDER))
        .body("next_available_after", equalTo(null))
        .body("next_available_estimate", equalTo(TestReleases.OLDER_DATE.plusDays(91).toString()))
        .body(
            "message",
            equalTo(
                "first delta will be available after the next quarterly Common Crawl release"
                    + " ingests"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "domain=not%20a%20domain",
        "domain=example.com&from=CC-NOPE",
        "domain=example.com&to=CC-NOPE",
        "domain=example.com&from=" + TestReleases.LATEST + "&to=" + TestReleases.LATEST,
        "domain=example.com&from=" + TestReleases.LATEST + "&to=" + TestReleases.OLDER,
        "domain=example.com&limit=0",
        "domain=example.com&limit=10001",
        "domain=example.com&limit=lots"
      })
  void badInputIsA400InTheCrawlGraphEnvelope(String query) {
    Api.caller()
        .get("/api/v1/changes?" + query)
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
  }
}
