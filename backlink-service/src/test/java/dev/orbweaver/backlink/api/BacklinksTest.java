package dev.orbweaver.backlink.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.graph.testing.CrawlFiles;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class BacklinksTest {
  static CrawlFiles latest;
  static CrawlFiles older;
  static List<Integer> byInDegree;

  @BeforeAll
  static void readTheSourceFiles() throws Exception {
    latest = CrawlFiles.read(TestReleases.LATEST_SOURCE);
    older = CrawlFiles.read(TestReleases.OLDER_SOURCE);
    byInDegree = Api.byInDegree(latest);
  }

  private static JsonPath lookup(String body) {
    return Api.caller()
        .body(body)
        .post("/api/v1/backlinks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void theMostLinkedDomainIsAnsweredInAuthorityOrderAsTheEdgeFileSays() {
    int target = byInDegree.get(0);
    String domain = latest.domain(target);
    JsonPath answer = lookup("{\"domain\": \"" + domain + "\"}");

    List<Integer> expected = latest.linkingSorted(target, latest.authorityOrder());
    assertThat(expected.size()).isGreaterThan(300);
    assertThat(answer.getString("domain")).isEqualTo(domain);
    assertThat(answer.getString("release_id")).isEqualTo(TestReleases.LATEST);
    assertThat(answer.getString("release_label")).isEqualTo("Apr 2026");
    assertThat(answer.getInt("total_linking_domains")).isEqualTo(expected.size());
    assertThat(answer.getInt("returned")).isEqualTo(expected.size());
    assertThat(answer.getList("results")).isEqualTo(Api.linkingDomains(latest, expected));
  }

  @Test
  void hostsOrderIsNumHostsDescending() {
    for (int target : byInDegree.subList(0, 5)) {
      JsonPath answer =
          lookup(
              "{\"domain\": \""
                  + latest.domain(target)
                  + "\", \"sort\": \"hosts\", \"limit\": 60}");
      List<Integer> expected = latest.linkingSorted(target, latest.hostsOrder());
      assertThat(answer.getInt("total_linking_domains")).isEqualTo(expected.size());
      assertThat(answer.getList("results"))
          .isEqualTo(
              Api.linkingDomains(latest, expected.subList(0, Math.min(60, expected.size()))));
    }
  }

  @Test
  void limitsCutTheRankedListAndTotalsStayWhole() {
    int target = byInDegree.get(3);
    List<Integer> expected = latest.linkingSorted(target, latest.authorityOrder());
    for (int limit : new int[] {1, 7, expected.size() + 5}) {
      JsonPath answer =
          lookup("{\"domain\": \"" + latest.domain(target) + "\", \"limit\": " + limit + "}");
      List<Integer> first = expected.subList(0, Math.min(limit, expected.size()));
      assertThat(answer.getInt("total_linking_domains")).isEqualTo(expected.size());
      assertThat(answer.getInt("returned")).isEqualTo(first.size());
      assertThat(answer.getList("results")).isEqualTo(Api.linkingDomains(latest, first));
    }
  }

  @Test
  void everySampledDomainsTotalIsItsInDegreeInBothOrders() {
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      int target = random.nextInt(latest.size());
      for (String sort : new String[] {"authority", "hosts"}) {
        JsonPath answer =
            lookup(
                "{\"domain\": \""
                    + latest.domain(target)
                    + "\", \"limit\": 25, \"sort\": \""
                    + sort
                    + "\"}");
        List<Integer> expected =
            latest.linkingSorted(
                target, sort.equals("hosts") ? latest.hostsOrder() : latest.authorityOrder());
        assertThat(answer.getInt("total_linking_domains"))
            .isEqualTo(latest.linking()[target].length);
        assertThat(answer.getList("results"))
            .isEqualTo(
                Api.linkingDomains(latest, expected.subList(0, Math.min(25, expected.size()))));
      }
    }
  }

  @Test
  void anOlderReleaseIsAnsweredFromItsOwnGraph() {
    int target = Api.byInDegree(older).get(1);
    JsonPath answer =
        lookup(
            "{\"domain\": \""
                + older.domain(target)
                + "\", \"release_id\": \""
                + TestReleases.OLDER
                + "\", \"limit\": 100}");
    List<Integer> expected = older.linkingSorted(target, older.authorityOrder());
    assertThat(answer.getString("release_id")).isEqualTo(TestReleases.OLDER);
    assertThat(answer.getString("release_label")).isEqualTo("Jan 2026");
    assertThat(answer.getInt("total_linking_domains")).isEqualTo(expected.size());
    assertThat(answer.getList("results"))
        .isEqualTo(Api.linkingDomains(older, expected.subList(0, Math.min(100, expected.size()))));
  }

  @Test
  void theDomainIsNormalizedBeforeTheLookup() {
    int target = byInDegree.get(2);
    String domain = latest.domain(target);
    JsonPath plain = lookup("{\"domain\": \"" + domain + "\", \"limit\": 20}");
    JsonPath shouted =
        lookup("{\"domain\": \"  WWW." + domain.toUpperCase() + ".\", \"limit\": 20}");
    assertThat(shouted.getString("domain")).isEqualTo(domain);
    assertThat(shouted.getList("results")).isEqualTo(plain.getList("results"));
  }

  @Test
  void aWellFormedDomainOutsideTheGraphHasNoLinkingDomains() {
    JsonPath answer = lookup("{\"domain\": \"no-such-domain-in-the-graph.example\"}");
    assertThat(answer.getInt("total_linking_domains")).isZero();
    assertThat(answer.getInt("returned")).isZero();
    assertThat(answer.getList("results")).isEmpty();
  }

  @Test
  void unrankedLinkingDomainsHaveNullAuthorityAndRank() {
    for (int target : byInDegree) {
      for (int from : latest.linking()[target]) {
        if (latest.authority(from) == null) {
          JsonPath answer =
              lookup("{\"domain\": \"" + latest.domain(target) + "\", \"limit\": 10000}");
          List<Map<String, Object>> results = answer.getList("results");
          Map<String, Object> unranked =
              results.stream()
                  .filter(r -> r.get("linking_domain").equals(latest.domain(from)))
                  .findFirst()
                  .orElseThrow();
          assertThat(unranked).containsEntry("cg_authority", null).containsEntry("cg_rank", null);
          // Unranked domains come last in authority order.
          assertThat(results.getLast().get("cg_authority")).isNull();
          return;
        }
      }
    }
    throw new AssertionError("the generated release has no unranked linking domain");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"domain\": \"\"}",
        "{\"domain\": \"not a domain!\"}",
        "{\"domain\": \"https://example.com/\"}",
        "{\"domain\": \"example.com\", \"release_id\": \"CC-MAIN-1999-01\"}",
        "{\"domain\": \"example.com\", \"limit\": 0}",
        "{\"domain\": \"example.com\", \"limit\": 10001}",
        "{\"domain\": \"example.com\", \"limit\": \"many\"}",
        "{\"domain\": \"example.com\", \"sort\": \"newest\"}",
        "{\"domain\": [\"example.com\"]}",
        "not json"
      })
  void badInputIsA400InTheCrawlGraphEnvelope(String body) {
    Api.caller()
        .body(body)
        .post("/api/v1/backlinks")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", equalTo("validation_error"))
        .body("message", not(emptyString()))
        .body("request_id", startsWith("req_"));
  }

  @Test
  void theLimitCapIsTenThousand() {
    Api.caller()
        .body("{\"domain\": \"example.com\", \"limit\": 10000}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(200);
  }

  @Test
  void withoutATokenItIs401() {
    RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{\"domain\": \"example.com\"}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_missing"));
  }
}
