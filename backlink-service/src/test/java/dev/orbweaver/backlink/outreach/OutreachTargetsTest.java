package dev.orbweaver.backlink.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.GapAlgebra;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.graph.testing.CrawlFiles;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class OutreachTargetsTest {
  static CrawlFiles latest;
  static List<Integer> byInDegree;

  @Inject DenyList denyList;
  Set<Integer> denied;

  @BeforeAll
  static void readTheSourceFiles() throws Exception {
    latest = CrawlFiles.read(TestReleases.LATEST_SOURCE);
    byInDegree = Api.byInDegree(latest);
  }

  /** Denied domains of the release, found by name: listed ones and everything below them. */
  @BeforeEach
  void resolveTheDenyList() {
    Set<String> names = new HashSet<>();
    denyList.domains().forEach(d -> names.add(d.name()));
    denied = new HashSet<>();
    for (int v = 0; v < latest.size(); v++) {
      String domain = latest.domain(v);
      for (String deny : names) {
        if (domain.equals(deny) || domain.endsWith("." + deny)) {
          denied.add(v);
        }
      }
    }
  }

  private static String body(int mine, List<Integer> competitors, String extra) {
    return "{\"my_domain\": \""
        + latest.domain(mine)
        + "\", \"competitor_domains\": ["
        + competitors.stream()
            .map(c -> "\"" + latest.domain(c) + "\"")
            .collect(Collectors.joining(", "))
        + "]"
        + extra
        + "}";
  }

  private static List<Map<String, Object>> targets(List<Integer> ids, List<Integer> competitors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int v : ids) {
      Map<String, Object> target = new LinkedHashMap<>(Api.linkingDomain(latest, v));
      List<String> foundOn = GapAlgebra.foundOn(latest, v, competitors);
      target.put("found_on", foundOn);
      target.put("overlap", foundOn.size());
      out.add(target);
    }
    return out;
  }

  private static JsonPath plan(String body) {
    return Api.caller()
        .body(body)
        .post("/api/v1/outreach-targets")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void targetsLinkToEveryCompetitorButNotToMeAndAreNoPlatforms() {
    int mine = byInDegree.get(6);
    List<Integer> competitors = List.of(byInDegree.get(0), byInDegree.get(1), byInDegree.get(2));
    List<Integer> expected = GapAlgebra.gaps(latest, mine, competitors, 3, denied);
    // The deny list matters here: without it, platforms would be among the targets.
    assertThat(GapAlgebra.gaps(latest, mine, competitors, 3, Set.of()))
        .hasSizeGreaterThan(expected.size());
    assertThat(expected).isNotEmpty();

    JsonPath answer = plan(body(mine, competitors, ", \"limit\": 10000"));
    assertThat(answer.getString("my_domain")).isEqualTo(latest.domain(mine));
    assertThat(answer.getString("release_id")).isEqualTo(TestReleases.LATEST);
    assertThat(answer.getInt("min_overlap")).isEqualTo(3);
    assertThat(answer.getString("deny_list_version")).startsWith("v1+local.");
    assertThat(answer.getLong("total_targets")).isEqualTo(expected.size());
    assertThat(answer.getInt("returned")).isEqualTo(expected.size());
    assertThat(answer.getList("targets")).isEqualTo(targets(expected, competitors));
  }

  @Test
  void minOverlapWidensTheListAndLimitCutsIt() {
    int mine = byInDegree.get(9);
    List<Integer> competitors = List.of(byInDegree.get(1), byInDegree.get(5), byInDegree.get(8));
    List<Integer> expected = GapAlgebra.gaps(latest, mine, competitors, 2, denied);
    assertThat(expected.size()).isGreaterThan(20);
    JsonPath answer = plan(body(mine, competitors, ", \"min_overlap\": 2, \"limit\": 20"));
    assertThat(answer.getLong("total_targets")).isEqualTo(expected.size());
    assertThat(answer.getList("targets")).isEqualTo(targets(expected.subList(0, 20), competitors));
  }

  @Test
  void theDefaultListHoldsAHundred() {
    int mine = byInDegree.get(30);
    List<Integer> competitors = List.of(byInDegree.get(0), byInDegree.get(1));
    List<Integer> expected = GapAlgebra.gaps(latest, mine, competitors, 1, denied);
    JsonPath answer = plan(body(mine, competitors, ", \"min_overlap\": 1"));
    assertThat(answer.getInt("returned")).isEqualTo(Math.min(100, expected.size()));
    assertThat(answer.getList("targets"))
        .isEqualTo(targets(expected.subList(0, Math.min(100, expected.size())), competitors));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"my_domain\": \"example.com\", \"competitor_domains\": []}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\", \"b.com\"], \"min_overlap\": 3}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\"], \"min_overlap\": 0}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\"], \"limit\": 0}",
        "{\"my_domain\": \"bad domain\", \"competitor_domains\": [\"a.com\"]}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\",\"b.com\",\"c.com\",\"d.com\",\"e.com\",\"f.com\"]}"
      })
  void badInputIsA400InTheCrawlGraphEnvelope(String body) {
    Api.caller()
        .body(body)
        .post("/api/v1/outreach-targets")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
  }
}
